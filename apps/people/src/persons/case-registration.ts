import type { PersonSummary, RegisterForCaseResult } from '@platform/contracts';
import type { Actor } from '../people-actor';
import { CreateServiceRecordDto } from '../service-records/service-record.dto';
import { ServiceRecordsService } from '../service-records/service-records.service';
import { PersonsService, PersonView } from './persons.service';
import { PersonIntakeDto, RegisterPersonDto } from './register-person.dto';

/** What a case's registration needs: the hotline sends it by HTTP when the call is taken, or the workflow. */
export interface CaseRegistration {
  actor: Actor;
  correlationId: string;
  caseId: string;
  occurredAt: string;
  person: PersonIntakeDto;
}

/**
 * Registers (or finds and updates) the caller of a case and writes the registration's service record. Both
 * steps are idempotent per case (the person by ID number, the record by `<caseId>:registration`), so the
 * hotline's call and the workflow's activity may both run for one case and leave one of each.
 */
export async function registerPersonForCase(
  deps: { persons: PersonsService; records: ServiceRecordsService },
  { actor, correlationId, caseId, occurredAt, person: intake }: CaseRegistration,
): Promise<RegisterForCaseResult> {
  // Registering (new or updated) evaluates the categories in its own transaction: the person comes back with
  // them, so no second evaluation.
  const registered = await deps.persons.register(registrationOf(intake), actor, correlationId, {
    keepUnsent: true,
  });
  const person = summaryOf(registered.person);
  const record = await deps.records.record(
    person.personId,
    Object.assign(new CreateServiceRecordDto(), {
      kind: 'registration',
      channel: 'phone',
      occurredAt,
      outcome: `962110 case ${caseId}`,
      requestId: `${caseId}:registration`,
    }),
    actor,
    `activity:${person.personId}`,
  );
  return { person, categories: person.categories, serviceRecordId: record.id };
}

/**
 * The registration an intake amounts to: the certificate is one of the registration's constraints. Parts the
 * intake leaves out stay undefined, so the registration (keepUnsent) keeps what is on file for them.
 */
export function registrationOf(intake: PersonIntakeDto): RegisterPersonDto {
  const { disabilityCertificateNo, ...person } = intake;
  return Object.assign(new RegisterPersonDto(), {
    ...person,
    ...(disabilityCertificateNo !== undefined ? { constraints: { disabilityCertificateNo } } : {}),
  });
}

export function summaryOf(person: PersonView): PersonSummary {
  return {
    personId: person.id,
    name: person.name,
    idNumberMasked: person.idNumberMasked,
    phoneMasked: person.phoneMasked,
    orgPath: person.orgPath,
    communityCode: person.communityCode,
    categories: person.categories.map((c) => c.code),
  };
}
