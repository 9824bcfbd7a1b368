import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PersonIntake, RegisterForCaseResult } from '@platform/contracts';
import { HotlineConfig } from '../config';
import { CASES_CONFIG } from './case-workflows';

export interface CaseRegistrationRequest {
  caseId: string;
  /** When the call was received: the registration's service record carries it. */
  occurredAt: string;
  person: PersonIntake;
}

/**
 * Registers a new case's caller with the people service while the operator is still on the call (its
 * `POST /persons/case-registrations`, with the operator's own token, so scope and audit are theirs). The case
 * workflow then starts registered: one workflow task, no activity round trip (docs/case-workflow.md, Intake).
 *
 * Best effort by design: an unset `PEOPLE_URL`, a slow or failing people service or a refusal answers null, and
 * the workflow registers the caller itself as it always could (a refusal then lands in the case as a failed
 * registration the operator can correct and send again). Never waits longer than
 * `PEOPLE_REGISTRATION_TIMEOUT_MS`, never logs what the person sent.
 */
@Injectable()
export class PersonRegistrations {
  private readonly logger = new Logger(PersonRegistrations.name);

  constructor(@Inject(CASES_CONFIG) private readonly config: HotlineConfig) {}

  async register(
    authorization: string | undefined,
    request: CaseRegistrationRequest,
  ): Promise<RegisterForCaseResult | null> {
    const base = this.config.PEOPLE_URL;
    if (!base || !authorization) return null;
    try {
      const response = await fetch(new URL('persons/case-registrations', withSlash(base)), {
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/json',
          'x-correlation-id': request.caseId,
        },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.config.PEOPLE_REGISTRATION_TIMEOUT_MS),
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        this.logger.warn(
          { caseId: request.caseId, status: response.status },
          'people did not register the caller; the case workflow will',
        );
        return null;
      }
      const result = (await response.json()) as RegisterForCaseResult;
      return isRegistration(result) ? result : null;
    } catch (error) {
      this.logger.warn(
        { caseId: request.caseId, reason: error instanceof Error ? error.name : 'unknown' },
        'people did not answer in time; the case workflow will register the caller',
      );
      return null;
    }
  }
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

function isRegistration(value: RegisterForCaseResult): boolean {
  const person = value?.person;
  return (
    typeof person?.personId === 'string' &&
    typeof person.name === 'string' &&
    typeof person.phoneMasked === 'string' &&
    Array.isArray(value.categories)
  );
}
