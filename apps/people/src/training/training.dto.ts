import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsOmittable, PageQuery, trim } from '@platform/nest-kit';

/** Vocational qualification levels (职业技能等级): 初级, 中级, 高级, 技师, 高级技师. */
export const COURSE_LEVELS = [
  'primary',
  'intermediate',
  'advanced',
  'technician',
  'senior-technician',
] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];

export const ENROLMENT_STATUSES = ['referred', 'enrolled', 'completed', 'dropped'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** A unit of the org tree by its code: the city (510100), a district (6 digits), a street (9), a community (12). */
const UNIT_CODE = /^5101(00|\d{2}(\d{3}(\d{3})?)?)$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Text Postgres can store: no NUL character (bad input, not a server error). */
// eslint-disable-next-line no-control-regex
const NO_NUL = /^[^\u0000]*$/;

export class CreateProviderDto {
  @ApiProperty({ description: 'The provider (training school, centre) as it is known, 1-100 characters' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NO_NUL)
  name!: string;

  @ApiProperty({
    description: 'The unit that contracts the provider: city, district, street or community code',
  })
  @Matches(UNIT_CODE)
  unitCode!: string;
}

export class UpdateProviderDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NO_NUL)
  name?: string;
}

export class CreateCourseDto {
  @ApiProperty()
  @IsUUID()
  providerId!: string;

  @ApiProperty({ description: '1-100 characters' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NO_NUL)
  title!: string;

  @ApiProperty({ description: 'The occupation it trains for (e.g. 中式烹调师), 1-100 characters' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NO_NUL)
  occupation!: string;

  @ApiProperty({ enum: COURSE_LEVELS })
  @IsIn(COURSE_LEVELS)
  level!: CourseLevel;

  @ApiProperty({ example: '2026-03-02' })
  @Matches(DAY)
  startsOn!: string;

  @ApiProperty({ example: '2026-03-27' })
  @Matches(DAY)
  endsOn!: string;

  @ApiProperty({ minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity!: number;

  @ApiProperty({ description: 'Free of charge for persons in a hardship category' })
  @IsBoolean()
  freeForHardship!: boolean;

  @ApiProperty({ description: 'The unit that runs the course: city, district, street or community code' })
  @Matches(UNIT_CODE)
  unitCode!: string;
}

export class UpdateCourseDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NO_NUL)
  title?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NO_NUL)
  occupation?: string;

  @ApiPropertyOptional({ enum: COURSE_LEVELS })
  @IsOmittable()
  @IsIn(COURSE_LEVELS)
  level?: CourseLevel;

  @ApiPropertyOptional()
  @IsOmittable()
  @Matches(DAY)
  startsOn?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @Matches(DAY)
  endsOn?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity?: number;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  freeForHardship?: boolean;
}

export class ListCoursesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  providerId?: string;
}

export class ReferDto {
  @ApiProperty({ description: 'The registered person referred (in the caller’s area)' })
  @IsUUID()
  personId!: string;
}

export class AttendanceDto {
  @ApiProperty({ description: 'The course day (yyyy-mm-dd), between its start and end and not after today' })
  @Matches(DAY)
  on!: string;

  @ApiProperty()
  @IsBoolean()
  present!: boolean;
}

export class CompletionDto {
  @ApiProperty({ description: 'Whether the person passed the assessment' })
  @IsBoolean()
  passed!: boolean;

  @ApiPropertyOptional({ description: 'The certificate number: required when passed, refused otherwise' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(NO_NUL)
  certificateNo?: string;
}

export class DropDto {
  @ApiProperty({ description: 'Why the person left the course, 1-500 characters' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(NO_NUL)
  reason!: string;
}

export class KpiQuery {
  @ApiProperty({
    description: 'First day of the period (referrals made from this day on)',
    example: '2026-01-01',
  })
  @Matches(DAY)
  from!: string;

  @ApiProperty({ description: 'Last day of the period', example: '2026-06-30' })
  @Matches(DAY)
  to!: string;

  @ApiPropertyOptional({ description: 'Only courses run by this unit or inside it' })
  @IsOptional()
  @Matches(UNIT_CODE)
  unitCode?: string;
}

export class TrainingIdParams {
  @IsUUID()
  id!: string;
}

export class PageOnlyQuery extends PageQuery {}
