import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { HouseholdPolicy } from '@platform/contracts';
import {
  lockForNextVersion,
  PolicyChange,
  PolicyTables,
  policyTables,
  readPolicyHistory,
  readPolicyRow,
  recordPolicyChange,
} from '../policy-history/policy-history.repository';

/** The policy in force, with who changed it last. */
export interface HouseholdPolicyView extends HouseholdPolicy {
  updatedBy: string;
  updatedAt: string;
}

/** One line of the history: the policy written, the one it replaced, and why. */
export type HouseholdPolicyChange = PolicyChange<HouseholdPolicy>;

interface PolicyRow {
  version: string;
  one_employed_within_days: number;
  double_employment_within_months: number;
  warn_days_before: number;
  follow_up_months: number[];
  updated_by: string;
  updated_at: Date;
}

/** The household policy tables (city-wide: no area scope, every caller reads the same row). */
@Injectable()
export class HouseholdPolicyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pass the caller's transaction to read the policy inside it (an episode starting in the inbox transaction). */
  async current(manager: EntityManager = this.dataSource.manager): Promise<HouseholdPolicyView> {
    const row = await readPolicyRow<PolicyRow>(manager, this.tables());
    if (!row) throw new Error('the household policy row is missing: run the hotline migrations');
    return toView(row);
  }

  history(): Promise<HouseholdPolicyChange[]> {
    return readPolicyHistory(this.dataSource, this.tables());
  }

  /** Writes the next version and its audit row in one transaction; returns the policy now in force. */
  async replace(
    policy: Omit<HouseholdPolicy, 'version'>,
    reason: string,
    changedBy: string,
  ): Promise<HouseholdPolicyView> {
    const tables = this.tables();
    return this.dataSource.transaction(async (manager) => {
      const { locked, number, version } = await lockForNextVersion<PolicyRow>(manager, tables, 'household');
      const stored: HouseholdPolicy = {
        version,
        oneEmployedWithinDays: policy.oneEmployedWithinDays,
        doubleEmploymentWithinMonths: policy.doubleEmploymentWithinMonths,
        warnDaysBefore: policy.warnDaysBefore,
        followUpMonths: policy.followUpMonths,
      };
      await recordPolicyChange(manager, tables, {
        number,
        version,
        policy: stored,
        previousPolicy: policyOf(toView(locked)),
        reason,
        changedBy,
      });
      await manager.query(
        `UPDATE ${tables.policy} SET version = $1, one_employed_within_days = $2,
           double_employment_within_months = $3, warn_days_before = $4, follow_up_months = $5,
           updated_by = $6, updated_at = now()
         WHERE id = 1`,
        [
          version,
          stored.oneEmployedWithinDays,
          stored.doubleEmploymentWithinMonths,
          stored.warnDaysBefore,
          stored.followUpMonths,
          changedBy,
        ],
      );
      return this.current(manager);
    });
  }

  private tables(): PolicyTables {
    return policyTables(this.dataSource, 'household_policy');
  }
}

/** The policy alone, as an episode's input carries it (without who changed it). */
export function policyOf(view: HouseholdPolicyView): HouseholdPolicy {
  return {
    version: view.version,
    oneEmployedWithinDays: view.oneEmployedWithinDays,
    doubleEmploymentWithinMonths: view.doubleEmploymentWithinMonths,
    warnDaysBefore: view.warnDaysBefore,
    followUpMonths: view.followUpMonths,
  };
}

function toView(row: PolicyRow): HouseholdPolicyView {
  return {
    version: row.version,
    oneEmployedWithinDays: row.one_employed_within_days,
    doubleEmploymentWithinMonths: row.double_employment_within_months,
    warnDaysBefore: row.warn_days_before,
    followUpMonths: row.follow_up_months,
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
