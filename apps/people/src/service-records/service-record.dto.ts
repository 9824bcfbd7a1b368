import { PageQuery } from '@platform/nest-kit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export const SERVICE_KINDS = [
  'registration',
  'job-referral',
  'training-referral',
  'callback',
  'follow-up',
  'visit',
] as const;
export const SERVICE_CHANNELS = ['phone', 'in-person', 'online', 'sms', 'home-visit'] as const;

export const CONFIRMATION_METHODS = ['otp', 'signature', 'station'] as const;

/**
 * The person's confirmation of a service record: `otp` (the SMS code they read back), `signature` (an image of
 * their signature) or `station` (they signed on paper at the service station; the operator names the witness).
 */
export class ConfirmationDto {
  @ApiProperty({ enum: CONFIRMATION_METHODS })
  @IsIn(CONFIRMATION_METHODS)
  method!: (typeof CONFIRMATION_METHODS)[number];

  @ApiPropertyOptional({ description: 'For otp: the id returned when the code was sent' })
  @IsOptional()
  @IsUUID()
  codeId?: string;

  @ApiPropertyOptional({ description: 'For otp: the 6-digit code the person received' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  code?: string;

  @ApiPropertyOptional({ description: 'For signature: PNG or JPEG, base64, at most 512 KiB' })
  @IsOptional()
  @IsString()
  @MaxLength(700_000)
  signatureImage?: string;

  @ApiPropertyOptional({ description: 'For station: who witnessed the signature (1-50 characters)' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  witnessName?: string;
}

export class CreateServiceRecordDto {
  @ApiProperty({ enum: SERVICE_KINDS })
  @IsIn(SERVICE_KINDS)
  kind!: (typeof SERVICE_KINDS)[number];

  @ApiProperty({ enum: SERVICE_CHANNELS })
  @IsIn(SERVICE_CHANNELS)
  channel!: (typeof SERVICE_CHANNELS)[number];

  @ApiProperty({ description: 'When the contact happened (ISO 8601 with offset)' })
  @IsISO8601({ strict: true })
  occurredAt!: string;

  @ApiProperty()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 2000)
  outcome!: string;

  @ApiPropertyOptional({ type: ConfirmationDto, description: "The person's confirmation" })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConfirmationDto)
  confirmation?: ConfirmationDto;

  @ApiPropertyOptional({
    description: 'Idempotency key (1-200 of A-Z a-z 0-9 : _ . -): a repeat returns the first record',
    example: 'case-1:1:callback',
  })
  @IsOptional()
  @IsString()
  requestId?: string;
}

export class PersonIdParams {
  @IsUUID()
  id!: string;
}

export class ServiceRecordParams {
  @IsUUID()
  id!: string;

  @IsUUID()
  recordId!: string;
}

export class PagingQuery extends PageQuery {}
