import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ChangeReasonRules, FollowUpMonthsRules } from '../policy-history/city-wide-policy';

/** A new household policy: applies to episodes started after the change (running episodes keep theirs). */
export class PutHouseholdPolicyBody {
  @ApiProperty({ example: 20, minimum: 1, maximum: 60, description: 'calendar days to one member in work' })
  @IsInt()
  @Min(1)
  @Max(60)
  oneEmployedWithinDays!: number;

  @ApiProperty({ example: 1, minimum: 1, maximum: 6, description: 'calendar months to double employment' })
  @IsInt()
  @Min(1)
  @Max(6)
  doubleEmploymentWithinMonths!: number;

  @ApiProperty({ example: 5, minimum: 0, maximum: 59, description: 'fewer than oneEmployedWithinDays' })
  @IsInt()
  @Min(0)
  @Max(59)
  warnDaysBefore!: number;

  @ApiProperty({ example: [1, 3, 6], description: 'strictly ascending, 1–24, at most 6' })
  @FollowUpMonthsRules()
  followUpMonths!: number[];

  @ApiProperty({ example: '市人社局通知：零就业家庭帮扶期限调整为30天' })
  @ChangeReasonRules()
  reason!: string;
}
