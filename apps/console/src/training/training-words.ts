import type { Enrolment, EnrolmentStatus, RateAgainstTarget } from './api-types';

/** A share as a whole-number-and-one-decimal percentage ("75%", "90.5%"); a dash when nothing is measured. */
export function percent(rate: number | null): string {
  if (rate === null) return '—';
  const value = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)}%`;
}

/** The i18n key (namespace "training") of a rate against its target: met, not met, or nothing to measure. */
export function targetKey(rate: RateAgainstTarget): 'target.met' | 'target.notMet' | 'target.none' {
  if (rate.met === null) return 'target.none';
  return rate.met ? 'target.met' : 'target.notMet';
}

export function targetColour(rate: RateAgainstTarget): 'green' | 'red' | undefined {
  if (rate.met === null) return undefined;
  return rate.met ? 'green' : 'red';
}

/** Which actions an enrolment offers in its status (the service refuses the others with 409). */
export function actionsFor(status: EnrolmentStatus): Array<'enrol' | 'attendance' | 'completion' | 'drop'> {
  switch (status) {
    case 'referred':
      return ['enrol', 'drop'];
    case 'enrolled':
      return ['attendance', 'completion', 'drop'];
    default:
      return [];
  }
}

/** The outcome words of a finished enrolment: passed (with its certificate), not passed, or dropped (why). */
export function outcomeKey(enrolment: Enrolment): { key: string; values?: Record<string, string> } | null {
  if (enrolment.status === 'completed') {
    return enrolment.passed
      ? { key: 'outcome.passed', values: { certificate: enrolment.certificateNo ?? '' } }
      : { key: 'outcome.failed' };
  }
  if (enrolment.status === 'dropped')
    return { key: 'outcome.dropped', values: { reason: enrolment.dropReason ?? '' } };
  return null;
}
