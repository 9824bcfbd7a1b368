import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { HelpRequestMessages as M } from '@platform/contracts';
import type {
  CalendarChangedSignal,
  CaseMatchProfile,
  CloseCaseRequest,
  ConfirmStartRequest,
  EscalateNowRequest,
  HandOffRequest,
  HelpRequestView,
  PersonAnswerRequest,
  ProposeReferralRequest,
  RecordCallbackRequest,
  RecordContactRequest,
  RecordFollowUpRequest,
  ReferralChangedSignal,
  RetryRegistrationRequest,
  TimelineEntry,
} from '@platform/contracts';

/** Operator actions are updates: the caller gets the validated new state or a reason why not. */
export const proposeReferralUpdate = defineUpdate<HelpRequestView, [ProposeReferralRequest]>(
  M.proposeReferral,
);
export const recordPersonAnswerUpdate = defineUpdate<HelpRequestView, [PersonAnswerRequest]>(
  M.recordPersonAnswer,
);
export const confirmStartUpdate = defineUpdate<HelpRequestView, [ConfirmStartRequest]>(M.confirmStart);
export const recordContactUpdate = defineUpdate<HelpRequestView, [RecordContactRequest]>(M.recordContact);
export const recordCallbackUpdate = defineUpdate<HelpRequestView, [RecordCallbackRequest]>(M.recordCallback);
export const recordFollowUpUpdate = defineUpdate<HelpRequestView, [RecordFollowUpRequest]>(M.recordFollowUp);
export const handOffUpdate = defineUpdate<HelpRequestView, [HandOffRequest]>(M.handOff);
/** A supervisor escalates at once instead of at the milestone. */
export const escalateNowUpdate = defineUpdate<HelpRequestView, [EscalateNowRequest]>(M.escalateNow);
/** A refused registration sent again with corrections; the case keeps its number and clock. */
export const retryRegistrationUpdate = defineUpdate<HelpRequestView, [RetryRegistrationRequest]>(
  M.retryRegistration,
);
export const closeCaseUpdate = defineUpdate<HelpRequestView, [CloseCaseRequest]>(M.close);

/** Facts from elsewhere are signals: nobody waits for an answer. */
export const referralChangedSignal = defineSignal<[ReferralChangedSignal]>(M.referralChanged);
export const calendarChangedSignal = defineSignal<[CalendarChangedSignal]>(M.calendarChanged);

export const stateQuery = defineQuery<HelpRequestView>(M.state);
export const timelineQuery = defineQuery<TimelineEntry[]>(M.timeline);
export const matchProfileQuery = defineQuery<CaseMatchProfile>(M.matchProfile);
