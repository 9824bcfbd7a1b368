import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { HotlineConfig } from '../config';
import { CASES_CONFIG } from '../cases/case-workflows';
import { AreaScope, inArea } from '../org-tree/area-scope';
import type { AgreementMethod, PlanItemKind } from './personal-plan.dto';

export type PlanStatus = 'active' | 'superseded';
export type PlanItemStatus = 'open' | 'done' | 'dropped';

export interface PlanRow {
  id: string;
  personId: string;
  caseId: string;
  orgPath: string;
  status: PlanStatus;
  agreedOn: string;
  agreementMethod: AgreementMethod;
  witnessMasked: string | null;
  goals: string;
  targetJob: string | null;
  expectedMonthlyIncomeYuan: number | null;
  categories: string[];
  agreedBy: string;
  agreedByName: string | null;
  createdAt: Date;
  supersededAt: Date | null;
  lastReviewedAt: Date | null;
  lastReviewedBy: string | null;
  lastReviewedByName: string | null;
  contactSeenAt: Date | null;
}

export interface PlanItemRow {
  id: string;
  planId: string;
  position: number;
  kind: PlanItemKind;
  description: string;
  dueOn: string;
  responsible: string;
  responsibleName: string | null;
  status: PlanItemStatus;
  outcome: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  closedByName: string | null;
}

/** What a review changed on one item, as kept with the review (and in the audit trail). */
export type ReviewChange =
  | { itemId: string; status: 'done' | 'dropped'; outcome: string }
  | { itemId: string; dueOn: string; previousDueOn: string; reason: string };

export interface PlanReviewRow {
  id: string;
  planId: string;
  reviewedAt: Date;
  reviewedBy: string;
  reviewedByName: string | null;
  note: string;
  changes: ReviewChange[];
}

export interface NewPlan {
  id: string;
  personId: string;
  caseId: string;
  orgPath: string;
  agreedOn: string;
  agreementMethod: AgreementMethod;
  witnessMasked: string | null;
  goals: string;
  targetJob: string | null;
  expectedMonthlyIncomeYuan: number | null;
  categories: string[];
  agreedBy: string;
  agreedByUserId: string;
  at: Date;
  contactSeenAt: Date | null;
}

export interface NewPlanItem {
  id: string;
  kind: PlanItemKind;
  description: string;
  dueOn: string;
  responsible: string;
}

/** An open item of an active plan for the agenda, with the case's caller card (encrypted) to name the person. */
export interface DuePlanItemRow {
  planId: string;
  itemId: string;
  caseId: string;
  kind: PlanItemKind;
  description: string;
  dueOn: string;
  responsible: string;
  responsibleName: string | null;
  cardEncrypted: string | null;
}

export type PlanAuditAction = 'agreed' | 'superseded' | 'item-added' | 'item-closed' | 'reviewed';

const PLAN_COLUMNS = `p.id, p.person_id AS "personId", p.case_id AS "caseId", p.org_path AS "orgPath", p.status,
  to_char(p.agreed_on, 'YYYY-MM-DD') AS "agreedOn", p.agreement_method AS "agreementMethod",
  p.witness_masked AS "witnessMasked", p.goals, p.target_job AS "targetJob",
  p.expected_monthly_income_yuan AS "expectedMonthlyIncomeYuan", p.categories, p.agreed_by AS "agreedBy",
  ua.display_name AS "agreedByName", p.created_at AS "createdAt", p.superseded_at AS "supersededAt",
  p.last_reviewed_at AS "lastReviewedAt", p.last_reviewed_by AS "lastReviewedBy",
  ur.display_name AS "lastReviewedByName", p.contact_seen_at AS "contactSeenAt"`;

const ITEM_COLUMNS = `i.id, i.plan_id AS "planId", i.position, i.kind, i.description,
  to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn", i.responsible, u.display_name AS "responsibleName", i.status,
  i.outcome, i.closed_at AS "closedAt", i.closed_by AS "closedBy", uc.display_name AS "closedByName"`;

