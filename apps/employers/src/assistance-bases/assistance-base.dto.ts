import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CATEGORY, PERIOD } from '../shared/codes';

const DAY = /^20\d{2}-\d{2}-\d{2}$/;

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
  @Matches(DAY)
  designatedFrom!: string;

  @ApiProperty({ example: '2026-12-31' })
  @IsISO8601({ strict: true })
  @Matches(DAY)
  designatedTo!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(CATEGORY, { each: true })
  acceptedCategories!: string[];

  @ApiPropertyOptional({ type: [PeriodCapacityDto] })
  // Absent means none; null is not an array (IsOptional would let it through to the service: a 500).
  @ValidateIf((_, value) => value !== undefined)
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
