import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CasePolicy } from '@platform/contracts';
import { followUpMonthsError, throwIfPolicyErrors } from '../policy-history/city-wide-policy';
import {
  lockForNextVersion,
  PolicyChange,
  PolicyTables,
  policyTables,
  readPolicyHistory,
  readPolicyRow,
  recordPolicyChange,
} from '../policy-history/policy-history.repository';

export interface CasePolicyView extends CasePolicy {
  version: string;
  updatedBy: string;
  updatedAt: string;
}

export type CasePolicyChange = PolicyChange<CasePolicy>;

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
    const row = await readPolicyRow<PolicyRow>(manager, this.tables());
    if (!row) throw new Error('the case policy row is missing: run the hotline migrations');
    return toView(row);
  }

  history(): Promise<CasePolicyChange[]> {
    return readPolicyHistory(this.dataSource, this.tables());
  }

  /** Validates the rules the DTO cannot express, then writes the new version and its audit row. */
  async replace(policy: NewCasePolicy, reason: string, changedBy: string): Promise<CasePolicyView> {
    checkPolicy(policy);
    const tables = this.tables();
    return this.dataSource.transaction(async (manager) => {
      const { locked, number, version } = await lockForNextVersion<PolicyRow>(manager, tables, 'policy');
      const previous = toView(locked);
      const stored: CasePolicy = {
        refusal: { version, ...policy.refusal },
        callbackAfterWorkingDays: policy.callbackAfterWorkingDays,
        followUpMonths: policy.followUpMonths,
        promiseWorkingDays: policy.promiseWorkingDays,
      };
      const { version: _v, updatedBy: _b, updatedAt: _a, ...previousPolicy } = previous;
      await recordPolicyChange(manager, tables, {
        number,
        version,
        policy: stored,
        previousPolicy,
        reason,
        changedBy,
      });
      await manager.query(
        `UPDATE ${tables.policy} SET version = $1, valid_reason_codes = $2,
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

  private tables(): PolicyTables {
    return policyTables(this.dataSource, 'case_policy');
  }
}

/** The follow-ups must be strictly ascending (each month once): the workflow schedules them in order. */
export function checkPolicy(policy: NewCasePolicy): void {
  throwIfPolicyErrors([followUpMonthsError(policy.followUpMonths, '回访月份')]);
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
