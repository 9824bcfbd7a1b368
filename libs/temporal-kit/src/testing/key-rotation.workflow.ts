import { ApplicationFailure, condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';

export const addNote = defineSignal<[string]>('addNote');
export const finish = defineSignal('finish');
export const notes = defineQuery<string[]>('notes');

/** A long-lived workflow with a signal, a query and a result: the payloads a key rotation must keep readable. */
export async function keyRotationProbe(first: string): Promise<string[]> {
  const seen = [first];
  let done = false;
  setHandler(addNote, (note) => void seen.push(note));
  setHandler(finish, () => void (done = true));
  setHandler(notes, () => seen);
  await condition(() => done);
  return seen;
}

/** Fails with the given message: a failure's text must be encrypted in the history like any payload. */
export async function failingProbe(message: string): Promise<never> {
  throw ApplicationFailure.nonRetryable(message, 'ProbeFailure');
}
