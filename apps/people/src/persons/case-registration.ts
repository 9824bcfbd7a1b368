import type { PersonSummary, RegisterForCaseResult } from '@platform/contracts';
import type { Actor } from '../people-actor';
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
  // Registering (new or updated) evaluates the categories; the registration's service record is written in the
  // same transaction, one commit for both. Two registrations of one case (the hotline's call given up on, the
  // workflow's activity) queue on the person's row lock, so the second finds the first one's record.
  let serviceRecordId = '';
  const registered = await deps.persons.register(registrationOf(intake), actor, correlationId, {
    keepUnsent: true,
    alsoInTransaction: async (manager, personId) => {
      serviceRecordId = await deps.records.recordUnconfirmedInTx(
        manager,
        personId,
        {
          kind: 'registration',
          channel: 'phone',
          occurredAt,
          outcome: `962110 case ${caseId}`,
          requestId: `${caseId}:registration`,
        },
        actor,
        `activity:${personId}`,
      );
    },
  });
  const person = summaryOf(registered.person);
  return { person, categories: person.categories, serviceRecordId };
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
