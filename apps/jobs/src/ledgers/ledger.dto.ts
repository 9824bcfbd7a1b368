import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { LedgerCorrectionFields } from '@platform/ledger-export';
import { JOBS_LEDGERS, JobsLedger } from './vacancy-ledger';

export {
  CloseMonthBody,
  LedgerExportQuery,
  LedgerMonthQuery,
  LedgerRowsQuery,
} from '@platform/ledger-export';

export class LedgerParams {
  @ApiProperty({ enum: JOBS_LEDGERS })
  @IsIn(JOBS_LEDGERS)
  ledger!: JobsLedger;
}

export class LedgerCorrectionBody extends LedgerCorrectionFields {
  @ApiProperty({ enum: JOBS_LEDGERS })
  @IsIn(JOBS_LEDGERS)
  ledger!: JobsLedger;
}
