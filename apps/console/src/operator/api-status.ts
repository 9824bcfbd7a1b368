import { ApiError } from '../shared/api';

/**
 * A 4xx on a read the desk makes on its own (no input from the operator): the endpoint is not there yet, or
 * not for this caller. Such reads are not retried, and only the screen's own message is shown.
 */
export function isClientError(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

/** react-query `retry` for those reads: once for a network or server failure, never for a 4xx. */
export const retryServerErrors = (count: number, error: Error): boolean => !isClientError(error) && count < 1;
