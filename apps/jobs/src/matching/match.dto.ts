import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '@platform/nest-kit';
import type { JobHours, PhysicalDemand } from '@platform/contracts';
import { HOURS, PHYSICAL_DEMANDS } from '../vacancies/vacancy.dto';

/**
 * The person as matching needs them, given by the caller for this request only. Constraints arrive as needs
 * ("needs a disabled-suitable post", "at most light work"), never as disability details, and nothing is stored.
 */
export class MatchPersonDto {
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  skills: string[] = [];

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(29.9)
  @Max(31.5)
  lat!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(102.9)
  @Max(105)
  lng!: number;

  @ApiPropertyOptional({ default: 10 })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(100)
  maxDistanceKm: number = 10;

  @ApiPropertyOptional({ description: 'hours the person can work (hard); default any' })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(HOURS, { each: true })
  acceptedHours: JobHours[] = [...HOURS];

  @ApiPropertyOptional({ enum: HOURS, description: 'hours the person prefers (soft)' })
  @IsOptional()
  @IsIn(HOURS)
  preferredHours?: JobHours;

  @ApiPropertyOptional({ enum: PHYSICAL_DEMANDS, default: 'heavy' })
  @IsOmittable()
  @IsIn(PHYSICAL_DEMANDS)
  maxPhysicalDemand: PhysicalDemand = 'heavy';

  @IsOmittable()
  @IsBoolean()
  needsDisabledSuitable: boolean = false;

  @ApiPropertyOptional({ description: 'expected monthly wage, fen (soft)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  minWageFen?: number;

  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[a-z0-9_-]{1,40}$/, { each: true })
  categories: string[] = [];

  @ApiPropertyOptional({ description: '不挑不选: ranks by distance first, skills and wage count less' })
  @IsOmittable()
  @IsBoolean()
  acceptsAnyJob: boolean = false;
}

export class MatchBody {
  // Without IsObject a missing person would pass ValidateNested and fail later as a 500.
  @IsObject()
  @ValidateNested()
  @Type(() => MatchPersonDto)
  person!: MatchPersonDto;

  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(50)
  limit: number = 20;
}

export type MatchFactor = 'skills' | 'distance' | 'hours' | 'constraints' | 'wage' | 'freshness';

export interface MatchItem {
  vacancyId: string;
  employerId: string;
  kind: string;
  title: string;
  districtCode: string;
  streetCode: string;
  hours: JobHours;
  physicalDemand: PhysicalDemand;
  wageMinFen: number;
  wageMaxFen: number;
  openPlaces: number;
  employerName: string | null;
  distanceKm: number;
  score: number;
  factors: Record<MatchFactor, number>;
  matchedSkills: string[];
  reason: { zh: string; en: string };
}
