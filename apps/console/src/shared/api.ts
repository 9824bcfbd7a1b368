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

/** What the hotline answers on login and refresh (the refresh token works once; each answer brings a new one). */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token is valid. */
  expiresIn: number;
}

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms at which the access token expires. */
  expiresAt: number;
}

const STORAGE_KEY = 'console.session';
/** Renew this long before the access token expires, so no call goes out with a token about to die. */
const RENEW_BEFORE_MS = 60_000;

// Read on first use, not at import, so pure modules that import ApiError load outside a browser (Jest).
let session: StoredSession | null | undefined;
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let renewing: Promise<boolean> | undefined;
let onUnauthorized: () => void = () => undefined;

function storedSession(): StoredSession | null {
  if (session === undefined) {
    try {
      session = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    } catch {
      session = null;
    }
    scheduleRenewal();
  }
  return session;
}

/** Keeps the tokens of a login or refresh (per browser tab: sessionStorage), or forgets them (null). */
export function setSession(tokens: TokenPair | null): void {
  session = tokens && {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
  };
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
  scheduleRenewal();
}

export function currentToken(): string | null {
  return storedSession()?.accessToken ?? null;
}

function scheduleRenewal(): void {
  clearTimeout(renewTimer);
  if (!session) return;
  const delay = Math.max(0, session.expiresAt - Date.now() - RENEW_BEFORE_MS);
  renewTimer = setTimeout(() => void renewSession(), delay);
}

/**
 * Trades the refresh token for a new pair; true if that worked. One renewal at a time: two at once would send
 * the same refresh token twice, and the hotline takes that for a stolen token and ends the session.
 */
function renewSession(): Promise<boolean> {
  renewing ??= (async () => {
    const refreshToken = storedSession()?.refreshToken;
    if (!refreshToken) return false;
    try {
      const response = await fetch(apiUrl('hotline', '/auth/refresh'), {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!response.ok) return false;
      setSession((await response.json()) as TokenPair);
      return true;
    } catch {
      return false;
    }
  })().finally(() => (renewing = undefined));
  return renewing;
}

/** Ends the session on the hotline (every service stops accepting its tokens), then forgets it here. */
export async function endSession(): Promise<void> {
  const bearer = currentToken();
  setSession(null);
  if (!bearer) return;
  await fetch(apiUrl('hotline', '/auth/logout'), {
    method: 'POST',
    headers: { Authorization: `Bearer ${bearer}` },
  }).catch(() => undefined);
}

/** Called once by the auth provider: a 401 that a renewal cannot cure ends the session. */
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
  retried = false,
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
  if (response.status === 401 && bearer) {
    // The access token expired or was refused: renew once and try again; if that fails, the session is over.
    if (!retried && (await renewSession())) return apiFetch(service, path, options, true);
    onUnauthorized();
  }
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
