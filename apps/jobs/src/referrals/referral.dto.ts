import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { EmployerDeclineReason, ReferralStatus } from '@platform/contracts';
import { IsOmittable, PageQuery, trim } from '@platform/nest-kit';

export const REFERRAL_STATUSES = [
  'proposed',
  'employer_accepted',
  'employer_declined',
  'person_accepted',
  'person_declined',
  'started',
  'ended',
  'expired',
] as const satisfies readonly ReferralStatus[];

/** Anything shaped like a resident ID number; it must never reach jobs (employers would see it). */
export const ID_NUMBER_LIKE = /\d{17}[\dXx]|\d{15}/;

/**
 * The candidate as the case workflow got it from the people service. The phone must arrive masked; there is no field
 * for ID numbers, disability, 低保 or household data, and the strict pipe refuses any extra field. Employers see the
 * name, masked phone and skills; the experience summary (the operator's notes) is for staff only.
 */
export class CandidateDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  personId!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  @ApiProperty({ example: '138****5678' })
  @IsString()
  @Matches(/^1\d{2}\*{4}\d{4}$/)
  maskedPhone!: string;

  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  skills: string[] = [];

  @Transform(trim)
  @IsString()
  @MaxLength(500)
  experienceSummary: string = '';
}

/** A proposal as the case workflow makes it (the jobs activity validates it; there is no HTTP route). */
export class ProposeReferralBody {
  @IsUUID()
  vacancyId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  caseId!: string;

  /** The case's community in Chengdu (12 digits); absent from workflows started before it was sent. */
  @IsOptional()
  @IsString()
  @Matches(/^5101\d{8}$/)
  caseCommunityCode?: string;

  @IsObject()
  @ValidateNested()
  @Type(() => CandidateDto)
  candidate!: CandidateDto;

  @ApiPropertyOptional({
    default: 24,
    description: 'hours each side has to answer before the referral expires',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(168)
  respondWithinHours: number = 24;
}

export const EMPLOYER_DECLINE_REASONS = [
  'skills_mismatch',
  'position_filled',
  'schedule_mismatch',
  'physical_mismatch',
  'unreachable',
  'other',
] as const satisfies readonly EmployerDeclineReason[];

export class EmployerDeclineBody {
  @ApiProperty({ enum: EMPLOYER_DECLINE_REASONS })
  @IsIn(EMPLOYER_DECLINE_REASONS)
  reasonCode!: EmployerDeclineReason;

  @ApiPropertyOptional({ description: 'Required with reasonCode other', maxLength: 500 })
  @ValidateIf((body: EmployerDeclineBody) => body.reasonCode === 'other' || body.reason !== undefined)
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class ReasonBody {
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

/** The person's answer as the case workflow records it; a decline needs the same reason as over HTTP. */
export class PersonAnswerBody {
  @IsUUID()
  referralId!: string;

  @IsIn(['accepted', 'declined'])
  answer!: 'accepted' | 'declined';

  @ValidateIf((body: PersonAnswerBody) => body.answer === 'declined' || body.reason !== undefined)
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class StartBody {
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  startedOn!: string;
}

export class EndBody extends ReasonBody {
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  endedOn!: string;
}

export class ListReferralsQuery extends PageQuery {
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @IsOptional()
  @IsUUID()
  vacancyId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  caseId?: string;
}

export class EmployerListReferralsQuery extends PageQuery {
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @IsOptional()
  @IsUUID()
  vacancyId?: string;
}
