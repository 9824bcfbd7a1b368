import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable, PageQuery, trim } from '@platform/nest-kit';

export class ContactDto {
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  @IsString()
  @Matches(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/)
  phone!: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(50)
  title?: string;
}

/** Address in the four-level tree (city 510100 → district → street → community) plus a free-text line. */
export class EmployerBody {
  @ApiProperty({ example: '91510100MA61R5GD1A' })
  @IsString()
  @MaxLength(30)
  uscc!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  industry!: string;

  @IsString()
  @Matches(/^5101\d{2}$/)
  districtCode!: string;

  @IsString()
  @Matches(/^\d{9}$/)
  streetCode!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^\d{12}$/)
  communityCode?: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  addressDetail!: string;

  @ApiPropertyOptional({ type: [ContactDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts: ContactDto[] = [];
}

export class UpdateEmployerBody extends PartialType(EmployerBody) {}

/** What an employer may change about itself: only its contacts. */
export class UpdateOwnEmployerBody {
  @ApiProperty({ type: [ContactDto] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts!: ContactDto[];
}

export class ListEmployersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'name contains' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
}
