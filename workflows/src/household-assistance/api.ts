/**
 * The typed API of the household workflow for its clients (the hotline): the workflow's type and a reference to
 * start it by, the episode ID, and the query, signal and update definitions. Importing this loads no workflow
 * code (messages only); the hotline imports it as `@platform/workflows/household-assistance`.
 */
import type {
  HouseholdAssistanceInput,
  HouseholdAssistanceResult,
  HouseholdEpisodeView,
} from '@platform/contracts';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { householdAssistance } from './household-assistance.workflow';
import { householdSignals, householdUpdates } from './messages';

export * from './messages';
export { HOUSEHOLD_ASSISTANCE_REVISION } from './revision';

export type HouseholdAssistanceWorkflow = typeof householdAssistance;

/**
 * Starts `householdAssistance` by reference: the client reads only the function's name (the worker runs the
 * real workflow), and the arguments are checked against the workflow's type.
 */
export const householdAssistanceWorkflow: HouseholdAssistanceWorkflow = {
  async householdAssistance(_input: HouseholdAssistanceInput): Promise<HouseholdAssistanceResult> {
    throw new Error('householdAssistance runs in the hotline worker; this reference only names it');
  },
}.householdAssistance;

/** Workflow ID of a household's episode: references only (the household's UUID and the episode's number). */
export function householdEpisodeId(householdId: string, episode: number): string {
  return `household-${householdId}-${episode}`;
}

export type HouseholdUpdateName = keyof typeof householdUpdates;
/** The request an update takes (its only argument). */
export type HouseholdUpdateRequest<K extends HouseholdUpdateName> =
  (typeof householdUpdates)[K] extends UpdateDefinition<HouseholdEpisodeView, [infer Request]>
    ? Request
    : never;

export type HouseholdSignalName = keyof typeof householdSignals;
/** The fact a signal carries (its only argument). */
export type HouseholdSignalPayload<K extends HouseholdSignalName> =
  (typeof householdSignals)[K] extends SignalDefinition<[infer Payload]> ? Payload : never;
