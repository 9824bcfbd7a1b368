import { proxyActivities } from '@temporalio/workflow';
import type { PeopleActivities, PeopleActivityActor, RegisterOrFindPersonInput } from '@platform/contracts';

/** Spec-only workflow: runs the people activities in the order a case does, on the queue it is given. */
export async function peopleActivityProbe(input: {
  taskQueue: string;
  actor: PeopleActivityActor;
  registration: RegisterOrFindPersonInput;
}): Promise<unknown> {
  const people = proxyActivities<PeopleActivities>({
    taskQueue: input.taskQueue,
    startToCloseTimeout: '30 seconds',
    retry: { maximumAttempts: 2 },
  });
  const registered = await people.registerOrFindPerson(input.registration);
  const categories = await people.evaluatePersonCategories({
    personId: registered.person.personId,
    correlationId: input.registration.correlationId,
  });
  const record = await people.recordService({
    actor: input.actor,
    personId: registered.person.personId,
    kind: 'callback',
    channel: 'phone',
    occurredAt: new Date().toISOString(),
    outcome: '回访：已上岗',
  });
  const contact = await people.getContactForCallback({
    actor: input.actor,
    personId: registered.person.personId,
    reason: '安置后回访',
  });
  return { registered, categories, record, contact };
}
