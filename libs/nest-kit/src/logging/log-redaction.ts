import { TypeORMError } from 'typeorm';

/**
 * What may reach a log line. Errors are logged by class, code, constraint and table: a database error's
 * message, detail ("Failing row contains (…)"), query and parameters carry the row's values, so they never
 * leave the process. Personal fields are dropped by key at any depth, and ID numbers and mobile numbers that
 * slip into free text are masked.
 */

export const REDACTED = '[redacted]';

/** Keys whose whole value is dropped (compared lower-case, without `_` and `-`). */
const SENSITIVE_KEYS = new Set([
  'authorization',
  'cookie',
  'setcookie',
  'token',
  'accesstoken',
  'refreshtoken',
  'secret',
  'body',
  'parameters',
  'detail',
  'drivererror',
  'row',
  'rows',
  'person',
  'intake',
  'household',
  'members',
  'lowincome',
  'minimumlivingallowance',
  'dibao',
  'birthdate',
  'residenceaddress',
  'hukouplace',
  'circumstances',
]);

/** Key fragments: any key containing one (contactPhone, idNumberHash, disabilityCertificateNo) is dropped. */
const SENSITIVE_KEY_PARTS = ['password', 'idnumber', 'idcard', 'phone', 'mobile', 'disability'];

const ID_NUMBER =
  /(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z+])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9A-Za-z])/g;

const MAX_DEPTH = 8;

export function isSensitiveKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[_-]/g, '');
  return SENSITIVE_KEYS.has(normalized) || SENSITIVE_KEY_PARTS.some((part) => normalized.includes(part));
}

/** Masks complete ID numbers and mobile numbers in free text. */
export function maskPersonalNumbers(text: string): string {
  return text.replace(ID_NUMBER, '[id number]').replace(MOBILE, '[phone]');
}

/** A database error: its message, detail, query and parameters may quote the row's values. */
function isDatabaseError(error: Error): boolean {
  const fields = error as Error & { code?: unknown; severity?: unknown };
  return (
    error instanceof TypeORMError ||
    (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) && 'severity' in fields)
  );
}

/** The fields of an error that name what failed without quoting data (pg's SQLSTATE, constraint, table…). */
const SAFE_ERROR_FIELDS = ['code', 'constraint', 'table', 'column', 'schema', 'routine', 'errno'] as const;

export interface LoggedError {
  type: string;
  message: string;
  code?: string | number;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  routine?: string;
  stack?: string;
  cause?: LoggedError | string;
  errors?: Array<LoggedError | string>;
}

/**
 * An error as it may be logged. Database errors keep only their SQLSTATE, constraint and table, and the stack
 * frames without the message; other errors keep their message and stack with personal numbers masked.
 */
export function serializeError(error: Error, depth = 0): LoggedError {
  const database = isDatabaseError(error);
  const source = error as unknown as Record<string, unknown>;
  const driver = (source.driverError ?? {}) as Record<string, unknown>;
  const logged: LoggedError = { type: error.constructor?.name || error.name || 'Error', message: '' };
  for (const field of SAFE_ERROR_FIELDS) {
    const value = source[field] ?? driver[field];
    if (typeof value === 'string' || typeof value === 'number') Object.assign(logged, { [field]: value });
  }
  logged.message = database
    ? `database error${logged.code ? ` ${logged.code}` : ''}${logged.constraint ? ` (constraint ${logged.constraint})` : ''}`
    : maskPersonalNumbers(String(error.message ?? ''));
  if (typeof error.stack === 'string') {
    logged.stack = database
      ? error.stack
          .split('\n')
          .filter((line) => /^\s+at /.test(line))
          .join('\n')
      : maskPersonalNumbers(error.stack);
  }
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined) {
    logged.cause = cause instanceof Error && depth < 4 ? serializeError(cause, depth + 1) : '[cause]';
  }
  if (error instanceof AggregateError && Array.isArray(error.errors)) {
    logged.errors = error.errors
      .slice(0, 10)
      .map((inner) => (inner instanceof Error && depth < 4 ? serializeError(inner, depth + 1) : '[error]'));
  }
  return logged;
}

/** Any value as it may be logged: errors serialized, sensitive keys dropped at any depth, numbers masked. */
export function redactForLog(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskPersonalNumbers(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return serializeError(value);
  if (value instanceof Date) return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactForLog(item, depth + 1, seen));
  if (value instanceof Map) return redactForLog(Object.fromEntries(value), depth, seen);
  if (value instanceof Set) return redactForLog([...value], depth, seen);
  const redacted: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    redacted[key] = isSensitiveKey(key) ? REDACTED : redactForLog(inner, depth + 1, seen);
  }
  return redacted;
}

/** Top-level keys pino's own serializers turn into safe fields (method, path, status). */
const SERIALIZED_BY_PINO = new Set(['req', 'res']);

/**
 * The arguments of a pino log call (`obj?, msg?, ...interpolation`) made safe: an error given alone becomes
 * `{ err }`, the merge object is redacted, message and interpolation values masked.
 */
export function redactLogArguments(args: unknown[]): unknown[] {
  if (args.length === 0) return args;
  const [first, ...rest] = args;
  const head = first instanceof Error ? { err: first } : first;
  let safeHead: unknown;
  if (head !== null && typeof head === 'object' && !Array.isArray(head)) {
    const fields: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(head)) {
      fields[key] = SERIALIZED_BY_PINO.has(key)
        ? inner
        : isSensitiveKey(key)
          ? REDACTED
          : redactForLog(inner, 1);
    }
    safeHead = fields;
  } else {
    safeHead = redactForLog(head);
  }
  return [safeHead, ...rest.map((item) => redactForLog(item))];
}
