import { z } from 'zod';

/** The envelope every Kafka event travels in (docs/architecture.md). */
export const eventEnvelopeSchema = z.object({
  id: z.string().uuid(),
  type: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'must look like domain.aggregate.event'),
  version: z.number().int().positive(),
  occurredAt: z.string().datetime({ offset: true }),
  source: z.string().min(1),
  subject: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  data: z.record(z.unknown()),
});

export type EventEnvelope<TData extends Record<string, unknown> = Record<string, unknown>> = Omit<
  z.infer<typeof eventEnvelopeSchema>,
  'data'
> & { data: TData };

export class InvalidEventError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid event: ${problems.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

/** Validates the envelope and, when given, the payload schema of its type. Used on produce and on consume. */
export function parseEvent<TData extends Record<string, unknown>>(
  raw: unknown,
  dataSchema?: z.ZodType<TData>,
): EventEnvelope<TData> {
  const envelope = eventEnvelopeSchema.safeParse(raw);
  if (!envelope.success) throw new InvalidEventError(describe(envelope.error));
  if (!dataSchema) return envelope.data as EventEnvelope<TData>;
  const data = dataSchema.safeParse(envelope.data.data);
  if (!data.success) throw new InvalidEventError(describe(data.error, 'data'));
  return { ...envelope.data, data: data.data };
}

/**
 * Field path and rule code only: zod's messages can quote the value received, and these problems travel into
 * logs and dead-letter headers.
 */
function describe(error: z.ZodError, prefix?: string): string[] {
  return error.issues.map((issue) => `${[prefix, ...issue.path].filter(Boolean).join('.')}: ${issue.code}`);
}
