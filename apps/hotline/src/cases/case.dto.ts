import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { HelpRequestEndings } from '@platform/contracts';
import type { CaseIntake, JobHours, PhysicalDemand } from '@platform/contracts';
import { trim, trimEach } from '@platform/nest-kit';
import { PersonIntakeDto } from '@platform/person-intake';

/** The caller as the intake takes them down: the validators the people service's registration shares. */
export { PersonIntakeDto as CasePersonDto };

export const JOB_HOURS: readonly JobHours[] = ['full_time', 'part_time', 'shift', 'flexible'];
export const PHYSICAL_DEMANDS: readonly PhysicalDemand[] = ['light', 'moderate', 'heavy'];
export const CONTACT_CHANNELS = ['phone', 'in-person', 'online', 'sms', 'home-visit'] as const;
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;

export class CaseConstraintsDto {
  @ApiPropertyOptional({ enum: JOB_HOURS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(JOB_HOURS.length)
  @ArrayUnique()
  @IsIn(JOB_HOURS, { each: true })
  hours?: JobHours[];

  @ApiPropertyOptional({ minimum: 1, maximum: 200 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  maxDistanceKm?: number;

  @ApiPropertyOptional({ enum: PHYSICAL_DEMANDS })
  @IsOptional()
  @IsIn(PHYSICAL_DEMANDS)
  maxPhysicalDemand?: PhysicalDemand;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  needsDisabledSuitable?: boolean;

  @ApiPropertyOptional({ description: 'Minimum monthly wage in fen (分)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  minWageFen?: number;
}

/** Where the person can work from: within the Chengdu area, the bounds the jobs service matches in. */
export class LocationDto {
  @ApiProperty({ minimum: 29.9, maximum: 31.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(29.9)
  @Max(31.5)
  lat!: number;

  @ApiProperty({ minimum: 102.9, maximum: 105 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(102.9)
  @Max(105)
  lng!: number;
}

/** What the caller told the operator (CaseIntake). */
export class OpenCaseDto implements CaseIntake {
  @ApiProperty({ type: PersonIntakeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PersonIntakeDto)
  person!: PersonIntakeDto;

  @ApiProperty({ description: 'What work the person wants, in their words' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  wants!: string;

  @ApiProperty({ description: '不挑不选: accepts any suitable job (the 2-working-day promise applies)' })
  @IsBoolean()
  acceptsAnyJob!: boolean;

  /** At most 30 characters each: matching compares skills of that length. */
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @Transform(trimEach)
  @IsString({ each: true })
  @Length(1, 30, { each: true })
  skills!: string[];

  @ApiProperty({ type: CaseConstraintsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CaseConstraintsDto)
  constraints!: CaseConstraintsDto;

  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  /** Checked in the service (offset required, not in the future, at most 30 days ago). */
  @ApiPropertyOptional({
    example: '2025-10-09T14:30:00+08:00',
    description:
      'When the call was received, for a call keyed in later (e.g. taken on paper during an outage): ' +
      'ISO-8601 with an offset, not in the future, at most 30 days ago. The SLA clock starts here. ' +
      'Default: now.',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  receivedAt?: string;
}

export class CaseIdParams {
  @IsUUID()
  id!: string;
}

export class ReferralParams extends CaseIdParams {
  @IsUUID()
  referralId!: string;
}

export class RecordContactDto {
  @ApiProperty({ enum: CONTACT_CHANNELS })
  @IsIn(CONTACT_CHANNELS)
  channel!: (typeof CONTACT_CHANNELS)[number];

  @ApiProperty()
  @IsBoolean()
  reached!: boolean;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  note!: string;
}

export class ProposeReferralDto {
  @ApiProperty()
  @IsUUID()
  vacancyId!: string;
}

export class PersonAnswerDto {
  @ApiProperty({ enum: ['accepted', 'declined'] })
  @IsIn(['accepted', 'declined'])
  answer!: 'accepted' | 'declined';

  /** Required for a refusal: the refusal policy decides whether it counts. */
  @ApiPropertyOptional({ description: 'Required when declined (refusal policy reason code)' })
  @ValidateIf((body: PersonAnswerDto) => body.answer === 'declined' || body.reasonCode !== undefined)
  @Matches(/^[a-z][a-z0-9_-]{0,63}$/)
  reasonCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class ConfirmStartDto {
  @ApiProperty({ description: 'yyyy-mm-dd (Asia/Shanghai)' })
  @Matches(YMD)
  startedOn!: string;
}

export class RecordCallbackDto {
  @ApiProperty()
  @IsBoolean()
  reached!: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  working?: boolean;

  /** Required when the person was reached. */
  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @ValidateIf((body: RecordCallbackDto) => body.reached === true || body.satisfaction !== undefined)
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction?: number;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  note!: string;
}

export class RecordFollowUpDto {
  @ApiProperty()
  @IsBoolean()
  reached!: boolean;

  @ApiProperty({ description: 'False reopens help with a new 2-working-day clock' })
  @IsBoolean()
  stillEmployed!: boolean;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  note!: string;
}

export class HandOffDto {
  @ApiProperty({ description: 'Username of an operator or supervisor who can see the case' })
  @Matches(/^[a-z0-9._-]{3,64}$/)
  toOwner!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class CloseCaseDto {
  @ApiProperty({ enum: HelpRequestEndings })
  @IsIn(HelpRequestEndings)
  ending!: (typeof HelpRequestEndings)[number];

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}
