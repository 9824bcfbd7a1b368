// The answers the operator desk reads, as the services send them (instants are ISO-8601 strings).
import type { MatchPersonInput } from '@platform/contracts';

// The hotline's answers are defined once, in the contracts, for the service and the console.
export type {
  Agenda,
  AgendaItem,
  CaseCaller,
  CaseDetail,
  CaseList,
  CaseSearch,
  CaseTimelineEntry,
  CaseReferralStatus,
  CaseSummary,
  HandOffCandidate,
  HelpRequestState,
  HelpRequestView,
  MatchedVacancy,
  OpenedCase,
  TimelineEntry,
  WorkingTime,
} from '@platform/contracts';

/** GET /cases/{id}/match-profile (hotline): exactly what jobs POST /matching takes as `person`. */
export type MatchProfile = MatchPersonInput;

/** A person as GET /persons (people) lists them: identifiers already masked by the service. */
export interface MaskedPerson {
  id: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  communityCode: string;
}

/** GET /case-policy (hotline), the part the desk needs. */
export interface CasePolicySummary {
  refusal: { validReasonCodes: string[] };
}
