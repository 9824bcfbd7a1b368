import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  NotContains,
  ValidateNested,
} from 'class-validator';
import { trim } from '@platform/nest-kit';

/** What the station agrees to do for the person (一人一策 的援助措施). */
export const PLAN_ITEM_KINDS = [
  'job-recommendation',
  'training',
  'policy-subsidy',
  'public-welfare-post',
  'counselling',
  'other',
] as const;
export type PlanItemKind = (typeof PLAN_ITEM_KINDS)[number];

/**
 * How the person agreed, as service records are confirmed ("3+1"): `station` — signed on paper at the service
 * station, the operator names the witness; `phone` — agreed by phone, the operator read the agreement back and
 * the person confirmed it.
 */
export const AGREEMENT_METHODS = ['station', 'phone'] as const;
export type AgreementMethod = (typeof AGREEMENT_METHODS)[number];

const YMD = /^\d{4}-\d{2}-\d{2}$/;
/** Postgres text cannot hold a NUL character: refused as bad input, never left to fail the insert. */
const noNul = () => NotContains(String.fromCharCode(0));

export class PlanIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  planId!: string;
}

export class PlanItemParams extends PlanIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  itemId!: string;
}

export class AgreementDto {
  @ApiProperty({ enum: AGREEMENT_METHODS })
  @IsIn(AGREEMENT_METHODS)
  method!: AgreementMethod;

  @ApiPropertyOptional({ description: 'station: who witnessed the signature (1–50 characters)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @noNul()
  @Length(1, 50)
  witnessName?: string;

  @ApiPropertyOptional({
    description: 'phone: true when the agreement was read back and the person confirmed it',
  })
  @IsOptional()
  @IsBoolean()
  readBackConfirmed?: boolean;
}

export class PlanItemDto {
  @ApiProperty({ enum: PLAN_ITEM_KINDS })
  @IsIn(PLAN_ITEM_KINDS)
  kind!: PlanItemKind;

  @ApiProperty({ example: '推荐 3 个保洁类岗位' })
  @Transform(trim)
  @IsString()
  @noNul()
  @Length(1, 500)
  description!: string;

  @ApiProperty({ example: '2026-01-20', description: 'yyyy-mm-dd (Asia/Shanghai)' })
  @Matches(YMD)
  dueOn!: string;

  @ApiProperty({
    example: 'operator.wuhou',
    description: 'The staff member responsible (an account of the area)',
  })
  @IsString()
  @noNul()
  @Length(1, 64)
  responsible!: string;
}

export class AgreePlanDto {
  @ApiProperty({ example: '2026-01-05', description: 'The day the agreement was made (yyyy-mm-dd)' })
  @Matches(YMD)
  agreedOn!: string;

  @ApiProperty({ type: AgreementDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AgreementDto)
  agreement!: AgreementDto;

  @ApiProperty({ example: '半年内在社区附近稳定就业', description: 'The goals agreed, in plain words' })
  @Transform(trim)
  @IsString()
  @noNul()
  @Length(1, 1000)
  goals!: string;

  @ApiPropertyOptional({ example: '保洁员', description: '目标岗位' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @noNul()
  @Length(1, 100)
  targetJob?: string;

  @ApiPropertyOptional({ example: 3000, description: '期望月收入（元）' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  expectedMonthlyIncomeYuan?: number;

  @ApiProperty({ type: [PlanItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PlanItemDto)
  items!: PlanItemDto[];
}

export class CloseItemDto {
  @ApiProperty({ enum: ['done', 'dropped'] })
  @IsIn(['done', 'dropped'])
  status!: 'done' | 'dropped';

  @ApiProperty({ description: 'What came of it, or why it was dropped' })
  @Transform(trim)
  @IsString()
  @noNul()
  @Length(1, 500)
  outcome!: string;
}

/** One item's change at a review: closed (done / dropped with the outcome) or given a new due date with a reason. */
export class ReviewItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  itemId!: string;

  @ApiPropertyOptional({ enum: ['done', 'dropped'] })
  @IsOptional()
  @IsIn(['done', 'dropped'])
  status?: 'done' | 'dropped';

  @ApiPropertyOptional({ description: 'With a status: what came of it, or why it was dropped' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @noNul()
  @Length(1, 500)
  outcome?: string;

  @ApiPropertyOptional({ example: '2026-02-10', description: 'A new due date (yyyy-mm-dd)' })
  @IsOptional()
  @Matches(YMD)
  dueOn?: string;

  @ApiPropertyOptional({ description: 'With a new due date: why it moved' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @noNul()
  @Length(1, 500)
  reason?: string;
}

export class ReviewPlanDto {
  @ApiProperty({ description: 'What was discussed with the person about the plan' })
  @Transform(trim)
  @IsString()
  @noNul()
  @Length(1, 2000)
  note!: string;

  @ApiProperty({ type: [ReviewItemDto], description: 'The items that changed (may be empty)' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReviewItemDto)
  items!: ReviewItemDto[];
}
