import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '@platform/auth';
import { parseDay, shanghaiDateOf, tryParseDay } from '@platform/calendar';
import type { HelpRequestView, TimelineEntry } from '@platform/contracts';
import { Clock, FieldError, ProblemException } from '@platform/nest-kit';
import { fieldError, invalid, workflowProblem } from '../cases/case-problems';
import { CaseWorkflows } from '../cases/case-workflows';
import { CasesService } from '../cases/cases.service';
import { AreaScope, areaScope } from '../org-tree/area-scope';
import { AgreePlanDto, CloseItemDto, PlanItemDto, ReviewPlanDto } from './personal-plan.dto';
import type {
  CasePersonalPlan,
  PersonalPlanView,
  PlanHistoryEntry,
  PlanItemView,
  StaffName,
} from './personal-plan.view';
import { PersonalPlansRepository, PlanItemRow, PlanRow, ReviewChange } from './personal-plans.repository';

/** Timeline entries that are a contact with the person, at which the plan is to be reviewed. */
const CONTACT_KINDS: ReadonlySet<string> = new Set(['contact', 'callback', 'follow-up']);

const conflict = (en: string, zh: string) => new ProblemException(HttpStatus.CONFLICT, `${en} / ${zh}`);
const planNotFound = (id: string) =>
  new ProblemException(HttpStatus.NOT_FOUND, `No personal plan has id ${id} / 援助计划 ${id} 不存在`);
const superseded = () =>
  conflict(
    'This agreement was superseded by a newer one; work on the plan in force',
    '该援助协议已被新协议取代，请在现行计划上操作',
  );

const staff = (username: string, name: string | null): StaffName => ({ username, name: name ?? username });
const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** A witness's name shown as its first character and two stars, as service records show it. */
export const maskWitness = (name: string | null): string | null => (name ? `${Array.from(name)[0]}**` : null);

/**
 * Personal plans (一人一策): the assistance agreement of an assistance target, agreed on one of their cases,
 * with its agreed services, reviewed at each contact. The plan lives in the caller's area (the case's area);
 * every read and write puts that area in the SQL.
 */
