import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PageQuery, trim } from '@platform/nest-kit';
import {
  CasePromises,
  type CaseSearch,
  type HandOffCandidate,
  type JobHours,
  type PhysicalDemand,
} from '@platform/contracts';
import { CasePersonDto, JOB_HOURS, PHYSICAL_DEMANDS } from './case.dto';

const BOOLEAN_TEXT = ['true', 'false'] as const;
const INSTANT = { type: String, format: 'date-time', example: '2025-10-09T14:30:00+08:00' };
const NULLABLE_INSTANT = { ...INSTANT, nullable: true };

export class CaseListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the cases of this registered person' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({
    enum: BOOLEAN_TEXT,
    description: 'true: only open cases; false: only ended or closed ones; absent: both',
  })
  @IsOptional()
  @IsIn(BOOLEAN_TEXT)
  open?: (typeof BOOLEAN_TEXT)[number];

  @ApiPropertyOptional({ enum: BOOLEAN_TEXT, description: 'true: only the cases the caller owns' })
  @IsOptional()
  @IsIn(BOOLEAN_TEXT)
  mine?: (typeof BOOLEAN_TEXT)[number];
}

/**
 * POST /cases/search: the term travels in the body, never in a URL (an ID number or a phone must not reach
 * access logs or browser history). Exact match only: a whole name, phone or ID number, or a case number's start.
 */
export class CaseSearchDto extends PageQuery implements CaseSearch {
  @ApiProperty({
    description: 'A whole name, a mobile number, an ID number, or the first 8+ characters of the case number',
    example: '王德明',
  })
  @Transform(trim)
  @IsString()
  @Length(2, 50)
  term!: string;

  @ApiPropertyOptional({ description: 'true: only open cases; false: only ended or closed ones' })
  @IsOptional()
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ description: 'true: only the cases the caller owns' })
  @IsOptional()
  @IsBoolean()
  mine?: boolean;
}

/**
 * POST /cases/{id}/registration-retry: the person's fields to correct (the others are taken from the intake the
 * hotline holds until registration); the community stays the case's.
 */
export class PersonCorrectionsDto extends PartialType(OmitType(CasePersonDto, ['communityCode'] as const)) {}

export class RetryRegistrationDto {
  @ApiProperty({ type: () => PersonCorrectionsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PersonCorrectionsDto)
  person!: PersonCorrectionsDto;
}

export class CaseCallerSummaryDto {
  @ApiProperty() name!: string;
  @ApiProperty({ example: '139****1234' }) phoneMasked!: string;
}

export class OrgUnitNameDto {
  @ApiProperty() zh!: string;
  @ApiProperty({ type: String, nullable: true }) en!: string | null;
}

export class AgendaQuery {
  @ApiPropertyOptional({ example: '2025-10-09', description: 'yyyy-mm-dd; default: today (Asia/Shanghai)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  day?: string;
}

export class RemainingTimeDto {
  @ApiProperty({ description: 'Working milliseconds left (negative when overdue)' })
  ms!: number;

  @ApiProperty()
  workingDays!: number;
}

export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: 'Help cycle: a follow-up that finds the person out of work opens the next' })
  cycle!: number;
  @ApiProperty() state!: string;
  @ApiProperty({ description: 'Username of the owner' }) owner!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) personId!: string | null;
  @ApiProperty() districtCode!: string;
  @ApiProperty() streetCode!: string;
  @ApiProperty() communityCode!: string;
  @ApiProperty({ ...INSTANT, description: 'When the call was received' }) openedAt!: string;
  @ApiProperty(NULLABLE_INSTANT) deadline!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2025-10-13' }) dueDate!: string | null;
  @ApiProperty() breached!: boolean;
  @ApiProperty({ description: 'Waiting for a placement with at most one working day left' }) atRisk!: boolean;
  @ApiProperty({
    enum: CasePromises,
    description:
      'The 2-working-day promise: active, kept (placed by the deadline), late, waived (refusals), ' +
      'not-applicable (the caller does not accept any job)',
  })
  promise!: string;
  @ApiProperty({
    type: RemainingTimeDto,
    nullable: true,
    description: 'Only while a placement is awaited against the promise: null once placed, waived or ended',
  })
  remaining!: RemainingTimeDto | null;
  @ApiProperty(NULLABLE_INSTANT) placedAt!: string | null;
  @ApiProperty({ enum: ['welfare_slot', 'assistance_base'], nullable: true, type: String })
  escalationKind!: string | null;
  @ApiProperty(NULLABLE_INSTANT) callbackDueAt!: string | null;
  @ApiProperty(NULLABLE_INSTANT) callbackDoneAt!: string | null;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'The first follow-up not yet done' })
  nextFollowUpAt!: string | null;
  @ApiProperty({ type: CaseCallerSummaryDto, nullable: true }) caller!: CaseCallerSummaryDto | null;
  @ApiProperty({ type: OrgUnitNameDto, nullable: true }) communityName!: OrgUnitNameDto | null;
}

