/** One operation of a service's OpenAPI document, keyed the way the expectation table is: `METHOD /path`. */
export interface Operation {
  key: string;
  method: string;
  path: string;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** Every operation the service documents at `/docs-json` (as `configureHttpApp` mounts it). */
export async function documentedOperations(baseUrl: string): Promise<Operation[]> {
  const response = await fetch(`${baseUrl}/docs-json`);
  if (!response.ok) throw new Error(`${baseUrl}/docs-json answered ${response.status}`);
  const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
    })),
  );
}
