import { randomUUID } from 'node:crypto';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The request's correlation id (set by the logging middleware from x-correlation-id or generated). */
export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<{ id?: unknown }>();
  return request.id ? String(request.id) : randomUUID();
});
