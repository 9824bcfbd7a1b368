import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from './password-policy';

/** Loose on purpose: the format rules of usernames are not revealed at the login form. */
export class LoginDto {
  @ApiProperty({ example: 'operator.wuhou' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token of the last login or refresh answer (each works once)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, {
    message: 'refreshToken must be the 43-character token the login answered',
  })
  refreshToken!: string;
}
