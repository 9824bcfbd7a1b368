/**
 * The typed API of the case workflow for its clients (the hotline): the workflow's type and a reference to start
 * it by, and the update, signal and query definitions. Importing this loads no workflow code (messages only);
 * the hotline imports it as `@platform/workflows/help-request`.
 */
import type { HelpRequestInput, HelpRequestResult, HelpRequestView } from '@platform/contracts';
import type { UpdateDefinition } from '@temporalio/common';
import type { helpRequest } from './help-request.workflow';
import {
  closeCaseUpdate,
  confirmStartUpdate,
  escalateNowUpdate,
  handOffUpdate,
  proposeReferralUpdate,
  recordCallbackUpdate,
  recordContactUpdate,
  recordFollowUpUpdate,
  recordPersonAnswerUpdate,
  retryRegistrationUpdate,
} from './messages';

export * from './messages';
export { HELP_REQUEST_REVISION } from './revision';
export { startSearchAttributes } from './search-attributes';

export type HelpRequestWorkflow = typeof helpRequest;

/**
 * Starts `helpRequest` by reference: the client reads only the function's name (the worker runs the real
 * workflow), and the arguments are checked against the workflow's type.
 */
export const helpRequestWorkflow: HelpRequestWorkflow = {
  async helpRequest(_input: HelpRequestInput): Promise<HelpRequestResult> {
    throw new Error('helpRequest runs in the hotline worker; this reference only names it');
  },
}.helpRequest;

/** Every operator or supervisor action on a case, by the name the hotline calls it. */
export const caseUpdates = {
  proposeReferral: proposeReferralUpdate,
  recordPersonAnswer: recordPersonAnswerUpdate,
  confirmStart: confirmStartUpdate,
  recordContact: recordContactUpdate,
  recordCallback: recordCallbackUpdate,
  recordFollowUp: recordFollowUpUpdate,
  handOff: handOffUpdate,
  escalateNow: escalateNowUpdate,
  retryRegistration: retryRegistrationUpdate,
  close: closeCaseUpdate,
} as const;

export type CaseUpdateName = keyof typeof caseUpdates;
/** The request an update takes (its only argument). */
export type CaseUpdateRequest<K extends CaseUpdateName> =
  (typeof caseUpdates)[K] extends UpdateDefinition<HelpRequestView, [infer Request]> ? Request : never;