@Injectable()
export class PersonalPlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PersonalPlansRepository,
    private readonly cases: CasesService,
    private readonly workflows: CaseWorkflows,
    /** Today (Shanghai) for due dates and the instant of each change; tests choose it. */
    private readonly clock: Clock,
  ) {}

  /** GET /cases/{id}/personal-plan */
  async forCase(caseId: string, user: AuthenticatedUser): Promise<CasePersonalPlan> {
    const row = await this.cases.visibleCase(caseId, user);
    const area = areaScope(user);
    const view = row.workflowStartedAt ? await this.caseView(caseId) : null;
    const personId = view?.personId ?? null;
    const categories = view?.categories ?? [];
    const plans = personId ? await this.repository.plansOfPerson(personId, area) : [];
    const active = plans.find((plan) => plan.status === 'active') ?? null;
    const items = await this.repository.itemsOf(
      plans.map((plan) => plan.id),
      area,
    );
    const plan = active ? await this.planView(active, items, area) : null;
    // Contacts on the plan's own case, in the workflow's time (compared with the contact the plan last saw).
    const lastContact = active ? await this.lastContact(active.caseId) : null;
    const seen = active?.contactSeenAt?.getTime() ?? 0;
    return {
      caseId,
      personId,
      assistanceTarget: categories.length > 0,
      categories,
      plan,
      history: plans
        .filter((p) => p.status === 'superseded')
        .map((p): PlanHistoryEntry => {
          const own = items.filter((item) => item.planId === p.id);
          return {
            id: p.id,
            agreedOn: p.agreedOn,
            agreedBy: staff(p.agreedBy, p.agreedByName),
            supersededAt: iso(p.supersededAt),
            goals: p.goals,
            items: own.length,
            itemsDone: own.filter((item) => item.status === 'done').length,
          };
        }),
      lastContact: lastContact
        ? {
            at: lastContact.at,
            kind: lastContact.kind,
            by: staff(lastContact.actor, await this.repository.displayName(lastContact.actor)),
          }
        : null,
      notReviewedAtLastContact: !!lastContact && new Date(lastContact.at).getTime() > seen,
    };
  }

  /**
   * POST /cases/{id}/personal-plan: the person of the case (registered, with an assistance category) agrees a
   * plan. A plan in force for the person in the area is superseded (kept as history) in the same transaction.
   */
  async agree(caseId: string, user: AuthenticatedUser, body: AgreePlanDto): Promise<PersonalPlanView> {
    const now = this.clock.now();
    const errors = [
      ...agreementErrors(body, shanghaiDateOf(now)),
      ...body.items.flatMap(itemErrors(body.agreedOn)),
    ];
    if (errors.length) throw invalid(errors);
    const row = await this.cases.visibleCase(caseId, user);
    if (!row.workflowStartedAt) throw notRegistered();
    const view = await this.caseView(caseId);
    if (!view.personId) throw notRegistered();
    if (!view.categories.length) {
      throw conflict(
        'The person has no assistance category, so no assistance agreement is made',
        '求助人不属于就业援助对象（无援助类别），不签订援助协议',
      );
    }
    await this.checkResponsible(body.items, row.orgPath, (index) => `items.${index}.responsible`);
    const area = areaScope(user);
    const planId = randomUUID();
    const personId = view.personId;
    // Contacts before the agreement are not ones the plan should have been reviewed at.
    const contactSeenAt = await this.lastContactAt(caseId);
    await this.inTransaction(async (manager) => {
      const replaced = await this.repository.supersedeActive(manager, personId, area, planId, now);
      const inserted = await this.repository.insertPlan(
        manager,
        {
          id: planId,
          personId,
          caseId,
          orgPath: row.orgPath,
          agreedOn: body.agreedOn,
          agreementMethod: body.agreement.method,
          // Kept masked only: the full name is on the paper the person signed at the station.
          witnessMasked:
            body.agreement.method === 'station' ? maskWitness(body.agreement.witnessName ?? null) : null,
          goals: body.goals,
          targetJob: body.targetJob ?? null,
          expectedMonthlyIncomeYuan: body.expectedMonthlyIncomeYuan ?? null,
          categories: view.categories,
          agreedBy: user.username,
          agreedByUserId: user.userId,
          at: now,
          contactSeenAt,
        },
        area,
      );
      if (!inserted) throw planNotFound(planId);
      const items = body.items.map((item) => ({ id: randomUUID(), ...item }));
      await this.repository.insertItems(manager, planId, items, user.username, now);
      const audit = { at: now, actor: user.username, actorUserId: user.userId };
      if (replaced) {
        await this.repository.audit(manager, {
          ...audit,
          planId: replaced,
          action: 'superseded',
          detail: { supersededBy: planId },
        });
      }
      await this.repository.audit(manager, {
        ...audit,
        planId,
        action: 'agreed',
        detail: {
          caseId,
          agreedOn: body.agreedOn,
          method: body.agreement.method,
          items: items.map((item) => ({
            id: item.id,
            kind: item.kind,
            dueOn: item.dueOn,
            responsible: item.responsible,
          })),
          supersedes: replaced ?? null,
        },
      });
    });
    return this.planById(planId, user);
  }

  /** POST /personal-plans/{planId}/items: one more agreed service on the plan in force. */
  async addItem(planId: string, user: AuthenticatedUser, body: PlanItemDto): Promise<PersonalPlanView> {
    const area = areaScope(user);
    const plan = await this.repository.planInArea(planId, area);
    if (!plan) throw planNotFound(planId);
    const errors = itemErrors(plan.agreedOn)(body, undefined);
    if (errors.length) throw invalid(errors);
    await this.checkResponsible([body], plan.orgPath, () => 'responsible');
    const now = this.clock.now();
    await this.inTransaction(async (manager) => {
      const locked = await this.lockedActive(manager, planId, area);
      const item = { id: randomUUID(), ...body };
      await this.repository.insertItems(manager, locked.id, [item], user.username, now);
      await this.repository.audit(manager, {
        planId,
        at: now,
        actor: user.username,
        actorUserId: user.userId,
        action: 'item-added',
        detail: { itemId: item.id, kind: item.kind, dueOn: item.dueOn, responsible: item.responsible },
      });
    });
    return this.planById(planId, user);
  }

  /** POST /personal-plans/{planId}/items/{itemId}/status: an open item done or dropped, with what came of it. */
  async closeItem(
    planId: string,
    itemId: string,
    user: AuthenticatedUser,
    body: CloseItemDto,
  ): Promise<PersonalPlanView> {
    const area = areaScope(user);
    const now = this.clock.now();
    await this.inTransaction(async (manager) => {
      await this.lockedActive(manager, planId, area);
      const item = (await this.repository.itemsOf([planId], area, manager)).find((i) => i.id === itemId);
      if (!item) {
        throw new ProblemException(
          HttpStatus.NOT_FOUND,
          `The plan has no item ${itemId} / 该援助计划中没有此服务项目`,
        );
      }
      if (
        !(await this.repository.closeItem(manager, planId, itemId, { ...body, by: user.username, at: now }))
      ) {
        throw itemClosed(item);
      }
      await this.repository.audit(manager, {
        planId,
        at: now,
        actor: user.username,
        actorUserId: user.userId,
        action: 'item-closed',
        detail: { itemId, status: body.status },
      });
    });
    return this.planById(planId, user);
  }

  /**
   * POST /personal-plans/{planId}/reviews: the plan reviewed at a contact, with a note and the items that
   * changed (closed, or given a new due date with the reason). Records who reviewed it and when.
   */
  async review(planId: string, user: AuthenticatedUser, body: ReviewPlanDto): Promise<PersonalPlanView> {
    const area = areaScope(user);
    const now = this.clock.now();
    const errors = body.items.flatMap(reviewItemErrors);
    const seen = new Set<string>();
    body.items.forEach((item, index) => {
      if (seen.has(item.itemId))
        errors.push(
          fieldError(`items.${index}.itemId`, 'unique', '同一项目只能出现一次', 'names an item twice'),
        );
      seen.add(item.itemId);
    });
    if (errors.length) throw invalid(errors);
    const found = await this.repository.planInArea(planId, area);
    if (!found) throw planNotFound(planId);
    // The review covers the contacts recorded on the plan's case so far.
    const contactSeenAt = await this.lastContactAt(found.caseId);
    await this.inTransaction(async (manager) => {
      const plan = await this.lockedActive(manager, planId, area);
      const items = new Map((await this.repository.itemsOf([planId], area, manager)).map((i) => [i.id, i]));
      const unknown = body.items.flatMap((change, index) =>
        items.has(change.itemId)
          ? []
          : [
              fieldError(
                `items.${index}.itemId`,
                'exists',
                '不是该计划中的服务项目',
                'is not an item of this plan',
              ),
            ],
      );
      const early = body.items.flatMap((change, index) =>
        change.dueOn && change.dueOn < plan.agreedOn
          ? [
              fieldError(
                `items.${index}.dueOn`,
                'notBeforeAgreement',
                '不能早于协议签订日期',
                'must not be before the day the plan was agreed',
              ),
            ]
          : [],
      );
      if (unknown.length || early.length) throw invalid([...unknown, ...early]);
      const changes: ReviewChange[] = [];
      for (const change of body.items) {
        const item = items.get(change.itemId)!;
        if (item.status !== 'open') throw itemClosed(item);
        if (change.status) {
          const outcome = change.outcome!;
          await this.repository.closeItem(manager, planId, item.id, {
            status: change.status,
            outcome,
            by: user.username,
            at: now,
          });
          changes.push({ itemId: item.id, status: change.status, outcome });
        } else if (change.dueOn) {
          await this.repository.rescheduleItem(manager, planId, item.id, change.dueOn);
          changes.push({
            itemId: item.id,
            dueOn: change.dueOn,
            previousDueOn: item.dueOn,
            reason: change.reason!,
          });
        }
      }
      const reviewId = randomUUID();
      await this.repository.insertReview(manager, {
        id: reviewId,
        planId,
        at: now,
        by: user.username,
        note: body.note,
        changes,
        contactSeenAt,
      });
      await this.repository.audit(manager, {
        planId,
        at: now,
        actor: user.username,
        actorUserId: user.userId,
        action: 'reviewed',
        detail: {
          reviewId,
          changes: changes.map((c) =>
            'status' in c
              ? { itemId: c.itemId, status: c.status }
              : { itemId: c.itemId, dueOn: c.dueOn, previousDueOn: c.previousDueOn },
          ),
        },
      });
    });
    return this.planById(planId, user);
  }

  /** The plan as screens show it (404 outside the caller's area). */
  async planById(planId: string, user: AuthenticatedUser): Promise<PersonalPlanView> {
    const area = areaScope(user);
    const plan = await this.repository.planInArea(planId, area);
    if (!plan) throw planNotFound(planId);
    return this.planView(plan, await this.repository.itemsOf([planId], area), area);
  }

  private async planView(plan: PlanRow, allItems: PlanItemRow[], area: AreaScope): Promise<PersonalPlanView> {
    const today = parseDay(shanghaiDateOf(this.clock.now()));
    const reviews = await this.repository.reviewsOf(plan.id, area);
    return {
      id: plan.id,
      status: plan.status,
      personId: plan.personId,
      caseId: plan.caseId,
      agreedOn: plan.agreedOn,
      agreement: { method: plan.agreementMethod, witnessMasked: plan.witnessMasked },
      goals: plan.goals,
      targetJob: plan.targetJob,
      expectedMonthlyIncomeYuan: plan.expectedMonthlyIncomeYuan,
      categories: plan.categories,
      agreedBy: staff(plan.agreedBy, plan.agreedByName),
      createdAt: plan.createdAt.toISOString(),
      supersededAt: iso(plan.supersededAt),
      lastReview:
        plan.lastReviewedAt && plan.lastReviewedBy
          ? { at: plan.lastReviewedAt.toISOString(), by: staff(plan.lastReviewedBy, plan.lastReviewedByName) }
          : null,
      items: allItems
        .filter((item) => item.planId === plan.id)
        .map((item): PlanItemView => ({
          id: item.id,
          kind: item.kind,
          description: item.description,
          dueOn: item.dueOn,
          responsible: staff(item.responsible, item.responsibleName),
          status: item.status,
          outcome: item.outcome,
          closedAt: iso(item.closedAt),
          closedBy: item.closedBy ? staff(item.closedBy, item.closedByName) : null,
          daysOverdue: item.status === 'open' ? today - parseDay(item.dueOn) : null,
        })),
      reviews: reviews.map((review) => ({
        id: review.id,
        reviewedAt: review.reviewedAt.toISOString(),
        reviewedBy: staff(review.reviewedBy, review.reviewedByName),
        note: review.note,
        changes: review.changes,
      })),
    };
  }

  /** The plan locked for the change; 404 outside the area, 409 once superseded. */
  private async lockedActive(manager: EntityManager, planId: string, area: AreaScope): Promise<PlanRow> {
    const plan = await this.repository.planInArea(planId, area, manager, true);
    if (!plan) throw planNotFound(planId);
    if (plan.status !== 'active') throw superseded();
    return plan;
  }

  /** Each responsible staff member must be an operator or supervisor account whose area holds the case. */
  private async checkResponsible(
    items: Array<{ responsible: string }>,
    orgPath: string,
    field: (index: number) => string,
  ): Promise<void> {
    const allowed = await this.repository.staffHolding(
      [...new Set(items.map((item) => item.responsible))],
      orgPath,
    );
    const errors = items.flatMap((item, index) =>
      allowed.has(item.responsible)
        ? []
        : [
            fieldError(
              field(index),
              'staffOfArea',
              '不是负责该社区的接线员或督导账号',
              'is not an operator or supervisor account of the case’s area',
            ),
          ],
    );
    if (errors.length) throw invalid(errors);
  }

  private async caseView(caseId: string): Promise<HelpRequestView> {
    try {
      return await this.workflows.state(caseId);
    } catch (error) {
      throw workflowProblem(error, caseId);
    }
  }

  /** The last contact with the person an operator recorded on the case (not a timer's entry). */
  private async lastContact(caseId: string): Promise<TimelineEntry | null> {
    let timeline: TimelineEntry[];
    try {
      timeline = await this.workflows.timeline(caseId);
    } catch (error) {
      // A case whose history is gone (past the retention) has no contacts left to compare with.
      if (error instanceof WorkflowNotFoundError) return null;
      throw workflowProblem(error, caseId);
    }
    const contacts = timeline.filter((entry) => CONTACT_KINDS.has(entry.kind) && entry.actor !== 'system');
    return contacts.length ? contacts[contacts.length - 1] : null;
  }

  private async lastContactAt(caseId: string): Promise<Date | null> {
    const contact = await this.lastContact(caseId);
    return contact ? new Date(contact.at) : null;
  }

  /** A unique violation (another plan became active for the person meanwhile) is a conflict, not a 500. */
  private async inTransaction(work: (manager: EntityManager) => Promise<void>): Promise<void> {
    try {
      await this.dataSource.transaction(work);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw conflict(
          'The person has a plan in force agreed in another area, or one was agreed at the same moment',
          '该求助人已有其他地区签订的现行援助计划，或刚刚有人签订了计划',
        );
      }
      throw error;
    }
  }
}

