// One fetch wrapper for the four services behind the console's /api/<service> prefixes. Errors come back as
// RFC 9457 problem details with field errors in Chinese and English; ApiError keeps them for forms.

export type Service = 'hotline' | 'people' | 'employers' | 'jobs';

export interface FieldProblem {
  field: string;
  rule: string;
  message: { zh: string; en: string };
}

/** A page of a list, as every service answers one (`total` may be left out where counting is costly). */
export interface Page<T> {
  items: T[];
  total: number | null;
  limit: number;
  offset: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The problem's detail (bilingual, "English / 中文") or title. */
    readonly detail: string,
    readonly fieldErrors: FieldProblem[] = [],
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

// Read on first use, not at import, so pure modules that import ApiError load outside a browser (Jest).
let token: string | null | undefined;
let onUnauthorized: () => void = () => undefined;

export function setToken(value: string | null): void {
  token = value;
  if (value) sessionStorage.setItem('console.token', value);
  else sessionStorage.removeItem('console.token');
}

export function currentToken(): string | null {
  if (token === undefined) token = sessionStorage.getItem('console.token');
  return token;
}

/** Called once by the auth provider: a 401 on any call ends the session. */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  headers?: Record<string, string>;
}

export function apiUrl(service: Service, path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/${service}${path}${search ? `?${search}` : ''}`;
}

/** Raw response (for downloads); throws ApiError on a non-2xx answer. */
export async function apiFetch(
  service: Service,
  path: string,
  options: RequestOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const bearer = currentToken();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData || typeof options.body === 'string') body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(service, path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
    });
  } catch {
    throw new ApiError(0, 'The service cannot be reached / 服务无法连接');
  }
  if (response.ok) return response;
  if (response.status === 401 && bearer) onUnauthorized();
  throw await problemOf(response);
}

export async function api<T>(service: Service, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(service, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function problemOf(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as { detail?: string; title?: string; errors?: FieldProblem[] };
    return new ApiError(
      response.status,
      problem.detail ?? problem.title ?? `HTTP ${response.status}`,
      problem.errors ?? [],
    );
  } catch {
    return new ApiError(response.status, `HTTP ${response.status}`);
  }
}
