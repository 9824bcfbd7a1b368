import { createHash } from 'node:crypto';

/**
 * The event id of a case's event `seq`: UUID-shaped (version 5 nibble, RFC 4122 variant) from a sha-256 of
 * (caseId, seq), so a retried `publishCaseEvent` enqueues the same id and the outbox adds nothing.
 */
export function caseEventId(caseId: string, seq: number): string {
  return eventIdOf('hotline.case', caseId.toLowerCase(), seq);
}

/** A UUID-shaped event id from (stream, subject, seq), the same for every retry of the step that writes it. */
export function eventIdOf(stream: string, subject: string, seq: number): string {
  const bytes = createHash('sha256').update(`${stream}:${subject}:${seq}`).digest();
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
