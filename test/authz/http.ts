/** What a matrix cell sends besides the method and path. */
export interface Req {
  /** Values for the `{name}` placeholders of the documented path. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  text: string;
}

/** Fills `{name}` placeholders; a missing value is a mistake in the table, not a 404 to compare. */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} of ${template}`);
    return encodeURIComponent(value);
  });
}

/**
 * One HTTP call with an optional bearer token. A `text/event-stream` answer is not read (it never ends): its
 * status is all a cell needs.
 */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  token: string | undefined,
  req: Req = {},
): Promise<Answer> {
  const url = new URL(fillPath(path, req.params), baseUrl);
  for (const [name, value] of Object.entries(req.query ?? {})) url.searchParams.set(name, value);
  // A connection of its own per call: reusing an idle keep-alive socket races the server closing it (5 s), which
  // on a loaded machine surfaced as ECONNRESET in one cell of hundreds.
  const headers: Record<string, string> = { connection: 'close', ...req.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  const abort = new AbortController();
  const response = await fetch(url, {
    method,
    headers,
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
    signal: abort.signal,
  });
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    abort.abort();
    return { status: response.status, text: '' };
  }
  return { status: response.status, text: await response.text() };
}

/** `call` that insists on a 2xx and returns the parsed body: for building fixtures, where anything else is a setup failure. */
export async function must<T = Record<string, unknown>>(
  what: string,
  baseUrl: string,
  method: string,
  path: string,
  token: string | undefined,
  req: Req = {},
): Promise<T> {
  const answer = await call(baseUrl, method, path, token, req);
  if (answer.status < 200 || answer.status > 299)
    throw new Error(`${what}: ${method} ${path} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  return (answer.text ? JSON.parse(answer.text) : {}) as T;
}
