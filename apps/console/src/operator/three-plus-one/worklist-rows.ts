import type { WorklistItem } from './api-types';

/** A key of the "threePlusOne" strings with its values, for t(). */
export interface Words {
  key: string;
  values?: Record<string, number>;
}

/** Days left in words: "还剩 24 天", "今天期满", "已期满 8 天，未完成". */
export function daysLeftWords(item: Pick<WorklistItem, 'daysLeft'>): Words {
  if (item.daysLeft > 0) return { key: 'days.left', values: { n: item.daysLeft } };
  if (item.daysLeft === 0) return { key: 'days.lastDay' };
  return { key: 'days.ended', values: { n: -item.daysLeft } };
}

/** The colour of the days-left tag: red once ended, orange in the 60-day warning (预警), none otherwise. */
export function daysLeftColour(item: Pick<WorklistItem, 'status'>): 'red' | 'orange' | 'default' {
  return item.status === 'ended-unmet' ? 'red' : item.status === 'at-risk' ? 'orange' : 'default';
}

/** The training in words: confirmed, awaiting the person's confirmation, or not referred yet. */
export function trainingWords(item: Pick<WorklistItem, 'training'>): Words {
  if (item.training.confirmed >= item.training.target) return { key: 'progress.trainingDone' };
  if (item.training.pending > 0) return { key: 'progress.trainingPending' };
  return { key: 'progress.trainingNone' };
}

/** The job recommendations in words: "已确认 1/3", and the pending ones apart when there are any. */
export function jobWords(item: Pick<WorklistItem, 'jobs'>): Words[] {
  const confirmed: Words = { key: 'progress.jobs', values: { confirmed: item.jobs.confirmed } };
  return item.jobs.pending > 0
    ? [confirmed, { key: 'progress.jobsPending', values: { n: item.jobs.pending } }]
    : [confirmed];
}

/** The unit the figures are narrowed to: the finest level chosen (community, street, district), else the caller's. */
export function kpiUnit(units: { districtCode?: string; streetCode?: string; communityCode?: string }) {
  return units.communityCode ?? units.streetCode ?? units.districtCode;
}

/**
 * The unit the list is narrowed to: the finest level the user chose below their own unit (their own levels are
 * fixed and already their whole area; an ancestor of their unit would be outside it).
 */
export function chosenUnit(units: {
  fixed: { district?: string; street?: string; community?: string };
  districtCode?: string;
  streetCode?: string;
  communityCode?: string;
}): string | undefined {
  const { fixed } = units;
  if (units.communityCode && !fixed.community) return units.communityCode;
  if (units.streetCode && !fixed.street) return units.streetCode;
  if (units.districtCode && !fixed.district) return units.districtCode;
  return undefined;
}
