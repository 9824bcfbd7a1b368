import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '@platform/nest-kit';
import { PEOPLE_LEDGERS, PeopleLedger } from './people-ledgers';

const UNIT = /^5101\d{2}(\d{3}){0,2}$/;
const UNIT_MESSAGE = 'unit must be the code of Chengdu or of one of its districts, streets or communities';
const MONTH = /^20\d{2}-(0[1-9]|1[0-2])$/;
// Postgres text holds no NUL character: refused here (400) rather than by the database (500).
// eslint-disable-next-line no-control-regex
const NO_NUL = /^[^\u0000]*$/;
const NO_NUL_MESSAGE = (field: string) => `${field} must not contain a NUL character`;

export class LedgerMonthQuery {
  @ApiProperty({ example: '510107', description: 'the unit (city, district, street or community code)' })
  @Matches(UNIT, { message: UNIT_MESSAGE })
  unit!: string;

  @ApiProperty({ example: '2026-06', description: 'the month, YYYY-MM' })
  @Matches(MONTH, { message: 'month must be a month of 2000–2099 as YYYY-MM' })
  month!: string;
}

export class LedgerRowsQuery extends PageQuery {
  @ApiProperty({ example: '510107' })
  @Matches(UNIT, { message: UNIT_MESSAGE })
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

export class LedgerParams {
  @ApiProperty({ enum: PEOPLE_LEDGERS })
  @IsIn(PEOPLE_LEDGERS)
  ledger!: PeopleLedger;
}

export class CloseMonthBody extends LedgerMonthQuery {}

export class LedgerCorrectionBody extends LedgerMonthQuery {
  @ApiProperty({ enum: PEOPLE_LEDGERS })
  @IsIn(PEOPLE_LEDGERS)
  ledger!: PeopleLedger;

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

export class SocialInsuranceImportBody {
  @ApiProperty({ enum: ['insured', 'retired'] })
  @IsIn(['insured', 'retired'])
  kind!: 'insured' | 'retired';

  @ApiProperty({ example: '510107', description: 'the unit the list covers' })
  @Matches(UNIT, { message: UNIT_MESSAGE })
  unit!: string;

  @ApiProperty({ example: '武侯区社保局 2026-06 参保名单', description: 'where the list comes from' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE('source') })
  source!: string;

  @ApiProperty({ example: '2026-06-30', description: 'the day the list is as of' })
  @IsISO8601({ strict: true })
  @Matches(/^20\d{2}-\d{2}-\d{2}$/, { message: 'asOf must be a day of 2000–2099 as YYYY-MM-DD' })
  asOf!: string;

  @ApiProperty({
    description:
      'CSV text: header 姓名/name, 身份证号/idNumber, 社区代码/communityCode, 参保日期|退休日期/since, 险种/insuranceType (insured lists)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1_000_000)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE('csv') })
  csv!: string;
}
