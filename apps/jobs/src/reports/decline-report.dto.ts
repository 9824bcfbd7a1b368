import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

/** A day of 2000–2099 (Postgres and the calendar know nothing useful outside it). */
const DAY = /^20\d{2}-\d{2}-\d{2}$/;

export class DeclineReportQuery {
  @ApiPropertyOptional({ example: '510107', description: 'default: the caller’s own unit' })
  @IsOptional()
  @Matches(/^5101\d{2}(\d{3}){0,2}$/, {
    message: 'unit must be the code of Chengdu or of one of its districts, streets or communities',
  })
  unit?: string;

  @ApiProperty({ example: '2026-11-01' })
  @IsISO8601({ strict: true })
  @Matches(DAY, { message: 'from must be a day of 2000–2099 as YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-11-30' })
  @IsISO8601({ strict: true })
  @Matches(DAY, { message: 'to must be a day of 2000–2099 as YYYY-MM-DD' })
  to!: string;
}
