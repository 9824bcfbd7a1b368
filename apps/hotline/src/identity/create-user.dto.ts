import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Role, ROLES } from '@platform/auth';
import { ORG_CODE_PATTERN } from '../org-tree/org-unit.dto';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'operator.yulin', description: '3–64 of a-z 0-9 . _ -; stored lower-cased' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Length(3, 64)
  @Matches(/^[a-z0-9._-]+$/, { message: 'username may contain only a-z, 0-9, ".", "_" and "-"' })
  username!: string;

  @ApiProperty({ example: '张三' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiProperty({ example: '510107003' })
  @Matches(ORG_CODE_PATTERN, { message: 'orgCode must be a 6, 9 or 12 digit org unit code' })
  orgCode!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required when roles include employer, forbidden otherwise',
  })
  @IsOptional()
  @IsUUID()
  employerId?: string;
}
