import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { HouseholdPolicy } from '@platform/contracts';
import { FieldError } from '@platform/nest-kit';
import { followUpMonthsError, throwIfPolicyErrors } from '../policy-history/city-wide-policy';
import {
  HouseholdPolicyChange,
  HouseholdPolicyRepository,
  HouseholdPolicyView,
  policyOf,
} from './household-policy.repository';

export type NewHouseholdPolicy = Omit<HouseholdPolicy, 'version'>;

/**
 * The zero-employment household clocks as data. Each change is a new version written with its audit row; an
 * episode reads the policy once when it starts and carries it in its input, so a change never alters a running
 * episode.
 */
@Injectable()
export class HouseholdPolicyService {
  constructor(private readonly policies: HouseholdPolicyRepository) {}

  current(): Promise<HouseholdPolicyView> {
    return this.policies.current();
  }

  /** The policy a new episode starts with, read in the caller's transaction. */
  async inForce(manager?: EntityManager): Promise<HouseholdPolicy> {
    return policyOf(await this.policies.current(manager));
  }

  history(): Promise<HouseholdPolicyChange[]> {
    return this.policies.history();
  }

  /** Validates the rules the DTO cannot express, then writes the new version and its audit row. */
  replace(policy: NewHouseholdPolicy, reason: string, changedBy: string): Promise<HouseholdPolicyView> {
    checkHouseholdPolicy(policy);
    return this.policies.replace(policy, reason, changedBy);
  }
}

/**
 * Rules across fields: the warning must come after day 0 (at most one day less than the period), and the
 * follow-ups strictly ascending (each month once: the workflow schedules them in order).
 */
export function checkHouseholdPolicy(policy: NewHouseholdPolicy): void {
  const errors: Array<FieldError | undefined> = [];
  if (policy.warnDaysBefore >= policy.oneEmployedWithinDays) {
    errors.push({
      field: 'warnDaysBefore',
      rule: 'lessThanOneEmployedWithinDays',
      message: {
        zh: 'warnDaysBefore：预警提前天数必须小于 oneEmployedWithinDays（帮扶期限天数）',
        en: 'warnDaysBefore: the warning must come fewer days before the due date than oneEmployedWithinDays',
      },
    });
  }
  errors.push(followUpMonthsError(policy.followUpMonths, '跟踪回访月份'));
  throwIfPolicyErrors(errors);
}
