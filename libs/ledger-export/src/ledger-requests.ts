import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '@platform/nest-kit';

// The requests both ledger services (people, jobs) take: a unit and a month, paging, export format, corrections.
export const LEDGER_UNIT = /^5101\d{2}(\d{3}){0,2}$/;
export const LEDGER_UNIT_MESSAGE =
  'unit must be the code of Chengdu or of one of its districts, streets or communities';
const MONTH = /^20\d{2}-(0[1-9]|1[0-2])$/;
// Postgres text holds no NUL character: refused here (400) rather than by the database (500).
// eslint-disable-next-line no-control-regex
export const NO_NUL = /^[^\u0000]*$/;
export const NO_NUL_MESSAGE = (field: string) => `${field} must not contain a NUL character`;

export class LedgerMonthQuery {
  @ApiProperty({ example: '510107', description: 'the unit (city, district, street or community code)' })
  @Matches(LEDGER_UNIT, { message: LEDGER_UNIT_MESSAGE })
  unit!: string;

  @ApiProperty({ example: '2026-06', description: 'the month, YYYY-MM' })
  @Matches(MONTH, { message: 'month must be a month of 2000–2099 as YYYY-MM' })
  month!: string;
}

export class LedgerRowsQuery extends PageQuery {
  @ApiProperty({ example: '510107' })
  @Matches(LEDGER_UNIT, { message: LEDGER_UNIT_MESSAGE })
  unit!: string;

  @ApiProperty({ example: '2026-06' })
  @Matches(MONTH, { message: 'month must be a month of 2000–2099 as YYYY-MM' })
  month!: string;
}

export class LedgerExportQuery extends LedgerMonthQuery {
  @ApiProperty({ enum: ['csv', 'xlsx'] })
  @IsIn(['csv', 'xlsx'])
  format!: 'csv' | 'xlsx';
}

export class CloseMonthBody extends LedgerMonthQuery {}

/** A correction to a closed month; each service adds `ledger`, one of its own ledgers. */
export class LedgerCorrectionFields extends LedgerMonthQuery {
  @ApiProperty({ description: 'the row number in the closed month (rowNo)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  rowNo!: number;

  @ApiProperty({ description: 'the column key corrected' })
  @IsString()
  @Matches(/^[a-zA-Z]{1,40}$/, { message: 'field must be a column key of the ledger' })
  field!: string;

  @ApiPropertyOptional({ description: 'the right value (empty: the value should be blank)', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE('newValue') })
  newValue?: string | null;

  @ApiProperty({ description: 'why (at least 4 characters)' })
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE('reason') })
  reason!: string;
}
