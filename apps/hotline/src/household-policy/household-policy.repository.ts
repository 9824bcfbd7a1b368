import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { HouseholdPolicy } from '@platform/contracts';

/** The policy in force, with who changed it last. */
export interface HouseholdPolicyView extends HouseholdPolicy {
  updatedBy: string;
  updatedAt: string;
}

/** One line of the history: the policy written, the one it replaced, and why. */
export interface HouseholdPolicyChange {
  version: string;
  policy: HouseholdPolicy;
  previousPolicy: HouseholdPolicy | null;
  reason: string;
  changedBy: string;
  changedAt: string;
}

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
    const [row]: PolicyRow[] = await manager.query(
      `SELECT * FROM ${this.table('household_policy')} WHERE id = 1`,
    );
    if (!row) throw new Error('the household policy row is missing: run the hotline migrations');
    return toView(row);
  }

  async history(): Promise<HouseholdPolicyChange[]> {
    const rows: Array<{
      version: string;
      policy: HouseholdPolicy;
      previous_policy: HouseholdPolicy | null;
      reason: string;
      changed_by: string;
      changed_at: Date;
    }> = await this.dataSource.query(
      `SELECT version, policy, previous_policy, reason, changed_by, changed_at
       FROM ${this.table('household_policy_changes')} ORDER BY number DESC`,
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

  /** Writes the next version and its audit row in one transaction; returns the policy now in force. */
  async replace(
    policy: Omit<HouseholdPolicy, 'version'>,
    reason: string,
    changedBy: string,
  ): Promise<HouseholdPolicyView> {
    return this.dataSource.transaction(async (manager) => {
      // Serialises concurrent changes so version numbers are gap-free and each records what it replaced.
      const [locked]: PolicyRow[] = await manager.query(
        `SELECT * FROM ${this.table('household_policy')} WHERE id = 1 FOR UPDATE`,
      );
      const [{ next }] = await manager.query(
        `SELECT coalesce(max(number), 0)::int + 1 AS next FROM ${this.table('household_policy_changes')}`,
      );
      const version = `household-${next}`;
      const stored: HouseholdPolicy = {
        version,
        oneEmployedWithinDays: policy.oneEmployedWithinDays,
        doubleEmploymentWithinMonths: policy.doubleEmploymentWithinMonths,
        warnDaysBefore: policy.warnDaysBefore,
        followUpMonths: policy.followUpMonths,
      };
      await manager.query(
        `INSERT INTO ${this.table('household_policy_changes')}
           (number, version, policy, previous_policy, reason, changed_by)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [next, version, JSON.stringify(stored), JSON.stringify(policyOf(toView(locked))), reason, changedBy],
      );
      await manager.query(
        `UPDATE ${this.table('household_policy')} SET version = $1, one_employed_within_days = $2,
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

  private table(name: string): string {
    return `"${String((this.dataSource.options as { schema?: string }).schema)}".${name}`;
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
