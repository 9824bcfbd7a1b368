import { HttpStatus, Injectable } from '@nestjs/common';
import {
  ApplicationFailure,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { AuthenticatedUser, orgPathOfCode } from '@platform/auth';
import { dayFromCivil, formatDay } from '@platform/calendar';
import { HouseholdAssistanceErrors, type HouseholdEpisodeView } from '@platform/contracts';
import { Clock, Page, ProblemException } from '@platform/nest-kit';
import { actorOf } from '../cases/cases.service';
import { fieldError, invalid, isUnansweredCall } from '../cases/case-problems';
import { areaScope } from '../org-tree/area-scope';
import { householdCardSentence } from './household-card-sentences';
import type {
  AssignStaffDto,
  CloseEpisodeDto,
  EpisodeBoardQuery,
  EpisodeKpiQuery,
  LinkMemberCaseDto,
  RecordHouseholdContactDto,
  RecordHouseholdFollowUpDto,
  RequestDoubleEmploymentDto,
} from './household.dto';
import type { HouseholdUpdateName, HouseholdUpdateRequest } from '@platform/workflows/household-assistance';
import { HouseholdWorkflows } from './household-workflows';
import { EpisodeRow, HouseholdsRepository } from './households.repository';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** A board row as screens show it: the community's name, the helper's name, the days left on the clock. */
export type EpisodeSummary = EpisodeRow & { daysLeft: number | null };

export interface EpisodeDetail {
  summary: EpisodeSummary;
  view: HouseholdEpisodeView;
  /** The tracking card, newest first, each line as a sentence. */
  card: Array<
    HouseholdEpisodeView['card'][number] & { sentence: { zh: string; en: string }; actorName: string }
  >;
}

const notFound = (id: string) =>
  new ProblemException(HttpStatus.NOT_FOUND, `No household episode has id ${id} / 家庭援助 ${id} 不存在`);

/**
 * Zero-employment household episodes for staff: the board of their area, one episode with its tracking card,
 * the KPIs, and the actions (responsible staff, contacts, cases, double employment, follow-ups, closing), each
 * an update of the episode's workflow after the episode was found in the caller's area.
 */
@Injectable()
export class HouseholdsService {
  constructor(
    private readonly episodes: HouseholdsRepository,
    private readonly workflows: HouseholdWorkflows,
    private readonly clock: Clock,
  ) {}

  async board(user: AuthenticatedUser, query: EpisodeBoardQuery): Promise<Page<EpisodeSummary>> {
    const { rows, total } = await this.episodes.board(areaScope(user), {
      status: query.status,
      atRisk: query.atRisk,
      streetCode: query.streetCode,
      communityCode: query.communityCode,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: rows.map((row) => this.summary(row)), total, limit: query.limit, offset: query.offset };
  }

  async ofHousehold(user: AuthenticatedUser, householdId: string): Promise<EpisodeSummary[]> {
    const rows = await this.episodes.episodesOfHousehold(householdId, areaScope(user));
    return rows.map((row) => this.summary(row));
  }

  async detail(user: AuthenticatedUser, id: string): Promise<EpisodeDetail> {
    const row = await this.episodes.findInScope(id, areaScope(user));
    if (!row) throw notFound(id);
    const view = await this.workflows.view(id).catch((error: unknown) => {
      throw episodeProblem(error, id);
    });
    return this.detailOf(row, view);
  }

  async assignStaff(user: AuthenticatedUser, id: string, dto: AssignStaffDto): Promise<EpisodeDetail> {
    const row = await this.inScope(user, id);
    if (!(await this.episodes.isStaffOfArea(dto.username, row.orgPath))) {
      throw invalid([
        fieldError(
          'username',
          'staffOfArea',
          '须为本户所在辖区的经办人员或主管',
          'must be an operator or supervisor whose area covers the household',
        ),
      ]);
    }
    return this.act(row, 'assignStaff', {
      actor: actorOf(user),
      level: dto.level,
      username: dto.username,
      note: dto.note || undefined,
    });
  }

  async recordContact(
    user: AuthenticatedUser,
    id: string,
    dto: RecordHouseholdContactDto,
  ): Promise<EpisodeDetail> {
    const row = await this.inScope(user, id);
    if (dto.personId && !(await this.episodes.isMember(id, dto.personId))) {
      throw invalid([
        fieldError('personId', 'householdMember', '须为本户成员', 'must be a member of the household'),
      ]);
    }
    return this.act(row, 'recordContact', {
      actor: actorOf(user),
      kind: dto.kind,
      personId: dto.personId,
      note: dto.note,
    });
  }

  async linkMemberCase(user: AuthenticatedUser, id: string, dto: LinkMemberCaseDto): Promise<EpisodeDetail> {
    const row = await this.inScope(user, id);
    const found = await this.episodes.caseInScope(dto.caseId, areaScope(user));
    if (!found?.personId) {
      throw invalid([
        fieldError('caseId', 'caseExists', '个案不存在或尚未登记', 'no such registered case in your area'),
      ]);
    }
    if (!(await this.episodes.isMember(id, found.personId))) {
      throw invalid([
        fieldError(
          'caseId',
          'householdMember',
          '个案求助人不是本户成员',
          'the case is not about a member of the household',
        ),
      ]);
    }
    return this.act(row, 'linkMemberCase', {
      actor: actorOf(user),
      personId: found.personId,
      caseId: dto.caseId,
    });
  }

  async requestDoubleEmployment(
    user: AuthenticatedUser,
    id: string,
    dto: RequestDoubleEmploymentDto,
  ): Promise<EpisodeDetail> {
    const row = await this.inScope(user, id);
    return this.act(row, 'requestDoubleEmployment', { actor: actorOf(user), note: dto.note || undefined });
  }

  async recordFollowUp(
    user: AuthenticatedUser,
    id: string,
    dto: RecordHouseholdFollowUpDto,
  ): Promise<EpisodeDetail> {
    const row = await this.inScope(user, id);
    return this.act(row, 'recordFollowUp', {
      actor: actorOf(user),
      month: dto.month,
      stillEmployed: dto.stillEmployed,
      note: dto.note || undefined,
    });
  }

  async close(user: AuthenticatedUser, id: string, dto: CloseEpisodeDto): Promise<EpisodeDetail> {
    const row = await this.inScope(user, id);
    return this.act(row, 'close', { actor: actorOf(user), note: dto.note });
  }

  /** Staff who may be made responsible for the episode's household (their area covers it). */
  async staffCandidates(user: AuthenticatedUser, id: string) {
    const row = await this.inScope(user, id);
    return this.episodes.staffCandidates(row.orgPath);
  }

  /**
   * KPIs of the episodes found from `from` to `to` (Shanghai days, inclusive) in the caller's area or a unit in
   * it, with rates against the policy's targets; `atZeroNow` is the "dynamic clearing" figure (target 0).
   */
  async kpis(user: AuthenticatedUser, query: EpisodeKpiQuery) {
    const today = formatDay(Math.floor((this.clock.now().getTime() + SHANGHAI_OFFSET_MS) / DAY_MS));
    const to = query.to ?? today;
    const from = query.from ?? `${to.slice(0, 8)}01`;
    if (from > to)
      throw invalid([fieldError('from', 'notAfterTo', '不能晚于结束日期', 'must not be after `to`')]);
    const area = areaScope(user);
    const unitPath = query.unit ? orgPathOfCode(query.unit) : null;
    if (unitPath && unitPath !== area.path && !unitPath.startsWith(`${area.path}/`)) {
      throw invalid([
        fieldError('unit', 'withinScope', '不在您的管辖范围内', 'is outside your part of the org tree'),
      ]);
    }
    const instant = (day: string, plusDays = 0) => {
      const [y, m, d] = day.split('-').map(Number);
      return new Date((dayFromCivil(y, m, d) + plusDays) * DAY_MS - SHANGHAI_OFFSET_MS).toISOString();
    };
    const k = await this.episodes.kpis(area, unitPath, instant(from), instant(to, 1));
    const rate = (part: number, whole: number) =>
      whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
    return {
      unit: query.unit ?? null,
      from,
      to,
      found: k.found,
      solved: k.solved,
      solvedInTime: k.solvedInTime,
      solvedInTimeRate: rate(k.solvedInTime, k.found),
      doubleRequested: k.doubleRequested,
      doubleInTime: k.doubleInTime,
      doubleInTimeRate: rate(k.doubleInTime, k.doubleRequested),
      followedUpSixMonths: k.sixMonthsDue,
      stableAtSixMonths: k.stableAtSixMonths,
      stableRate: rate(k.stableAtSixMonths, k.sixMonthsDue),
      atZeroNow: k.atZeroNow,
      breachedOpen: k.breachedOpen,
    };
  }

  private async inScope(user: AuthenticatedUser, id: string): Promise<EpisodeRow> {
    const row = await this.episodes.findInScope(id, areaScope(user));
    if (!row) throw notFound(id);
    return row;
  }

  private async act<K extends HouseholdUpdateName>(
    row: EpisodeRow,
    name: K,
    request: HouseholdUpdateRequest<K>,
  ): Promise<EpisodeDetail> {
    const view = await this.workflows.update(row.episodeId, name, request).catch((error: unknown) => {
      throw episodeProblem(error, row.episodeId);
    });
    return this.detailOf(row, view);
  }

  private async detailOf(row: EpisodeRow, view: HouseholdEpisodeView): Promise<EpisodeDetail> {
    const usernames = new Set<string>();
    for (const entry of view.card) {
      usernames.add(entry.actor);
      if (entry.assignee) usernames.add(entry.assignee);
    }
    const names = await this.episodes.staffNames([...usernames]);
    const staff = (username: string) => names.get(username) ?? username;
    return {
      summary: this.summary(row),
      view,
      card: [...view.card].reverse().map((entry) => ({
        ...entry,
        actorName: entry.actor === 'system' ? '' : staff(entry.actor),
        sentence: householdCardSentence(entry, staff),
      })),
    };
  }

  private summary(row: EpisodeRow): EpisodeSummary {
    // Whole Shanghai days from today to the last counted day: 0 on the due date, negative once overdue.
    let daysLeft: number | null = null;
    if (row.status === 'open' && row.dueDate) {
      const [y, m, d] = row.dueDate.split('-').map(Number);
      const today = Math.floor((this.clock.now().getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
      daysLeft = dayFromCivil(y, m, d) - today;
    }
    return { ...row, daysLeft };
  }
}

/** What the episode's workflow answered, as a problem (validators reject with typed, bilingual failures). */
export function episodeProblem(error: unknown, id: string): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const status =
      error.cause.type === HouseholdAssistanceErrors.wrongState
        ? HttpStatus.CONFLICT
        : HttpStatus.BAD_REQUEST;
    return new ProblemException(status, error.cause.message, [
      {
        field: 'episode',
        rule: error.cause.type ?? 'rejected',
        message: { zh: error.cause.message, en: error.cause.message },
      },
    ]);
  }
  if (error instanceof WorkflowNotFoundError) {
    return new ProblemException(HttpStatus.CONFLICT, `帮扶已结束 / the household episode ${id} has ended`);
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isUnansweredCall(error)) {
    return new ProblemException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'The household episode did not answer in time; try again / 家庭援助流程未及时响应，请重试',
    );
  }
  return error;
}
