import { PersonIntakeLimits, UnemploymentStatuses } from '@platform/contracts';
import { PageQuery, trim } from '@platform/nest-kit';
import {
  CALENDAR_DAY_FORMAT,
  PersonIntakeDto as IntakePersonDto,
  PersonUnemploymentDto,
} from '@platform/person-intake';
import { UNMASK_FIELDS, UnmaskField } from './unmask.service';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const UNEMPLOYMENT_STATUSES = UnemploymentStatuses;

export class SkillsDto {
  @ApiProperty({ description: 'Occupation codes (职业分类代码), e.g. 4-03-02-01', type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^\d(-\d{2}){1,3}$/, { each: true })
  codes!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  text?: string;
}

export class WorkHistoryEntryDto {
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  employer!: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  position?: string;

  @IsISO8601({ strict: true })
  from!: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class ConstraintsDto {
  @ApiPropertyOptional({ description: 'Disability certificate number (残疾人证号), if any' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(PersonIntakeLimits.disabilityCertificateNo)
  disabilityCertificateNo?: string;

  @ApiPropertyOptional({ description: 'Hours the person can work, e.g. "day shifts only"' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  hours?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  maxDistanceKm?: number;
}

/**
 * The shared unemployment registration, and a real calendar day: this service has no later check of its own (the
 * hotline checks the day in its service). Both rules are declared here: a subclass's rule replaces the parent's
 * rule of the same kind on the property.
 */
export class UnemploymentDto extends PersonUnemploymentDto {
  @Matches(CALENDAR_DAY_FORMAT)
  @IsISO8601({ strict: true })
  override registeredOn!: string;
}

/**
 * The hotline intake's person (PersonIntake), as the registration activity receives it: the hotline's validators,
 * with this service's unemployment registration.
 */
export class PersonIntakeDto extends IntakePersonDto {
  @ApiPropertyOptional({ type: UnemploymentDto })
  @Type(() => UnemploymentDto)
  override unemployment?: UnemploymentDto;
}

/**
 * A registration: the intake's person (without the certificate number, which is one of the constraints here) and
 * what only this API takes.
 */
export class RegisterPersonDto extends OmitType(PersonIntakeDto, ['disabilityCertificateNo'] as const) {
  @ApiPropertyOptional({ description: 'Optional; must agree with the ID number' })
  @IsOptional()
  @IsIn(['male', 'female'])
  gender?: 'male' | 'female';

  @ApiPropertyOptional({ description: 'Optional; must agree with the ID number' })
  @IsOptional()
  @IsISO8601({ strict: true })
  birthDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIn([
    'none',
    'primary',
    'junior-secondary',
    'senior-secondary',
    'vocational',
    'college',
    'bachelor',
    'postgraduate',
  ])
  education?: string;

  @ApiPropertyOptional({ type: SkillsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SkillsDto)
  skills?: SkillsDto;

  @ApiPropertyOptional({ type: [WorkHistoryEntryDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => WorkHistoryEntryDto)
  workHistory?: WorkHistoryEntryDto[];

  @ApiPropertyOptional({ type: ConstraintsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConstraintsDto)
  constraints?: ConstraintsDto;
}

/** Search within the caller's org subtree; paging from the shared PageQuery. */
export class ListPersonsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{12}$/)
  communityCode?: string;

  @ApiPropertyOptional({ description: 'Assistance category code' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{1,63}$/)
  category?: string;

  @ApiPropertyOptional({ enum: UNEMPLOYMENT_STATUSES })
  @IsOptional()
  @IsIn(UNEMPLOYMENT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Exact ID number (looked up through the blind index)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  idNumber?: string;
}

/** The ID number travels in the body, never in a URL that proxies would log. */
export class LookupPersonDto {
  @ApiProperty({ description: 'Exact ID number (looked up through the blind index)' })
  @IsString()
  @MaxLength(32)
  idNumber!: string;
}

export class UnmaskDto {
  @ApiProperty({ enum: UNMASK_FIELDS, isArray: true })
  @IsArray()
  @IsIn(UNMASK_FIELDS, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(UNMASK_FIELDS.length)
  fields!: UnmaskField[];

  @ApiProperty({ description: 'Why the full value is needed; kept in the audit' })
  @Transform(trim)
  @IsString()
  @Length(4, 500)
  reason!: string;
}

/** The caller of a case, registered by the hotline when the call is taken (the case workflow's fallback is the same step). */
export class CaseRegistrationDto {
  @ApiProperty({
    description: 'The case the registration belongs to (its service record is kept once per case)',
  })
  @IsUUID()
  caseId!: string;

  @ApiProperty({ description: 'When the call was received (ISO 8601 with offset)' })
  @IsISO8601({ strict: true })
  occurredAt!: string;

  @ApiProperty({ type: PersonIntakeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PersonIntakeDto)
  person!: PersonIntakeDto;
}
