import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQuery, trim } from '@platform/nest-kit';

export const RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'sibling',
  'grandparent',
  'grandchild',
  'other',
] as const;

export class CreateHouseholdDto {
  @ApiProperty({ enum: ['urban', 'rural'] })
  @IsIn(['urban', 'rural'])
  hukouType!: 'urban' | 'rural';

  @ApiProperty({ description: 'Community code (12 digits)' })
  @Matches(/^\d{12}$/)
  communityCode!: string;

  @ApiPropertyOptional({ description: 'Any business or investment income (经营性、投资性收入)' })
  @IsOptional()
  @IsBoolean()
  hasBusinessIncome?: boolean;

  @ApiPropertyOptional({ description: 'Per-capita income below 50 % of the local average' })
  @IsOptional()
  @IsBoolean()
  lowIncome?: boolean;
}

export class UpdateHouseholdDto {
  @IsOptional()
  @IsBoolean()
  hasBusinessIncome?: boolean;

  @IsOptional()
  @IsBoolean()
  lowIncome?: boolean;
}

export class AddMemberDto {
  @IsUUID()
  personId!: string;

  @ApiProperty({ enum: RELATIONS })
  @IsIn(RELATIONS)
  relation!: (typeof RELATIONS)[number];
}

export class HouseholdIdParams {
  @IsUUID()
  id!: string;
}

export class HouseholdMemberParams {
  @IsUUID()
  id!: string;

  @IsUUID()
  personId!: string;
}

/** A station's certification (认定) of a household as a zero-employment household. */
export class CertifyHouseholdDto {
  @ApiPropertyOptional({ description: 'What the station checked (its own words)', maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  note?: string;
}

export class ListHouseholdsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only households in (or out of) the status' })
  @IsOptional()
  @IsIn(['true', 'false'])
  zeroEmployment?: 'true' | 'false';
}