const notRegistered = () =>
  conflict(
    'The person is not registered yet; a plan is agreed after registration',
    '求助人尚未完成登记，登记后才能签订援助协议',
  );

const itemClosed = (item: PlanItemRow) =>
  conflict(
    `This item is already ${item.status}`,
    `该服务项目已${item.status === 'done' ? '完成' : '取消'}，不能再修改`,
  );

/** A plan's days lie in 2000–2100, as the agenda's: a year outside it is a typing mistake (and year 0 no date). */
const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2100-12-31';

/** A yyyy-mm-dd that is a real day of 2000–2100; the field's error otherwise. */
function dayErrors(field: string, day: string): FieldError[] {
  if (tryParseDay(day) === undefined)
    return [fieldError(field, 'isRealDate', '不是真实存在的日期', 'is not a real date')];
  if (day < FIRST_DAY || day > LAST_DAY)
    return [fieldError(field, 'yearRange', '年份须在 2000–2100 之间', 'the year must be 2000–2100')];
  return [];
}

/** The agreement's day (a real day, not after today) and how the person agreed. */
function agreementErrors(body: AgreePlanDto, today: string): FieldError[] {
  const errors: FieldError[] = dayErrors('agreedOn', body.agreedOn);
  if (!errors.length && body.agreedOn > today)
    errors.push(fieldError('agreedOn', 'notInFuture', '不能晚于今天', 'must not be in the future'));
  if (body.agreement.method === 'station' && !body.agreement.witnessName)
    errors.push(
      fieldError(
        'agreement.witnessName',
        'isDefined',
        '站点签字须填写见证人姓名',
        'is required for a signature at the station',
      ),
    );
  if (body.agreement.method === 'phone' && body.agreement.readBackConfirmed !== true)
    errors.push(
      fieldError(
        'agreement.readBackConfirmed',
        'isTrue',
        '电话约定须向本人复述协议并经本人确认',
        'must be true: the agreement is read back to the person by phone and they confirm it',
      ),
    );
  return errors;
}

