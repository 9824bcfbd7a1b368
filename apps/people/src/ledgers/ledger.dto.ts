import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  LEDGER_UNIT,
  LEDGER_UNIT_MESSAGE,
  LedgerCorrectionFields,
  NO_NUL,
  NO_NUL_MESSAGE,
} from '@platform/ledger-export';
import { PEOPLE_LEDGERS, PeopleLedger } from './people-ledgers';

export {
  CloseMonthBody,
  LedgerExportQuery,
  LedgerMonthQuery,
  LedgerRowsQuery,
} from '@platform/ledger-export';

export class LedgerParams {
  @ApiProperty({ enum: PEOPLE_LEDGERS })
  @IsIn(PEOPLE_LEDGERS)
  ledger!: PeopleLedger;
}

export class LedgerCorrectionBody extends LedgerCorrectionFields {
  @ApiProperty({ enum: PEOPLE_LEDGERS })
  @IsIn(PEOPLE_LEDGERS)
  ledger!: PeopleLedger;
}

export class SocialInsuranceImportBody {
  @ApiProperty({ enum: ['insured', 'retired'] })
  @IsIn(['insured', 'retired'])
  kind!: 'insured' | 'retired';

  @ApiProperty({ example: '510107', description: 'the unit the list covers' })
  @Matches(LEDGER_UNIT, { message: LEDGER_UNIT_MESSAGE })
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