export class CaseListDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items!: CaseSummaryDto[];
  @ApiProperty() total!: number;
}

export class AgendaItemDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty(INSTANT) dueAt!: string;
  @ApiProperty() owner!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ description: 'Due on a day before the agenda’s day and still not done' }) overdue!: boolean;
  @ApiProperty({ type: CaseCallerSummaryDto, nullable: true }) caller!: CaseCallerSummaryDto | null;
  @ApiProperty({ type: OrgUnitNameDto, nullable: true }) communityName!: OrgUnitNameDto | null;
  @ApiProperty({ enum: CasePromises }) promise!: string;
  @ApiProperty() breached!: boolean;
}

export class PlanAgendaItemDto {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: CaseCallerSummaryDto, nullable: true }) person!: CaseCallerSummaryDto | null;
  @ApiProperty({
    enum: ['job-recommendation', 'training', 'policy-subsidy', 'public-welfare-post', 'counselling', 'other'],
  })
  kind!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: '2025-10-09' }) dueOn!: string;
  @ApiProperty() responsible!: string;
  @ApiProperty() responsibleName!: string;
  @ApiProperty({ description: 'Days past due on the agenda’s day (0 on the due date, negative before)' })
  daysOverdue!: number;
  @ApiProperty() overdue!: boolean;
}

export class AgendaDto {
  @ApiProperty({ example: '2025-10-09' }) day!: string;
  @ApiProperty({ type: [AgendaItemDto] }) callbacks!: AgendaItemDto[];
  @ApiProperty({ type: [AgendaItemDto] }) followUps!: AgendaItemDto[];
  @ApiProperty({
    type: [PlanAgendaItemDto],
    description: 'Personal-plan items past due or due soon (一人一策)',
  })
  planItems!: PlanAgendaItemDto[];
  @ApiProperty({ description: 'How many days ahead of the day plan items are listed' })
  planItemsWithinDays!: number;
}

/** The `person` of the jobs service's `POST /matching`; unset constraints are left to its defaults. */
export class MatchProfileDto {
  @ApiProperty({ type: [String] }) skills!: string[];
  @ApiProperty() lat!: number;
  @ApiProperty() lng!: number;
  @ApiPropertyOptional({ maximum: 100 }) maxDistanceKm?: number;
  @ApiPropertyOptional({ enum: JOB_HOURS, isArray: true }) acceptedHours?: JobHours[];
  @ApiPropertyOptional({ enum: PHYSICAL_DEMANDS }) maxPhysicalDemand?: PhysicalDemand;
  @ApiPropertyOptional() needsDisabledSuitable?: boolean;
  @ApiPropertyOptional({ description: 'Minimum monthly wage in fen (分)' }) minWageFen?: number;
  @ApiProperty({ type: [String], description: 'Assistance categories found at registration' })
  categories!: string[];
  @ApiProperty({ description: '不挑不选' }) acceptsAnyJob!: boolean;
}

export class HandOffCandidateDto implements HandOffCandidate {
  @ApiProperty({ example: 'operator.wuhou' }) username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: [String], example: ['operator'] }) roles!: string[];
  @ApiProperty({ example: '510107' }) orgCode!: string;
  @ApiProperty({ example: '武侯区' }) orgNameZh!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Wuhou District' }) orgNameEn!: string | null;
}
