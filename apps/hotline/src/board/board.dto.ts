import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery, trim } from '@platform/nest-kit';

/** `attention`: the rows with at least one at-risk reason. */
export const BOARD_VIEWS = ['all', 'attention', 'at-risk', 'breached', 'placed'] as const;
export type BoardView = (typeof BOARD_VIEWS)[number];

const ORG_CODE = /^[0-9]{6}([0-9]{3}){0,2}$/;
const ORG_CODE_MESSAGE = (field: string) => ({
  message: `${field} must be an org unit code (6, 9 or 12 digits)`,
});
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class BoardQuery extends PageQuery {
  @ApiPropertyOptional({ example: '510107' })
  @IsOptional()
  @Matches(ORG_CODE, ORG_CODE_MESSAGE('districtCode'))
  districtCode?: string;

  @ApiPropertyOptional({ example: '510107003' })
  @IsOptional()
  @Matches(ORG_CODE, ORG_CODE_MESSAGE('streetCode'))
  streetCode?: string;

  @ApiPropertyOptional({ example: '510107003001' })
  @IsOptional()
  @Matches(ORG_CODE, ORG_CODE_MESSAGE('communityCode'))
  communityCode?: string;

  @ApiPropertyOptional({ enum: BOARD_VIEWS, default: 'all' })
  @IsOptional()
  @IsIn(BOARD_VIEWS)
  view: BoardView = 'all';
}

export class KpiQuery {
  @ApiPropertyOptional({ example: '510107', description: 'default: the caller’s own unit' })
  @IsOptional()
  @Matches(ORG_CODE, ORG_CODE_MESSAGE('unit'))
  unit?: string;

  @ApiPropertyOptional({ example: '2025-10-01', description: 'default: the first day of this month' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-10-31', description: 'default: today (Asia/Shanghai)' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;
}

export class WeeklyKpiQuery {
  @ApiPropertyOptional({ example: '510107', description: 'default: the caller’s own unit' })
  @IsOptional()
  @Matches(ORG_CODE, ORG_CODE_MESSAGE('unit'))
  unit?: string;

  @ApiPropertyOptional({
    example: '2025-09-01',
    description: 'default: the Monday 7 weeks before the week of `to`; at most 371 days before `to`',
  })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-10-26', description: 'default: today (Asia/Shanghai)' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;
}

class WeeklyEscalationsDto {
  @ApiProperty() welfare_slot!: number;
  @ApiProperty() assistance_base!: number;
}

export class WeeklyKpisDto {
  @ApiProperty({ example: '2025-10-06', description: 'Monday (Asia/Shanghai) of the week' })
  weekStart!: string;
  @ApiProperty({ example: '510107' }) districtCode!: string;
  @ApiProperty({ example: '武侯区' }) districtName!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Wuhou District' }) districtNameEn!: string | null;
  @ApiProperty({ description: 'Case cycles whose clock started in the week' }) opened!: number;
  @ApiProperty({ description: 'Of those, placed (so far)' }) placed!: number;
  @ApiProperty({ description: 'Of those, placed no later than the deadline' }) placedWithinSla!: number;
  @ApiProperty() breached!: number;
  @ApiProperty({ type: WeeklyEscalationsDto }) escalations!: WeeklyEscalationsDto;
}

export class WeeklyKpiSeriesDto {
  @ApiProperty({ type: [WeeklyKpisDto], description: 'By week, then district code; zeros included' })
  series!: WeeklyKpisDto[];
}

export const REPORT_FORMATS = ['csv', 'xlsx'] as const;

export class MonthlyReportQuery {
  @ApiProperty({ example: '2025-10' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a month as YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({ example: '510107', description: 'default: the caller’s own unit' })
  @IsOptional()
  @Matches(ORG_CODE, ORG_CODE_MESSAGE('unit'))
  unit?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format: (typeof REPORT_FORMATS)[number] = 'csv';
}

/** POST /cases/{id}/escalate: why the supervisor escalates now (kept in the case's timeline). */
export class EscalateNowDto {
  @ApiProperty({ example: '两次推荐均被拒，求助人家庭困难，需立即兜底' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}
