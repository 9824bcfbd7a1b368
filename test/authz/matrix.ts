import type { Fixtures } from './fixtures';
import { Answer, call, Req } from './http';
import type { Operation } from './openapi-operations';
import { ROLE_LABELS, ROLES, RoleName } from './roles';

/**
 * What one role gets from one operation:
 * - `ok`: any 2xx (the call passed authentication, role and scope, and did its work);
 * - `sees` / `hidden`: a 2xx whose answer does / does not contain the row's object of A (lists, searches);
 * - a status: exactly that status. 401 no or bad token, 403 role refused, 404 object outside the caller's scope
 *   (its existence is not revealed), 409 allowed but refused by the object's state (the case workflow's rules),
 *   which still proves that authorization let the call through; 400 only where a service answers a new object
 *   outside the caller's area as a field error (people: `communityCode` `withinScope`).
 */
export type Outcome = 'ok' | 'sees' | 'hidden' | 400 | 401 | 403 | 404 | 409;
export const ok = 'ok';
export const sees = 'sees';
export const hidden = 'hidden';

/** One outcome per role, in the order of ROLES: anon, opA, opB, supD, supC, empA, empB, admin. */
export type Expected = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

export interface Row {
  expect: Expected;
  /** The request for one role: path parameters (the objects of A), query, a valid body. Built per call. */
  request?: (fx: Fixtures, role: RoleName) => Req | Promise<Req>;
  /**
   * For operations that change what they act on: a new object for each call expected to pass, merged over
   * `request`; refused calls keep acting on the shared object of A (a refusal must not change it).
   */
  fresh?: (fx: Fixtures) => Promise<Req> | Req;
  /** The object of A that `sees` must find in the answer and `hidden` must not. */
  hides?: (fx: Fixtures) => string;
  /** Runs after every other row, one at a time in document order: for calls that end the caller's session. */
  last?: true;
}

export const SERVICES = ['hotline', 'people', 'jobs', 'employers'] as const;
export type ServiceName = (typeof SERVICES)[number];
/** Per service, keyed `METHOD /path` exactly as the OpenAPI document spells the path. */
export type ExpectationTable = Record<ServiceName, Record<string, Row>>;

export interface Cell {
  service: ServiceName;
  key: string;
  role: RoleName;
  expected: Outcome;
  status: number;
  passed: boolean;
  /** The start of the answer, for a failed cell. */
  answer: string;
}

const passes = (expected: Outcome) => expected === ok || expected === sees || expected === hidden;

function judge(expected: Outcome, answer: Answer, object: string | undefined): boolean {
  const success = answer.status >= 200 && answer.status < 300;
  if (expected === ok) return success;
  if (expected === sees || expected === hidden) {
    if (!object) throw new Error(`a row expecting ${expected} needs "hides"`);
    return success && answer.text.includes(object) === (expected === sees);
  }
  return answer.status === expected;
}

function merge(base: Req, fresh: Req): Req {
  return {
    ...base,
    ...fresh,
    params: { ...base.params, ...fresh.params },
    query: { ...base.query, ...fresh.query },
    headers: { ...base.headers, ...fresh.headers },
  };
}

/**
 * Calls one operation as every role. Refusals go first, so the shared object of A is as it was built when the
 * refused roles try it; then the allowed calls, each on a fresh object where the row asks for one.
 */
export async function runRow(
  fx: Fixtures,
  baseUrl: string,
  service: ServiceName,
  operation: Operation,
  row: Row,
): Promise<Cell[]> {
  const order = ROLES.map((role, index) => ({ role, expected: row.expect[index] })).sort(
    (a, b) => Number(passes(a.expected)) - Number(passes(b.expected)),
  );
  const cells: Cell[] = [];
  for (const { role, expected } of order) {
    let req = (await row.request?.(fx, role)) ?? {};
    if (row.fresh && passes(expected)) req = merge(req, await row.fresh(fx));
    const answer = await call(baseUrl, operation.method, operation.path, fx.tokens[role], req);
    cells.push({
      service,
      key: operation.key,
      role,
      expected,
      status: answer.status,
      passed: judge(expected, answer, row.hides?.(fx)),
      answer: answer.text.slice(0, 300),
    });
  }
  return cells;
}

/** Runs `tasks` with at most `limit` in flight. */
export async function inParallel<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let nextTask = 0;
  const lanes = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (nextTask < tasks.length) {
      const index = nextTask++;
      results[index] = await tasks[index]();
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * The matrix as text: one line per operation, one column per role. A cell shows what the role got; a cell that
 * differs from the table shows `got≠expected` and a `✗` at the end of its line.
 */
export function formatMatrix(cells: Cell[]): string {
  const keys = [...new Set(cells.map((cell) => `${cell.service} ${cell.key}`))];
  const width = Math.max(...keys.map((key) => key.length));
  const columns = ROLES.map((role) => {
    const shown = cells.filter((cell) => cell.role === role).map((cell) => cellText(cell).length);
    return Math.max(ROLE_LABELS[role].length, ...shown);
  });
  const line = (label: string, texts: string[], mark = '') =>
    `${label.padEnd(width)}  ${texts.map((text, index) => text.padEnd(columns[index])).join(' ')}${mark}`.trimEnd();
  const lines = [
    line(
      'operation',
      ROLES.map((role) => ROLE_LABELS[role]),
    ),
  ];
  for (const key of keys) {
    const row = ROLES.map((role) =>
      cells.find((cell) => `${cell.service} ${cell.key}` === key && cell.role === role)!,
    );
    lines.push(line(key, row.map(cellText), row.every((cell) => cell.passed) ? '' : '  ✗'));
  }
  const passed = cells.filter((cell) => cell.passed).length;
  lines.push(
    `${keys.length} operations × ${ROLES.length} roles: ${passed} of ${cells.length} cells as expected` +
      (passed === cells.length ? '' : `, ${cells.length - passed} not`),
  );
  return lines.join('\n');
}

/** What the role got, in the table's words: a status, or ok / sees / hidden for a 2xx. */
function got(cell: Cell): string {
  if (cell.status < 200 || cell.status > 299) return String(cell.status);
  if (cell.expected === sees || cell.expected === hidden) {
    return cell.passed ? cell.expected : cell.expected === sees ? hidden : sees;
  }
  return ok;
}

function cellText(cell: Cell): string {
  return cell.passed ? got(cell) : `${got(cell)}≠${cell.expected}`;
}
