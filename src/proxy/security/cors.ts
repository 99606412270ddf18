/** The request headers a browser may send to the intake routes. */
const ALLOWED_HEADERS = 'content-type, idempotency-key';

/**
 * CORS headers for an allowed origin. Only listed origins are ever echoed; there is no
 * wildcard, because lead intake must not be callable from any page.
 */
export function getCorsHeaders(origin: string, methods: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': methods,
    'access-control-allow-headers': ALLOWED_HEADERS,
    // Date lets the widget send `startedAt` in the proxy's clock (minimum fill time).
    'access-control-expose-headers': 'retry-after, date',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/** Whether an origin may call a form's or calendar's routes: listed, or the proxy's own. */
export function isOriginAllowed(
  origin: string,
  listed: readonly string[],
  selfOrigins: ReadonlySet<string>,
): boolean {
  return selfOrigins.has(origin) || listed.includes(origin);
}
