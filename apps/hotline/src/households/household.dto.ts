import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { PageQuery, trim } from '@platform/nest-kit';

const ORG_CODE = /^[0-9]{6}([0-9]{3}){0,2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** `household-<uuid>-<n>`: the episode's workflow ID. */
const EPISODE_ID = /^household-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[1-9][0-9]{0,5}$/;

export const EPISODE_STATUSES = ['open', 'resolved', 'closed'] as const;
export const STAFF_LEVELS = ['helper', 'community', 'street'] as const;
export const CONTACT_KINDS = ['call', 'visit', 'referral', 'training', 'other'] as const;

export class EpisodeIdParams {
  @ApiProperty({ example: 'household-0d6c3f0e-8f7a-4a53-9d1e-3c2b1a0f9e8d-1' })
  @Matches(EPISODE_ID, { message: 'id must be a household episode id (household-<uuid>-<n>)' })
  id!: string;
}

export class HouseholdIdParams {
  @IsUUID()
  id!: string;
}

export class EpisodeBoardQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EPISODE_STATUSES })
  @IsOptional()
  @IsIn(EPISODE_STATUSES)
  status?: (typeof EPISODE_STATUSES)[number];

  @ApiPropertyOptional({ description: 'Open episodes past their warning or due date only' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  atRisk?: boolean;

  @ApiPropertyOptional({ example: '510107003' })
  @IsOptional()
  @Matches(/^[0-9]{9}$/, { message: 'streetCode must be a street code (9 digits)' })
  streetCode?: string;

  @ApiPropertyOptional({ example: '510107003001' })
  @IsOptional()
  @Matches(/^[0-9]{12}$/, { message: 'communityCode must be a community code (12 digits)' })
  communityCode?: string;
}

export class EpisodeKpiQuery {
  @ApiPropertyOptional({ example: '510107', description: 'default: the caller’s own unit' })
  @IsOptional()
  @Matches(ORG_CODE, { message: 'unit must be an org unit code (6, 9 or 12 digits)' })
  unit?: string;

  @ApiPropertyOptional({ example: '2026-10-01', description: 'default: the first day of this month' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-10-31', description: 'default: today (Asia/Shanghai)' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;
}

export class AssignStaffDto {
  @ApiProperty({
    enum: STAFF_LEVELS,
    description: 'helper: the one-to-one helper (一对一帮扶人); community / street: the responsible staff',
  })
  @IsIn(STAFF_LEVELS)
  level!: (typeof STAFF_LEVELS)[number];

  @ApiProperty({ description: 'Username of an operator or supervisor of the household’s area' })
  @Matches(/^[a-z0-9._-]{3,64}$/, { message: 'username must be a staff username' })
  username!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 500)
  note?: string;
}

export class RecordHouseholdContactDto {
  @ApiProperty({ enum: CONTACT_KINDS })
  @IsIn(CONTACT_KINDS)
  kind!: (typeof CONTACT_KINDS)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'The member concerned' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  note!: string;
}

export class LinkMemberCaseDto {
  @ApiProperty({ format: 'uuid', description: 'An open case of one of the household’s members' })
  @IsUUID()
  caseId!: string;
}

export class RequestDoubleEmploymentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 500)
  note?: string;
}

export class RecordHouseholdFollowUpDto {
  @ApiProperty({ description: 'The follow-up, by its month after the household left the status (1, 3 or 6)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  month!: number;

  @ApiProperty()
  @IsBoolean()
  stillEmployed!: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 500)
  note?: string;
}

export class CloseEpisodeDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  note!: string;
}
