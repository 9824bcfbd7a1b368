import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';

/** The label of a request that matched no route (a 404, or one refused before routing): never its raw URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route's template as it was declared (`/cases/:id`), never the requested URL: ids (and anything a
 * caller types into a path) stay out of the labels, and the number of series stays bounded.
 */
export function routeTemplate(request: Pick<Request, 'route' | 'baseUrl'>): string {
  const path: unknown = request.route?.path;
  if (typeof path !== 'string') return UNMATCHED_ROUTE;
  return `${request.baseUrl ?? ''}${path}` || '/';
}

export function createHttpDurationHistogram(registry: Registry): Histogram<'method' | 'route' | 'status'> {
  return new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Time from a request arriving to its answer being sent, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
}

/**
 * Express middleware that times every request; the route is read when the answer is sent, after routing set it.
 * A request cut off before an answer (the caller went away) is not counted.
 */
export function httpMetricsMiddleware(histogram: Histogram<'method' | 'route' | 'status'>) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const stop = histogram.startTimer();
    response.on('finish', () => {
      stop({ method: request.method, route: routeTemplate(request), status: String(response.statusCode) });
    });
    next();
  };
}