/** An item's due date: a real day, not before the agreement. */
function itemErrors(agreedOn: string) {
  return (item: PlanItemDto, index: number | undefined): FieldError[] => {
    const field = index === undefined ? 'dueOn' : `items.${index}.dueOn`;
    const invalidDay = dayErrors(field, item.dueOn);
    if (invalidDay.length) return invalidDay;
    if (tryParseDay(agreedOn) !== undefined && item.dueOn < agreedOn)
      return [
        fieldError(
          field,
          'notBeforeAgreement',
          '不能早于协议签订日期',
          'must not be before the day the plan was agreed',
        ),
      ];
    return [];
  };
}

/** A review's change to one item: either closed with an outcome, or a new due date with a reason. */
function reviewItemErrors(change: ReviewPlanDto['items'][number], index: number): FieldError[] {
  const at = (name: string) => `items.${index}.${name}`;
  if (!change.status && !change.dueOn)
    return [
      fieldError(
        at('status'),
        'statusOrDueOn',
        '须标记完成/取消，或给出新的到期日',
        'give a status (done or dropped) or a new due date',
      ),
    ];
  if (change.status && change.dueOn)
    return [
      fieldError(
        at('dueOn'),
        'notWithStatus',
        '已完成或取消的项目不再设到期日',
        'cannot be given together with a status',
      ),
    ];
  if (change.status && !change.outcome)
    return [
      fieldError(at('outcome'), 'isDefined', '完成或取消须写明结果或原因', 'is required with a status'),
    ];
  if (change.dueOn) {
    const invalidDay = dayErrors(at('dueOn'), change.dueOn);
    if (invalidDay.length) return invalidDay;
    if (!change.reason)
      return [
        fieldError(at('reason'), 'isDefined', '调整到期日须写明原因', 'is required with a new due date'),
      ];
  }
  return [];
}
