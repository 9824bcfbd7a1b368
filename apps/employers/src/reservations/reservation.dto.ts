import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
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
import type { ReservationStatus } from '@platform/contracts';
import { CATEGORY, COMMUNITY, DISTRICT, PERIOD } from '../shared/codes';
import { IsOmittable, PageQuery } from '@platform/nest-kit';

export const MAX_HOLD_MINUTES = 7 * 24 * 60;

// What the case workflow's activities send (validated like a body, so bad input fails naming the field). The
// categories are the ones the people service registered for the person; no HTTP route takes them.
class HoldArgs {
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

  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(MAX_HOLD_MINUTES)
  holdMinutes: number = 24 * 60;

  @IsOptional()
  @IsString()
  @Matches(COMMUNITY)
  caseCommunityCode?: string;
}

export class BaseHoldArgs extends HoldArgs {
  @IsString()
  @Matches(PERIOD)
  period!: string;
}

export class SlotHoldArgs extends HoldArgs {}

export class EscalationArgs extends HoldArgs {
  @IsString()
  @Matches(DISTRICT)
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
