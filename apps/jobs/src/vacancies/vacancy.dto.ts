import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import type { JobHours, PhysicalDemand, VacancyKind } from '@platform/contracts';
import { PageQuery, trim, trimEach } from '@platform/nest-kit';

export const VACANCY_KINDS = [
  'market',
  'public_welfare',
  'assistance_base',
] as const satisfies readonly VacancyKind[];
export const HOURS = ['full_time', 'part_time', 'shift', 'flexible'] as const satisfies readonly JobHours[];
export const PHYSICAL_DEMANDS = ['light', 'moderate', 'heavy'] as const satisfies readonly PhysicalDemand[];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What an employer may write. There is deliberately no employerId, status or taken here: the employer comes from
 * the token, the status from the close action and taken from referrals; the strict pipe refuses them.
 */
export class VacancyBody {
  @IsIn(VACANCY_KINDS)
  kind!: VacancyKind;

  @ApiProperty({ example: '4-07-05-01', description: 'occupation code (职业分类大典)' })
  @IsString()
  @Matches(/^[1-8](-\d{2}){1,3}$/)
  occupationCode!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  title!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  description!: string;

  // Optional without a default: a default would also fill a PATCH that leaves skills out, and wipe them.
  @ApiPropertyOptional({ type: [String], default: [] })
  @IsOptional()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(30, { each: true })
  skills?: string[];

  @IsString()
  @Matches(/^5101\d{2}$/)
  districtCode!: string;

  @IsString()
  @Matches(/^\d{9}$/)
  streetCode!: string;

  @IsOptional()
  @IsString()
  @Matches(/^\d{12}$/)
  communityCode?: string;

  // The point matching measures from. Employers name a community (or a street) instead: without lat and lng
  // the point is that unit's centroid (see vacancyPoint). Both or neither.
  @ApiPropertyOptional({ example: 30.65, description: 'omit to use the community’s (or street’s) centroid' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(29.9)
  @Max(31.5)
  lat?: number;

  @ApiPropertyOptional({ example: 104.06, description: 'omit to use the community’s (or street’s) centroid' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(102.9)
  @Max(105)
  lng?: number;

  @IsIn(HOURS)
  hours!: JobHours;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  shiftNote?: string;

  @IsIn(PHYSICAL_DEMANDS)
  physicalDemand!: PhysicalDemand;

  @IsBoolean()
  disabledSuitable!: boolean;

  @ApiProperty({ description: 'monthly wage, fen' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  wageMinFen!: number;

  @IsInt()
  @Min(0)
  @Max(100_000_000)
  wageMaxFen!: number;

  @IsInt()
  @Min(1)
  @Max(10_000)
  headcount!: number;

  @IsBoolean()
  noExperience!: boolean;

  @IsISO8601({ strict: true })
  @Matches(DATE)
  validFrom!: string;

  @IsISO8601({ strict: true })
  @Matches(DATE)
  validTo!: string;
}

/**
 * Any subset of the fields. null only clears what may be empty (community, shift note); a null title or wage is
 * refused by the field's rule instead of reaching the database as a 500.
 */
export class UpdateVacancyBody extends PartialType(VacancyBody, { skipNullProperties: false }) {}

export class ListVacanciesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Chinese keyword(s) in title or description; 1 character is enough' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  q?: string;

  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @IsOptional()
  @IsIn(VACANCY_KINDS)
  kind?: VacancyKind;

  @IsOptional()
  @Matches(/^5101\d{2}$/)
  districtCode?: string;
}
