import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '@platform/nest-kit';

export const MISSING_FILTERS = ['jobs', 'training', 'both'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class WorklistQuery extends PageQuery {
  @ApiPropertyOptional({ example: '510107', description: 'Only the persons of this district (6 digits)' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be a district code (6 digits)' })
  districtCode?: string;

  @ApiPropertyOptional({ example: '510107003', description: 'Only the persons of this street (9 digits)' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'streetCode must be a street code (9 digits)' })
  streetCode?: string;

  @ApiPropertyOptional({
    example: '510107003001',
    description: 'Only the persons of this community (12 digits)',
  })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'communityCode must be a community code (12 digits)' })
  communityCode?: string;

  @ApiPropertyOptional({
    enum: MISSING_FILTERS,
    description:
      'jobs: still short of 3 confirmed job recommendations; training: still without a confirmed training; ' +
      'both: short of both',
  })
  @IsOptional()
  @IsIn(MISSING_FILTERS)
  missing?: (typeof MISSING_FILTERS)[number];

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: also the persons whose year ended without 3+1 (default: running years only)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeEnded?: 'true' | 'false';
}

export class ThreePlusOneKpiQuery {
  @ApiPropertyOptional({ example: '510107', description: 'default: the caller’s own unit' })
  @IsOptional()
  @Matches(/^(\d{6}|\d{9}|\d{12})$/, { message: 'unit must be an org unit code (6, 9 or 12 digits)' })
  unit?: string;

  @ApiPropertyOptional({ example: '2026-10-01', description: 'default: the first day of this month' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-10-31', description: 'default: today (Asia/Shanghai)' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;
}

class CountDto {
  @ApiProperty({ description: 'Confirmed by the person (signed by both sides): these count' })
  confirmed!: number;
  @ApiProperty({ description: 'Recorded, waiting for the person’s confirmation' }) pending!: number;
  @ApiProperty({ description: 'What 3+1 asks for (3 jobs, 1 training)' }) target!: number;
}

class CategoryNameDto {
  @ApiProperty() code!: string;
  @ApiProperty({ example: { zh: '低保家庭成员', en: 'Member of a subsistence-allowance household' } })
  name!: { zh: string; en: string };
}

export class WorklistItemDto {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '139****1234' }) phoneMasked!: string;
  @ApiProperty({ example: '510107003001' }) communityCode!: string;
  @ApiProperty({ example: '2026-01-05', description: 'First day of the 3+1 year' }) registeredOn!: string;
  @ApiProperty({ example: '2027-01-04', description: 'Last day of the 3+1 year' }) yearEndsOn!: string;
  @ApiProperty({ type: CountDto }) jobs!: CountDto;
  @ApiProperty({ type: CountDto }) training!: CountDto;
  @ApiProperty({ description: 'Whole Shanghai days to the last day (0 on it, negative once ended)' })
  daysLeft!: number;
  @ApiProperty({ enum: ['on-track', 'at-risk', 'ended-unmet'] }) status!: string;
  @ApiProperty({ enum: MISSING_FILTERS }) missing!: string;
  @ApiProperty({ type: [CategoryNameDto], description: 'Hardship categories, by name' })
  categories!: CategoryNameDto[];
}

export class WorklistPageDto {
  @ApiProperty({ type: [WorklistItemDto] }) items!: WorklistItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ example: '2026-12-07', description: 'The Shanghai date days are counted from' })
  today!: string;
}

export class ThreePlusOneKpisDto {
  @ApiProperty({ type: String, nullable: true }) unit!: string | null;
  @ApiProperty({ example: '2026-12-01' }) from!: string;
  @ApiProperty({ example: '2026-12-07' }) to!: string;
  @ApiProperty({ description: 'Persons whose 3+1 year ended in the period' }) yearEnded!: number;
  @ApiProperty({ description: 'Of them, served 3+1 within the year' }) servedInYear!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'servedInYear / yearEnded in %, one decimal' })
  servedRate!: number | null;
  @ApiProperty({ description: 'Registered unemployed persons in a running year today' }) running!: number;
  @ApiProperty({ description: 'Of them, already served' }) runningServed!: number;
  @ApiProperty({ description: 'Of them, not at risk (served, or more than 60 days left)' }) onTrack!: number;
  @ApiProperty({ description: 'Of them, at most 60 days left and something still missing' }) atRisk!: number;
}

/** One person's 3+1 year (the case page and the person's service records show it). */
export class PersonThreePlusOneDto {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: '2026-01-05', description: 'First day of the 3+1 year' }) startsOn!: string;
  @ApiProperty({ example: '2027-01-04', description: 'Last day of the 3+1 year' }) endsOn!: string;
  @ApiProperty({ description: 'Whole Shanghai days to the last day (0 on it, negative once ended)' })
  daysLeft!: number;
  @ApiProperty({ enum: ['served', 'on-track', 'at-risk', 'ended-unmet'] }) status!: string;
  @ApiProperty({ description: 'Confirmed job recommendations inside the year' }) jobReferrals!: number;
  @ApiProperty({ description: 'Confirmed training referrals inside the year' }) trainingReferrals!: number;
  @ApiProperty() unconfirmedJobReferrals!: number;
  @ApiProperty() unconfirmedTrainingReferrals!: number;
  @ApiProperty({ description: '3 jobs and 1 training confirmed inside the year' }) complete!: boolean;
}
