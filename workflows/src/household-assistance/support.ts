/** Helpers of the household workflow without state: refusals and request checks. */
import { ApplicationFailure } from '@temporalio/workflow';
import { HouseholdAssistanceErrors } from '@platform/contracts';
import type { PeopleActivityActor } from '@platform/contracts';

export const SYSTEM = 'system';
/** The tracking card keeps its latest entries (the hotline's projection keeps every event it was sent). */
export const CARD_LIMIT = 500;
/** Operators' notes are short remarks, not documents. */
export const NOTE_MAX = 500;
const NAME_MAX = 100;

/** A refusal worded in both languages (`english / 中文`); details carry the two apart for the hotline. */
export function rejectBilingual(
  en: string,
  zh: string,
  type: string = HouseholdAssistanceErrors.invalid,
): never {
  throw ApplicationFailure.create({
    message: `${en} / ${zh}`,
    type,
    nonRetryable: true,
    details: [{ en, zh }],
  });
}

export function wrongState(en: string, zh: string): never {
  return rejectBilingual(en, zh, HouseholdAssistanceErrors.wrongState);
}

export function requireActor(actor: PeopleActivityActor | undefined): PeopleActivityActor {
  if (!actor || typeof actor.username !== 'string' || actor.username.trim() === '') {
    rejectBilingual('actor.username is required', 'actor.username 必填');
  }
  return actor;
}

/** A reference or username: present, not blank, short. */
export function requireName(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    rejectBilingual(`${field} is required`, `${field} 必填`);
  }
  if (value.length > NAME_MAX) {
    rejectBilingual(
      `${field} must be at most ${NAME_MAX} characters`,
      `${field} 不能超过 ${NAME_MAX} 个字符`,
    );
  }
  return value;
}

/** A note the staff typed: required ones must not be blank; none longer than NOTE_MAX characters. */
export function checkNote(value: unknown, required: boolean): void {
  if (value === undefined || value === null) {
    if (required) rejectBilingual('note is required', 'note（备注）必填');
    return;
  }
  if (typeof value !== 'string') rejectBilingual('note must be text', 'note（备注）须为文字');
  if (required && value.trim() === '') rejectBilingual('note must not be blank', 'note（备注）不能为空');
  if (value.length > NOTE_MAX) {
    rejectBilingual(`note must be at most ${NOTE_MAX} characters`, `note（备注）不能超过 ${NOTE_MAX} 个字符`);
  }
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    rejectBilingual(
      `${field} must be one of ${allowed.join(', ')}`,
      `${field} 须为 ${allowed.join('、')} 之一`,
    );
  }
  return value as T;
}
