import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CasePolicy } from '@platform/contracts';
import { FieldError, ProblemException } from '@platform/nest-kit';

export interface CasePolicyView extends CasePolicy {
  version: string;
  updatedBy: string;
  updatedAt: string;
}

export interface CasePolicyChange {
  version: string;
  policy: CasePolicy;
  previousPolicy: CasePolicy | null;
  reason: string;
  changedBy: string;
  changedAt: string;
}

export interface NewCasePolicy {
  refusal: { validReasonCodes: string[]; maxUnjustifiedRefusals: number };
  callbackAfterWorkingDays: number;
  followUpMonths: number[];
  promiseWorkingDays: number;
}

interface PolicyRow {
  version: string;
  valid_reason_codes: string[];
  max_unjustified_refusals: number;
  callback_after_working_days: number;
  follow_up_months: number[];
  promise_working_days: number;
  updated_by: string;
  updated_at: Date;
}

/**
 * The refusal, callback and follow-up rules as data. Each change is a new version written with its audit row
 * in one transaction; a case reads the policy once at intake, so a change never alters a running case.
 */
@Injectable()
export class CasePolicyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(manager: EntityManager = this.dataSource.manager): Promise<CasePolicyView> {
    const [row]: PolicyRow[] = await manager.query(`SELECT * FROM ${this.table('case_policy')} WHERE id = 1`);
    if (!row) throw new Error('the case policy row is missing: run the hotline migrations');
    return toView(row);
  }

  async history(): Promise<CasePolicyChange[]> {
    const rows: Array<{
      version: string;
      policy: CasePolicy;
      previous_policy: CasePolicy | null;
      reason: string;
      changed_by: string;
      changed_at: Date;
    }> = await this.dataSource.query(
      `SELECT version, policy, previous_policy, reason, changed_by, changed_at
       FROM ${this.table('case_policy_changes')} ORDER BY number DESC`,
    );
    return rows.map((row) => ({
      version: row.version,
      policy: row.policy,
      previousPolicy: row.previous_policy,
      reason: row.reason,
      changedBy: row.changed_by,
      changedAt: row.changed_at.toISOString(),
    }));
  }

  /** Validates the rules the DTO cannot express, then writes the new version and its audit row. */
  async replace(policy: NewCasePolicy, reason: string, changedBy: string): Promise<CasePolicyView> {
    checkPolicy(policy);
    return this.dataSource.transaction(async (manager) => {
      // Serialises concurrent changes so version numbers are gap-free and each records what it replaced.
      const [locked]: PolicyRow[] = await manager.query(
        `SELECT * FROM ${this.table('case_policy')} WHERE id = 1 FOR UPDATE`,
      );
      const previous = toView(locked);
      const [{ next }] = await manager.query(
        `SELECT coalesce(max(number), 0)::int + 1 AS next FROM ${this.table('case_policy_changes')}`,
      );
      const version = `policy-${next}`;
      const stored: CasePolicy = {
        refusal: { version, ...policy.refusal },
        callbackAfterWorkingDays: policy.callbackAfterWorkingDays,
        followUpMonths: policy.followUpMonths,
        promiseWorkingDays: policy.promiseWorkingDays,
      };
      const { version: _v, updatedBy: _b, updatedAt: _a, ...previousPolicy } = previous;
      await manager.query(
        `INSERT INTO ${this.table('case_policy_changes')}
           (number, version, policy, previous_policy, reason, changed_by)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [next, version, JSON.stringify(stored), JSON.stringify(previousPolicy), reason, changedBy],
      );
      await manager.query(
        `UPDATE ${this.table('case_policy')} SET version = $1, valid_reason_codes = $2,
           max_unjustified_refusals = $3, callback_after_working_days = $4, follow_up_months = $5,
           promise_working_days = $6, updated_by = $7, updated_at = now()
         WHERE id = 1`,
        [
          version,
          policy.refusal.validReasonCodes,
          policy.refusal.maxUnjustifiedRefusals,
          policy.callbackAfterWorkingDays,
          policy.followUpMonths,
          policy.promiseWorkingDays,
          changedBy,
        ],
      );
      return this.current(manager);
    });
  }

  private table(name: string): string {
    return `"${String((this.dataSource.options as { schema?: string }).schema)}".${name}`;
  }
}

/** The follow-ups must be strictly ascending (each month once): the workflow schedules them in order. */
export function checkPolicy(policy: NewCasePolicy): void {
  const errors: FieldError[] = [];
  const months = policy.followUpMonths;
  if (months.some((month, i) => i > 0 && month <= months[i - 1])) {
    errors.push({
      field: 'followUpMonths',
      rule: 'ascending',
      message: {
        zh: 'followUpMonths：回访月份必须严格递增',
        en: 'followUpMonths: the months must be strictly ascending',
      },
    });
  }
  if (errors.length)
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'Request validation failed / 请求校验失败', errors);
}

function toView(row: PolicyRow): CasePolicyView {
  return {
    version: row.version,
    refusal: {
      version: row.version,
      validReasonCodes: row.valid_reason_codes,
      maxUnjustifiedRefusals: row.max_unjustified_refusals,
    },
    callbackAfterWorkingDays: row.callback_after_working_days,
    followUpMonths: row.follow_up_months,
    promiseWorkingDays: row.promise_working_days,
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
