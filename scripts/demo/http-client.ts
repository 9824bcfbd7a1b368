/**
 * A small HTTP client for the platform's APIs, used by the demo seeder. Errors name the method, the path
 * (never the query string, which may carry an ID number) and the problem's title and field rules, never a
 * request or response body: bodies carry personal data.
 */

export interface ServiceUrls {
  hotline: string;
  people: string;
  employers: string;
  jobs: string;
}

export type Service = keyof ServiceUrls;

export const DEMO_PASSWORD = 'Demo-962110!';

/** Service base URLs from the environment; the defaults are the local stack's ports (scripts/start.sh). */
export function serviceUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): ServiceUrls {
  return {
    hotline: env.HOTLINE_URL ?? 'http://127.0.0.1:3000',
    people: env.PEOPLE_URL ?? 'http://127.0.0.1:3001',
    employers: env.EMPLOYERS_URL ?? 'http://127.0.0.1:3002',
    jobs: env.JOBS_URL ?? 'http://127.0.0.1:3003',
  };
}

interface FieldProblem {
  field: string;
  rule: string;
}

/** An answer outside 2xx, as RFC 9457 problem details reduced to what is safe to print. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly title: string,
    readonly fields: FieldProblem[],
  ) {
    const rules = fields.map((f) => `${f.field}:${f.rule}`).join(', ');
    super(`${method} ${path} → ${status} ${title}${rules ? ` [${rules}]` : ''}`);
    this.name = 'ApiError';
  }

  hasField(field: string, rule?: string): boolean {
    return this.fields.some((f) => f.field === field && (rule === undefined || f.rule === rule));
  }
}

export interface Page<T> {
  items: T[];
  total: number;
}

type Query = Record<string, string | number | boolean | undefined>;

const REQUEST_TIMEOUT_MS = 20_000;
/** Login is throttled per client (20 a minute): a 429 is waited out this many times at most. */
const MAX_THROTTLE_RETRIES = 2;

export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | null,
  ) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, { query }).then((answer) => answer.body);
  }

  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.request<T>('POST', path, { body, headers }).then((answer) => answer.body);
  }

  /** A POST whose status matters (201 created, 200 the same request replayed). */
  postForStatus<T>(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }> {
    return this.request<T>('POST', path, { body, headers });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body }).then((answer) => answer.body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body }).then((answer) => answer.body);
  }

  /** All pages of a paged list (page size 100, the APIs' maximum). */
  async all<T>(path: string, query: Query = {}): Promise<T[]> {
    const items: T[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await this.get<Page<T>>(path, { ...query, limit: 100, offset });
      items.push(...page.items);
      if (page.items.length < 100 || items.length >= page.total) return items;
    }
  }

  private async request<T>(
    method: string,
    path: string,
    options: { query?: Query; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T }> {
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...options.headers,
        },
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (response.status === 429 && attempt < MAX_THROTTLE_RETRIES) {
        await sleep(retryAfterSeconds(response.headers) * 1000);
        continue;
      }
      const text = await response.text();
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      if (!response.ok) throw toApiError(response.status, method, url.pathname, parsed);
      return { status: response.status, body: parsed as T };
    }
  }
}

/** The throttler names its header after the limit (`Retry-After-login`); at most a minute, the login window. */
function retryAfterSeconds(headers: Headers): number {
  for (const [name, value] of headers) {
    if (name.startsWith('retry-after') && Number(value) > 0) return Math.min(Number(value), 60);
  }
  return 10;
}

function toApiError(status: number, method: string, path: string, body: unknown): ApiError {
  const problem = (body ?? {}) as { title?: unknown; errors?: unknown };
  const fields = Array.isArray(problem.errors)
    ? (problem.errors as Array<Partial<FieldProblem>>).map((e) => ({
        field: String(e.field ?? ''),
        rule: String(e.rule ?? ''),
      }))
    : [];
  return new ApiError(status, method, path, typeof problem.title === 'string' ? problem.title : '', fields);
}

/** One account's clients for every service, with its token. */
export interface Session {
  username: string;
  userId: string;
  employerId: string | null;
  hotline: ApiClient;
  people: ApiClient;
  employers: ApiClient;
  jobs: ApiClient;
}

export async function login(urls: ServiceUrls, username: string): Promise<Session> {
  const answer = await new ApiClient(urls.hotline, null).post<{
    accessToken: string;
    user: { id: string; employerId: string | null };
  }>('/auth/login', { username, password: DEMO_PASSWORD });
  const client = (service: Service) => new ApiClient(urls[service], answer.accessToken);
  return {
    username,
    userId: answer.user.id,
    employerId: answer.user.employerId,
    hotline: client('hotline'),
    people: client('people'),
    employers: client('employers'),
    jobs: client('jobs'),
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `read` until `done` holds; fails after `timeoutMs` naming what it waited for. */
export async function waitUntil<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let interval = 150; ; interval = Math.min(interval * 1.5, 1000)) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(interval);
  }
}

/** Runs `work` over `items` with at most `limit` at a time; every item runs, the first failure is rethrown. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const failures: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item).catch((error: unknown) => failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length) throw failures[0];
}
