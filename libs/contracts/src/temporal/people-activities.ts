import type { PersonIntake } from '../api/person-intake';

/**
 * Activities the people service runs on task queue `people` for the case workflow. Inputs may carry an ID
 * number or phone (payloads are encrypted by the PayloadCodec); outputs are masked unless stated. Inputs are
 * validated like the HTTP bodies: bad input, and any other client error, fails at once and is not retried
 * (`ApplicationFailure` of type `Problem<status>`, e.g. `Problem400`, whose first detail lists the field errors
 * in Chinese and English, never the values).
 */
export interface RegisterOrFindPersonInput {
  actor: PeopleActivityActor;
  correlationId: string;
  /**
   * The intake's person. What it leaves out (unemployment, circumstances, certificate) is kept as registered,
   * so cases opened before the intake carried them, and callers who say nothing new, keep their categories.
   */
  person: PersonIntake;
}

/** The staff member on whose behalf the workflow acts (their scope and roles apply). */
export interface PeopleActivityActor {
  userId: string;
  username: string;
  roles: Array<'operator' | 'supervisor' | 'admin'>;
  orgPath: string;
}

export interface PersonSummary {
  personId: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  orgPath: string;
  communityCode: string;
  categories: string[];
}

export interface RegisterOrFindPersonResult {
  outcome: 'created' | 'updated';
  person: PersonSummary;
}

export interface EvaluateCategoriesResult {
  personId: string;
  evaluatedAt: string;
  categories: Array<{ code: string; reasons: unknown[] }>;
}

export type ServiceRecordKind =
  'registration' | 'job-referral' | 'training-referral' | 'callback' | 'follow-up' | 'visit';

export interface RecordServiceInput {
  actor: PeopleActivityActor;
  personId: string;
  kind: ServiceRecordKind;
  channel: 'phone' | 'in-person' | 'online' | 'sms' | 'home-visit';
  occurredAt: string;
  outcome: string;
  /**
   * Idempotency key (e.g. `<caseId>:<cycle>:callback`): a second call with the same key returns the first
   * record instead of writing another, so a retried activity never duplicates a service record.
   */
  requestId?: string;
}

export interface RecordServiceResult {
  serviceRecordId: string;
  confirmed: boolean;
}

export interface GetContactForCallbackInput {
  actor: PeopleActivityActor;
  personId: string;
  /** Required to unmask; written to the audit. */
  reason: string;
}

export interface ContactForCallback {
  personId: string;
  name: string;
  /** Full number only when the actor may unmask phones (audited); masked otherwise. */
  phone: string;
  masked: boolean;
}

/** The intake's registration in one round trip: register or find (which evaluates the categories), record the service. */
export interface RegisterForCaseInput extends RegisterOrFindPersonInput {
  caseId: string;
  /** When the call was taken (the registration service record's time). */
  occurredAt: string;
}

export interface RegisterForCaseResult {
  person: PersonSummary;
  /** Assistance category codes, evaluated by this registration. */
  categories: string[];
  serviceRecordId: string;
}

export interface PeopleActivities {
  /** Idempotent per case (the person by ID number, the record by `<caseId>:registration`). */
  registerForCase(input: RegisterForCaseInput): Promise<RegisterForCaseResult>;
  registerOrFindPerson(input: RegisterOrFindPersonInput): Promise<RegisterOrFindPersonResult>;
  evaluatePersonCategories(input: {
    personId: string;
    correlationId: string;
  }): Promise<EvaluateCategoriesResult>;
  recordService(input: RecordServiceInput): Promise<RecordServiceResult>;
  getContactForCallback(input: GetContactForCallbackInput): Promise<ContactForCallback>;
}
