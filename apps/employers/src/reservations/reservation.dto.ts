import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { ReservationStatus } from '@platform/contracts';
import { PageQuery } from '@platform/nest-kit';

/** Assistance categories are policy data (codes), not an enum in code. */
const CATEGORY = /^[a-z0-9_-]{1,40}$/;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
export const MAX_HOLD_MINUTES = 7 * 24 * 60;

export class PeriodCapacityDto {
  @ApiProperty({ example: '2026-12' })
  @IsString()
  @Matches(PERIOD)
  period!: string;

  @IsInt()
  @Min(0)
  @Max(100_000)
  capacity!: number;
}

export class CreateAssistanceBaseBody {
  @IsUUID()
  employerId!: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  designatedFrom!: string;

  @ApiProperty({ example: '2026-12-31' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  designatedTo!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(CATEGORY, { each: true })
  acceptedCategories!: string[];

  @ApiPropertyOptional({ type: [PeriodCapacityDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => PeriodCapacityDto)
  capacities: PeriodCapacityDto[] = [];
}

export class CapacityParams {
  @IsUUID()
  id!: string;

  @IsString()
  @Matches(PERIOD)
  period!: string;
}

export class PutCapacityBody {
  @IsInt()
  @Min(0)
  @Max(100_000)
  capacity!: number;
}

export class CreateWelfarePoolBody {
  @IsString()
  @Matches(/^5101\d{2}$/)
  districtCode!: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  postType!: string;

  @IsString()
  @Matches(PERIOD)
  period!: string;

  @IsInt()
  @Min(0)
  @Max(100_000)
  fundedSlots!: number;

  @ApiPropertyOptional({ description: 'slots only persons with an assistance category may take' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  priorityReserve: number = 0;

  @ApiPropertyOptional({ description: 'the employer running the posts, when known' })
  @IsOptional()
  @IsUUID()
  employerId?: string;
}

class HoldBody {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  caseId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  personId!: string;

  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(CATEGORY, { each: true })
  categories!: string[];

  @ApiPropertyOptional({ default: 24 * 60, maximum: MAX_HOLD_MINUTES })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_HOLD_MINUTES)
  holdMinutes: number = 24 * 60;
}

export class ReserveBaseCapacityBody extends HoldBody {
  @IsString()
  @Matches(PERIOD)
  period!: string;
}

export class ReserveWelfareSlotBody extends HoldBody {}

export class ReserveForEscalationBody extends HoldBody {
  @IsString()
  @Matches(/^5101\d{2}$/)
  districtCode!: string;

  @IsString()
  @Matches(PERIOD)
  period!: string;
}

export const RESERVATION_STATUSES = [
  'held',
  'confirmed',
  'released',
  'expired',
] as const satisfies readonly ReservationStatus[];

export class ListReservationsQuery extends PageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  caseId?: string;

  /** The holds on one public-welfare pool (what a supervisor allocating its slots looks at). */
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @IsOptional()
  @IsUUID()
  baseId?: string;

  @ApiPropertyOptional({ enum: RESERVATION_STATUSES })
  @IsOptional()
  @IsIn(RESERVATION_STATUSES)
  status?: ReservationStatus;
}
