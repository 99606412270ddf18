import type { MiddlewareHandler } from 'hono';
import type { ProxyEnv } from '../proxy-context';

/** The public routes whose refusals a widget on any page must be able to read. */
const PUBLIC_ROUTES = /^\/v1\/(forms|calendars)(\/|$)/;

/**
 * Lets the page read the proxy's error answers on the public form and calendar routes
 * (`form_not_found`, `rate_limited`, `origin_not_allowed`, …) from whatever origin it is on,
 * so the widget can tell the developer what to fix instead of reporting a network failure.
 * Only answers of 400 and above, only when the route set no CORS headers itself, never with
 * `access-control-allow-credentials`: an error body holds nothing private, and the refusal
 * itself stands (a disallowed origin's lead is still refused with 403, nothing is stored).
 * Preflights (OPTIONS) are left alone: a browser never shows a failed preflight to the page,
 * and a 403 preflight is what keeps a disallowed origin's POST from being sent.
 */
export function publicErrorCors(): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    await next();
    const origin = c.req.header('origin');
    if (!origin || c.req.method === 'OPTIONS' || c.res.status < 400 || !PUBLIC_ROUTES.test(c.req.path))
      return;
    if (c.res.headers.has('access-control-allow-origin')) return;
    // A copy, because a response's headers may be immutable (a fetched or static body).
    c.res = new Response(c.res.body, c.res);
    const headers = c.res.headers;
    headers.set('access-control-allow-origin', origin);
    headers.set('access-control-expose-headers', 'retry-after, date');
    headers.append('vary', 'Origin');
  };
}
