import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
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
import { DISTRICT, PERIOD } from '../shared/codes';
import { IsOmittable, PageQuery, trim } from '@platform/nest-kit';

export class CreateWelfarePoolBody {
  @ApiPropertyOptional({ description: 'a district, or 510100 for a city-wide pool' })
  @IsString()
  @Matches(DISTRICT)
  districtCode!: string;

  @Transform(trim)
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
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(100_000)
  priorityReserve: number = 0;

  @ApiPropertyOptional({ description: 'the employer running the posts, when known (one the caller sees)' })
  @IsOptional()
  @IsUUID()
  employerId?: string;
}

export class ListPoolsQuery extends PageQuery {
  @IsOptional()
  @Matches(DISTRICT)
  districtCode?: string;
}
