import {
  HukouTypes,
  PersonIntakeLimits,
  PovertyStatuses,
  UnemploymentStatuses,
  type PersonCircumstances,
  type PersonIntake,
  type PersonUnemployment,
} from '@platform/contracts';
import { PageQuery } from '@platform/nest-kit';
import { UNMASK_FIELDS, UnmaskField } from './unmask.service';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const HUKOU_TYPES = HukouTypes;
export const UNEMPLOYMENT_STATUSES = UnemploymentStatuses;
export const POVERTY_STATUSES = PovertyStatuses;
const MONTHS_MAX = PersonIntakeLimits.monthsMax;

/** Strings are checked after trimming: a name of spaces is empty, not 3 characters long. */
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

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

export class UnemploymentDto implements PersonUnemployment {
  @IsISO8601({ strict: true })
  registeredOn!: string;

  @IsIn(UNEMPLOYMENT_STATUSES)
  status!: (typeof UNEMPLOYMENT_STATUSES)[number];
}

/** What the person declares that assistance categories depend on (checked by staff, not by this service). */
export class CircumstancesDto implements PersonCircumstances {
  @IsOptional() @IsBoolean() localHukou?: boolean;
  @IsOptional() @IsInt() @Min(0) @Max(MONTHS_MAX) residentMonths?: number;
  @IsOptional() @IsInt() @Min(0) @Max(MONTHS_MAX) insuredMonths?: number;
  @IsOptional() @IsBoolean() minimumLivingAllowance?: boolean;
  @IsOptional() @IsBoolean() singleParentOfMinor?: boolean;
  @IsOptional() @IsIn(POVERTY_STATUSES) povertyStatus?: (typeof POVERTY_STATUSES)[number];
  @IsOptional() @IsInt() @Min(0) @Max(MONTHS_MAX) returningMigrantInsuredMonths?: number;
  @IsOptional() @IsBoolean() landExpropriated?: boolean;
  @IsOptional() @IsBoolean() graduate?: boolean;
}

/**
 * The hotline intake's person (PersonIntake), as the registration activity receives it: contact, residence and
 * what categories depend on. Checked with the same rules as the registration API's fields.
 */
export class PersonIntakeDto implements PersonIntake {
  @Transform(trim)
  @IsString()
  @Length(1, PersonIntakeLimits.nameMax)
  name!: string;

  @IsString()
  @MaxLength(32)
  idNumber!: string;

  @IsString()
  @MaxLength(32)
  phone!: string;

  @IsIn(HUKOU_TYPES)
  hukouType!: (typeof HUKOU_TYPES)[number];

  @Transform(trim)
  @IsString()
  @Length(1, PersonIntakeLimits.hukouPlaceMax)
  hukouPlace!: string;

  @Matches(/^\d{12}$/)
  communityCode!: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(PersonIntakeLimits.residenceAddressMax)
  residenceAddress?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(PersonIntakeLimits.disabilityCertificateNo)
  disabilityCertificateNo?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => UnemploymentDto)
  unemployment?: UnemploymentDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CircumstancesDto)
  circumstances?: CircumstancesDto;
}

export class RegisterPersonDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, PersonIntakeLimits.nameMax)
  name!: string;

  @ApiProperty({ description: 'Resident ID number (18 characters, GB 11643)' })
  @IsString()
  @MaxLength(32)
  idNumber!: string;

  @ApiProperty({ description: 'Mobile, 1[3-9] + 9 digits, optional +86/86' })
  @IsString()
  @MaxLength(32)
  phone!: string;

  @ApiPropertyOptional({ description: 'Optional; must agree with the ID number' })
  @IsOptional()
  @IsIn(['male', 'female'])
  gender?: 'male' | 'female';

  @ApiPropertyOptional({ description: 'Optional; must agree with the ID number' })
  @IsOptional()
  @IsISO8601({ strict: true })
  birthDate?: string;

  @ApiProperty({ enum: HUKOU_TYPES })
  @IsIn(HUKOU_TYPES)
  hukouType!: (typeof HUKOU_TYPES)[number];

  @ApiProperty({ description: 'Place of household registration (户籍地)' })
  @Transform(trim)
  @IsString()
  @Length(1, PersonIntakeLimits.hukouPlaceMax)
  hukouPlace!: string;

  @ApiProperty({ description: 'Community code (12 digits) in the four-level tree' })
  @Matches(/^\d{12}$/)
  communityCode!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(PersonIntakeLimits.residenceAddressMax)
  residenceAddress?: string;

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

  @ApiPropertyOptional({ type: UnemploymentDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => UnemploymentDto)
  unemployment?: UnemploymentDto;

  @ApiPropertyOptional({ type: CircumstancesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CircumstancesDto)
  circumstances?: CircumstancesDto;
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
