import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import type { SetCaseLocation } from '@platform/contracts';
import { trim } from '@platform/nest-kit';

/** PUT /cases/{id}/location. The address is personal data: stored encrypted, answered masked, never logged. */
export class SetCaseLocationDto implements SetCaseLocation {
  @ApiProperty({ description: 'Community code (12 digits) of the org tree', example: '510107003001' })
  @Matches(/^\d{12}$/, { message: 'communityCode must be a 12 digit community code' })
  communityCode!: string;

  @ApiPropertyOptional({
    description: 'Address within the community, as the caller said it (1–200 characters)',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  address?: string;
}
