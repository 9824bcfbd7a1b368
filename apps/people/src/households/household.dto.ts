import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';

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
