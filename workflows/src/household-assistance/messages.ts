/**
 * The messages an episode answers: the `view` query, signals (facts from the people service and the cases, sent
 * by the hotline's consumers) and updates (staff actions, validated before anything is written). Message names
 * are part of running episodes' histories: never rename one.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AssignHouseholdStaffRequest,
  CloseHouseholdEpisodeRequest,
  HouseholdEpisodeView,
  HouseholdLeftStatusSignal,
  HouseholdMemberPlacedSignal,
  HouseholdReenteredSignal,
  LinkMemberCaseRequest,
  RecordHouseholdContactRequest,
  RecordHouseholdFollowUpRequest,
  RequestDoubleEmploymentRequest,
} from '@platform/contracts';

export const HouseholdMessages = {
  view: 'view',
  householdLeftStatus: 'householdLeftStatus',
  householdReentered: 'householdReentered',
  memberPlaced: 'memberPlaced',
  assignStaff: 'assignStaff',
  recordContact: 'recordContact',
  linkMemberCase: 'linkMemberCase',
  requestDoubleEmployment: 'requestDoubleEmployment',
  recordFollowUp: 'recordFollowUp',
  close: 'close',
} as const;
const M = HouseholdMessages;

export const householdViewQuery = defineQuery<HouseholdEpisodeView>(M.view);

export const householdLeftStatusSignal = defineSignal<[HouseholdLeftStatusSignal]>(M.householdLeftStatus);
export const householdReenteredSignal = defineSignal<[HouseholdReenteredSignal]>(M.householdReentered);
export const memberPlacedSignal = defineSignal<[HouseholdMemberPlacedSignal]>(M.memberPlaced);

export const assignStaffUpdate = defineUpdate<HouseholdEpisodeView, [AssignHouseholdStaffRequest]>(
  M.assignStaff,
);
export const recordHouseholdContactUpdate = defineUpdate<
  HouseholdEpisodeView,
  [RecordHouseholdContactRequest]
>(M.recordContact);
export const linkMemberCaseUpdate = defineUpdate<HouseholdEpisodeView, [LinkMemberCaseRequest]>(
  M.linkMemberCase,
);
export const requestDoubleEmploymentUpdate = defineUpdate<
  HouseholdEpisodeView,
  [RequestDoubleEmploymentRequest]
>(M.requestDoubleEmployment);
export const recordHouseholdFollowUpUpdate = defineUpdate<
  HouseholdEpisodeView,
  [RecordHouseholdFollowUpRequest]
>(M.recordFollowUp);
export const closeHouseholdEpisodeUpdate = defineUpdate<HouseholdEpisodeView, [CloseHouseholdEpisodeRequest]>(
  M.close,
);

/** Every signal, by its name. */
export const householdSignals = {
  householdLeftStatus: householdLeftStatusSignal,
  householdReentered: householdReenteredSignal,
  memberPlaced: memberPlacedSignal,
} as const;

/** Every staff action on an episode, by its name. */
export const householdUpdates = {
  assignStaff: assignStaffUpdate,
  recordContact: recordHouseholdContactUpdate,
  linkMemberCase: linkMemberCaseUpdate,
  requestDoubleEmployment: requestDoubleEmploymentUpdate,
  recordFollowUp: recordHouseholdFollowUpUpdate,
  close: closeHouseholdEpisodeUpdate,
} as const;
