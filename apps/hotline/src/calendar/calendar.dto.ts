import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DAY_KINDS, DayKind } from '@platform/calendar';
import { trim } from '@platform/nest-kit';

export class YearParams {
  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class OverrideDto {
  @ApiProperty({ example: '2027-10-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date as YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ enum: DAY_KINDS })
  @IsIn(DAY_KINDS as DayKind[])
  kind!: DayKind;

  @ApiPropertyOptional({ example: '国庆节' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name?: string;
}

class ChangeReason {
  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' })
  @Transform(trim)
  @IsString()
  @MinLength(4)
  @MaxLength(300)
  source!: string;

  @ApiProperty({ example: 'Loaded the 2027 arrangement published on 2026-11-10' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason!: string;
}

/** A whole year as JSON: every holiday and make-up working day of the State Council's notice. */
export class PutYearBody extends ChangeReason {
  @ApiProperty({ type: [OverrideDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => OverrideDto)
  overrides!: OverrideDto[];
}

/** A whole year as iCalendar text (events marked 休 / 班); events of other years are ignored. */
export class IcsImportBody extends ChangeReason {
  @ApiProperty({ description: 'iCalendar (RFC 5545) text' })
  @IsString()
  @MinLength(1)
  @MaxLength(1_000_000)
  ics!: string;
}

export class DeadlineQuery {
  @ApiProperty({ example: '2025-09-30T10:00:00+08:00' })
  @IsISO8601({ strict: true })
  start!: string;

  @ApiProperty({ example: 2 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  days!: number;
}
