import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';

/** An instant with an explicit offset: the SLA clock must never depend on a process time zone. */
const INSTANT_WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

export class CaseRef {
  @IsUUID()
  caseId!: string;
}

export class PrepareCaseBody extends CaseRef {
  @IsISO8601({ strict: true })
  @Matches(INSTANT_WITH_OFFSET, { message: 'startedAt must carry an offset (Z or ±hh:mm)' })
  startedAt!: string;
}

export class ComputeCaseSlaBody extends PrepareCaseBody {
  @IsInt()
  @Min(1)
  @Max(10)
  workingDays!: number;
}

export class SchedulePlacementBody extends CaseRef {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startedOn must be a date as YYYY-MM-DD' })
  startedOn!: string;

  @IsInt()
  @Min(1)
  @Max(10)
  callbackAfterWorkingDays!: number;

  @IsArray()
  @ArrayMinSize(0)
  @ArrayMaxSize(6)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(24, { each: true })
  followUpMonths!: number[];
}