/**
 * SQL of personal plans. Every read and write takes the caller's area and puts it in the WHERE on the plan's
 * `org_path` (the area of the case it was agreed on), so a plan outside the area is neither read nor changed.
 */
@Injectable()
export class PersonalPlansRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CASES_CONFIG) private readonly config: HotlineConfig,
  ) {}

  /** A person's plans in the area: the active one first, then the superseded ones, newest first. */
  plansOfPerson(personId: string, area: AreaScope): Promise<PlanRow[]> {
    const params: unknown[] = [personId];
    return this.dataSource.query(
      `SELECT ${PLAN_COLUMNS} ${this.planFrom()}
       WHERE p.person_id = $1 AND ${inArea('p.org_path', area, params)}
       ORDER BY p.status = 'active' DESC, p.created_at DESC, p.id
       LIMIT 50`,
      params,
    );
  }

  /** One plan in the area (undefined outside it); locked for update inside a transaction. */
  async planInArea(
    planId: string,
    area: AreaScope,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<PlanRow | undefined> {
    const params: unknown[] = [planId];
    const [row]: PlanRow[] = await manager.query(
      `SELECT ${PLAN_COLUMNS} ${this.planFrom()}
       WHERE p.id = $1 AND ${inArea('p.org_path', area, params)}
       ${lock ? 'FOR UPDATE OF p' : ''}`,
      params,
    );
    return row;
  }

  /** The items of plans in the area, in the order agreed. */
  itemsOf(
    planIds: string[],
    area: AreaScope,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PlanItemRow[]> {
    if (!planIds.length) return Promise.resolve([]);
    const params: unknown[] = [planIds];
    return manager.query(
      `SELECT ${ITEM_COLUMNS}
       FROM ${this.table('personal_plan_items')} i
       JOIN ${this.table('personal_plans')} p ON p.id = i.plan_id
       LEFT JOIN ${this.table('user_accounts')} u ON u.username = i.responsible
       LEFT JOIN ${this.table('user_accounts')} uc ON uc.username = i.closed_by
       WHERE i.plan_id = ANY($1) AND ${inArea('p.org_path', area, params)}
       ORDER BY i.plan_id, i.position`,
      params,
    );
  }

  /** The reviews of a plan in the area, newest first. */
  reviewsOf(planId: string, area: AreaScope): Promise<PlanReviewRow[]> {
    const params: unknown[] = [planId];
    return this.dataSource.query(
      `SELECT r.id, r.plan_id AS "planId", r.reviewed_at AS "reviewedAt", r.reviewed_by AS "reviewedBy",
              u.display_name AS "reviewedByName", r.note, r.changes
       FROM ${this.table('personal_plan_reviews')} r
       JOIN ${this.table('personal_plans')} p ON p.id = r.plan_id
       LEFT JOIN ${this.table('user_accounts')} u ON u.username = r.reviewed_by
       WHERE r.plan_id = $1 AND ${inArea('p.org_path', area, params)}
       ORDER BY r.reviewed_at DESC, r.id
       LIMIT 100`,
      params,
    );
  }

  /**
   * Marks the person's active plan in the area superseded by `byPlanId` (inserted next, in the same transaction:
   * the reference is checked at commit); answers its id (none: undefined). An UPDATE answers [rows, count].
   */
  async supersedeActive(
    manager: EntityManager,
    personId: string,
    area: AreaScope,
    byPlanId: string,
    at: Date,
  ): Promise<string | undefined> {
    const params: unknown[] = [personId, byPlanId, at];
    const [rows]: [Array<{ id: string }>, number] = await manager.query(
      `UPDATE ${this.table('personal_plans')} p
          SET status = 'superseded', superseded_at = $3, superseded_by = $2
       WHERE p.person_id = $1 AND p.status = 'active' AND ${inArea('p.org_path', area, params)}
       RETURNING p.id`,
      params,
    );
    return rows[0]?.id;
  }

  /** Inserts a plan on a case of the area (nothing when the case is outside it: false). */
  async insertPlan(manager: EntityManager, plan: NewPlan, area: AreaScope): Promise<boolean> {
    const params: unknown[] = [
      plan.id,
      plan.personId,
      plan.caseId,
      plan.agreedOn,
      plan.agreementMethod,
      plan.witnessMasked,
      plan.goals,
      plan.targetJob,
      plan.expectedMonthlyIncomeYuan,
      plan.categories,
      plan.agreedBy,
      plan.agreedByUserId,
      plan.at,
      plan.contactSeenAt,
    ];
    const rows: unknown[] = await manager.query(
      `INSERT INTO ${this.table('personal_plans')}
         (id, person_id, case_id, org_path, status, agreed_on, agreement_method, witness_masked, goals, target_job,
          expected_monthly_income_yuan, categories, agreed_by, agreed_by_user_id, created_at, contact_seen_at)
       SELECT $1, $2, c.id, c.org_path, 'active', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
       FROM ${this.table('cases')} c WHERE c.id = $3 AND ${inArea('c.org_path', area, params)}
       RETURNING id`,
      params,
    );
    return rows.length > 0;
  }

  /** Appends items to a plan, numbered after its last one. */
  async insertItems(
    manager: EntityManager,
    planId: string,
    items: NewPlanItem[],
    by: string,
    at: Date,
  ): Promise<void> {
    const [{ last }]: Array<{ last: number }> = await manager.query(
      `SELECT coalesce(max(position), 0)::int AS last FROM ${this.table('personal_plan_items')} WHERE plan_id = $1`,
      [planId],
    );
    for (const [index, item] of items.entries()) {
      await manager.query(
        `INSERT INTO ${this.table('personal_plan_items')}
           (id, plan_id, position, kind, description, due_on, responsible, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          item.id,
          planId,
          last + index + 1,
          item.kind,
          item.description,
          item.dueOn,
          item.responsible,
          at,
          by,
        ],
      );
    }
  }

  /** Closes an open item of the plan; false when it is not open (or not the plan's). */
  async closeItem(
    manager: EntityManager,
    planId: string,
    itemId: string,
    change: { status: 'done' | 'dropped'; outcome: string; by: string; at: Date },
  ): Promise<boolean> {
    const [, count]: [unknown[], number] = await manager.query(
      `UPDATE ${this.table('personal_plan_items')}
          SET status = $3, outcome = $4, closed_by = $5, closed_at = $6
       WHERE plan_id = $1 AND id = $2 AND status = 'open'`,
      [planId, itemId, change.status, change.outcome, change.by, change.at],
    );
    return count > 0;
  }

  /** Moves an open item's due date; false when it is not open. */
  async rescheduleItem(
    manager: EntityManager,
    planId: string,
    itemId: string,
    dueOn: string,
  ): Promise<boolean> {
    const [, count]: [unknown[], number] = await manager.query(
      `UPDATE ${this.table('personal_plan_items')} SET due_on = $3
       WHERE plan_id = $1 AND id = $2 AND status = 'open'`,
      [planId, itemId, dueOn],
    );
    return count > 0;
  }

  async insertReview(
    manager: EntityManager,
    review: {
      id: string;
      planId: string;
      at: Date;
      by: string;
      note: string;
      changes: ReviewChange[];
      contactSeenAt: Date | null;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table('personal_plan_reviews')} (id, plan_id, reviewed_at, reviewed_by, note, changes)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [review.id, review.planId, review.at, review.by, review.note, JSON.stringify(review.changes)],
    );
    await manager.query(
      `UPDATE ${this.table('personal_plans')} SET last_reviewed_at = $2, last_reviewed_by = $3,
         contact_seen_at = greatest(contact_seen_at, $4) WHERE id = $1`,
      [review.planId, review.at, review.by, review.contactSeenAt],
    );
  }

  /** One row of the plan's audit trail: who did what, when (in the same transaction as the change). */
  async audit(
    manager: EntityManager,
    entry: {
      planId: string;
      at: Date;
      actor: string;
      actorUserId: string;
      action: PlanAuditAction;
      detail: object;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table('personal_plan_audit')} (plan_id, at, actor, actor_user_id, action, detail)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.planId, entry.at, entry.actor, entry.actorUserId, entry.action, JSON.stringify(entry.detail)],
    );
  }

  /** The audit trail of a plan in the area, oldest first. */
  auditOf(
    planId: string,
    area: AreaScope,
  ): Promise<Array<{ at: Date; actor: string; action: PlanAuditAction; detail: Record<string, unknown> }>> {
    const params: unknown[] = [planId];
    return this.dataSource.query(
      `SELECT a.at, a.actor, a.action, a.detail
       FROM ${this.table('personal_plan_audit')} a JOIN ${this.table('personal_plans')} p ON p.id = a.plan_id
       WHERE a.plan_id = $1 AND ${inArea('p.org_path', area, params)}
       ORDER BY a.at, a.id`,
      params,
    );
  }

  /** A staff member's display name (null when the account is gone). */
  async displayName(username: string): Promise<string | null> {
    const [row]: Array<{ name: string }> = await this.dataSource.query(
      `SELECT display_name AS name FROM ${this.table('user_accounts')} WHERE username = $1`,
      [username],
    );
    return row?.name ?? null;
  }

  /** Of `usernames`, the operator and supervisor accounts whose area holds `orgPath` (who may be responsible). */
  async staffHolding(usernames: string[], orgPath: string): Promise<Set<string>> {
    if (!usernames.length) return new Set();
    const rows: Array<{ username: string }> = await this.dataSource.query(
      `SELECT u.username FROM ${this.table('user_accounts')} u
       JOIN ${this.table('org_units')} o ON o.code = u.org_unit_code
       WHERE u.username = ANY($1) AND u.roles && ARRAY['operator', 'supervisor']::text[]
         AND ($2 = o.path OR starts_with($2, o.path || '/'))`,
      [usernames, orgPath],
    );
    return new Set(rows.map((row) => row.username));
  }

  /**
   * Open items of active plans in the area due on or before `throughDay`, earliest first. With `staff`, only
   * the items that staff member is responsible for or whose case they own (the latest cycle's owner).
   */
  dueItems(
    area: AreaScope,
    due: { throughDay: string; staff?: string; limit: number },
  ): Promise<DuePlanItemRow[]> {
    const params: unknown[] = [due.throughDay];
    const filters = [
      `p.status = 'active'`,
      `i.status = 'open'`,
      `i.due_on <= $1::date`,
      inArea('p.org_path', area, params),
    ];
    if (due.staff) {
      const staff = `$${params.push(due.staff)}`;
      filters.push(`(i.responsible = ${staff} OR EXISTS (SELECT 1 FROM ${this.table('case_board')} b
        WHERE b.case_id = p.case_id AND b.owner = ${staff}
          AND NOT EXISTS (SELECT 1 FROM ${this.table('case_board')} n
                          WHERE n.case_id = b.case_id AND n.cycle > b.cycle)))`);
    }
    return this.dataSource.query(
      `SELECT p.id AS "planId", i.id AS "itemId", p.case_id AS "caseId", i.kind, i.description,
              to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn", i.responsible, u.display_name AS "responsibleName",
              k.card_encrypted AS "cardEncrypted"
       FROM ${this.table('personal_plan_items')} i
       JOIN ${this.table('personal_plans')} p ON p.id = i.plan_id
       LEFT JOIN ${this.table('user_accounts')} u ON u.username = i.responsible
       LEFT JOIN ${this.table('case_callers')} k ON k.case_id = p.case_id
       WHERE ${filters.join(' AND ')}
       ORDER BY i.due_on, p.id, i.position
       LIMIT $${params.push(due.limit)}`,
      params,
    );
  }

  private planFrom(): string {
    return `FROM ${this.table('personal_plans')} p
       LEFT JOIN ${this.table('user_accounts')} ua ON ua.username = p.agreed_by
       LEFT JOIN ${this.table('user_accounts')} ur ON ur.username = p.last_reviewed_by`;
  }

  private table(name: string): string {
    return `"${this.config.DB_SCHEMA}".${name}`;
  }
}
