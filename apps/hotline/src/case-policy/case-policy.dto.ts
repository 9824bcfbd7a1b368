import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ChangeReasonRules, FollowUpMonthsRules } from '../policy-history/city-wide-policy';

const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class RefusalPolicyDto {
  @ApiProperty({ example: ['health', 'distance', 'wage-below-minimum'], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  @Matches(KEBAB_CASE, { each: true, message: 'each value in validReasonCodes must be kebab-case' })
  validReasonCodes!: string[];

  @ApiProperty({ example: 2, minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  maxUnjustifiedRefusals!: number;
}

/** A new case policy: applies to cases whose intake reads it after the change (running cases keep theirs). */
export class PutCasePolicyBody {
  @ApiProperty({ type: RefusalPolicyDto })
  @ValidateNested()
  @Type(() => RefusalPolicyDto)
  refusal!: RefusalPolicyDto;

  @ApiProperty({ example: 1, minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  callbackAfterWorkingDays!: number;

  @ApiProperty({ example: [1, 3, 6], description: 'ascending, 1–24, at most 6' })
  @FollowUpMonthsRules()
  followUpMonths!: number[];

  @ApiProperty({ example: 2, minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  promiseWorkingDays!: number;

  @ApiProperty({ example: '市人社局通知：增加拒绝理由“交通不便”' })
  @ChangeReasonRules()
  reason!: string;
}
