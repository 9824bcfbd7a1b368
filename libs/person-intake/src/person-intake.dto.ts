/**
 * The validators of a person as the hotline's intake takes them down (`PersonIntake` in libs/contracts): one set
 * for the hotline's `POST /cases` body and the people service's registration (its HTTP API and the
 * `registerOrFindPerson` activity). libs/contracts keeps the plain types, since the workflow bundle imports it.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
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
import { HukouTypes, PersonIntakeLimits, PovertyStatuses, UnemploymentStatuses } from '@platform/contracts';
import type {
  HukouType,
  PersonCircumstances,
  PersonIntake,
  PersonUnemployment,
  PovertyStatus,
  UnemploymentStatus,
} from '@platform/contracts';
import { IsOmittable, trim } from '@platform/nest-kit';

/** yyyy-mm-dd; whether it is a real day is checked by the service that takes it (each names its own rule). */
export const CALENDAR_DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;
const COMMUNITY_CODE = /^\d{12}$/;

/** The unemployment registration (失业登记), as the people service registers it. */
export class PersonUnemploymentDto implements PersonUnemployment {
  /** A real date not in the future: checked in the service. */
  @ApiProperty({ description: 'Date of the unemployment registration, yyyy-mm-dd, not in the future' })
  @Matches(CALENDAR_DAY_FORMAT)
  registeredOn!: string;

  @ApiProperty({ enum: UnemploymentStatuses })
  @IsIn(UnemploymentStatuses)
  status!: UnemploymentStatus;
}

/**
 * What the caller declares that assistance categories depend on (staff check it later). Each may be left out,
 * but null is refused: absent means "not said".
 */
export class PersonCircumstancesDto implements PersonCircumstances {
  @ApiPropertyOptional({ description: 'False for a caller without local hukou' })
  @IsOmittable()
  @IsBoolean()
  localHukou?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: PersonIntakeLimits.monthsMax })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(PersonIntakeLimits.monthsMax)
  residentMonths?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: PersonIntakeLimits.monthsMax })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(PersonIntakeLimits.monthsMax)
  insuredMonths?: number;

  @ApiPropertyOptional({ description: '享受低保 (minimum living allowance)' })
  @IsOmittable()
  @IsBoolean()
  minimumLivingAllowance?: boolean;

  @ApiPropertyOptional({ description: 'Single parent raising a child under 18' })
  @IsOmittable()
  @IsBoolean()
  singleParentOfMinor?: boolean;

  @ApiPropertyOptional({ enum: PovertyStatuses })
  @IsOmittable()
  @IsIn(PovertyStatuses)
  povertyStatus?: PovertyStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: PersonIntakeLimits.monthsMax })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(PersonIntakeLimits.monthsMax)
  returningMigrantInsuredMonths?: number;

  @ApiPropertyOptional({ description: 'Farmer whose land was expropriated' })
  @IsOmittable()
  @IsBoolean()
  landExpropriated?: boolean;

  @ApiPropertyOptional({ description: 'College graduate' })
  @IsOmittable()
  @IsBoolean()
  graduate?: boolean;
}

/** Contact, residence and what categories depend on. ID number and phone are checked further in the service. */
export class PersonIntakeDto implements PersonIntake {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, PersonIntakeLimits.nameMax)
  name!: string;

  /** Checked with @platform/pii validateIdNumber (length, birth date, MOD 11-2 check character). */
  @ApiProperty({ description: 'Resident ID number (18 characters, GB 11643)' })
  @Transform(trim)
  @IsString()
  @MaxLength(32)
  idNumber!: string;

  @ApiProperty({ description: 'Mainland mobile, 1[3-9] + 9 digits, optional +86/86' })
  @Transform(trim)
  @IsString()
  @MaxLength(32)
  phone!: string;

  @ApiProperty({ enum: HukouTypes })
  @IsIn(HukouTypes)
  hukouType!: HukouType;

  @ApiProperty({ description: 'Place of household registration (户籍地)' })
  @Transform(trim)
  @IsString()
  @Length(1, PersonIntakeLimits.hukouPlaceMax)
  hukouPlace!: string;

  @ApiProperty({ description: 'Community code (12 digits); must lie in the caller’s org subtree' })
  @Matches(COMMUNITY_CODE)
  communityCode!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, PersonIntakeLimits.residenceAddressMax)
  residenceAddress?: string;

  @ApiPropertyOptional({ description: 'Disability certificate number (残疾人证号), 6–30 letters or digits' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Matches(PersonIntakeLimits.disabilityCertificateNo)
  disabilityCertificateNo?: string;

  @ApiPropertyOptional({ type: PersonUnemploymentDto })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonUnemploymentDto)
  unemployment?: PersonUnemploymentDto;

  @ApiPropertyOptional({ type: PersonCircumstancesDto })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonCircumstancesDto)
  circumstances?: PersonCircumstancesDto;
}
