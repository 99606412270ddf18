import type { ClientDeps } from './client-deps';
import { LEAD_ERROR_CODES, type LeadErrorCode } from './leadkit-events';
import { getRetryDelay, parseRetryAfter, type RetryPolicy } from './retry-delay';

/** How one HTTP exchange with the proxy ended, after retries. */
export type ProxyResponse =
  /** `date` is the proxy's `Date` header, where CORS lets the page read it. */
  | { kind: 'ok'; status: number; body: unknown; date?: string }
  /** An answer that retrying will not change (400, 403, 404, 409, 413, …). */
  | {
      kind: 'rejected';
      status: number;
      code: LeadErrorCode;
      message: string;
      fields?: Record<string, string>;
      /** A `409 slot_unavailable`'s nearest free slots of the same length (CONTRACT §4). */
      alternatives?: Array<{ start: string; end: string }>;
    }
  /** 5xx or 429 on every attempt, or a `Retry-After` too long to wait out. */
  | { kind: 'unavailable'; status: number; code: LeadErrorCode; message: string }
  /** No answer: the browser is offline, the network failed or the request timed out. */
  | { kind: 'unreachable'; reason: 'offline' | 'network' | 'timeout' }
  | { kind: 'aborted' };

const RETRY_STATUSES = new Set([408, 425, 429]);

function readError(
  body: unknown,
  status: number,
): {
  code: LeadErrorCode;
  message: string;
  fields?: Record<string, string>;
  alternatives?: Array<{ start: string; end: string }>;
} {
  const error = (
    body as { error?: { code?: unknown; message?: unknown; fields?: unknown; alternatives?: unknown } } | null
  )?.error;
  const alternatives = Array.isArray(error?.alternatives)
    ? error.alternatives.filter(
        (a): a is { start: string; end: string } =>
          typeof a?.start === 'string' && typeof a?.end === 'string' && !Number.isNaN(Date.parse(a.start)),
      )
    : undefined;
  const fields =
    error?.fields && typeof error.fields === 'object'
      ? Object.fromEntries(
          Object.entries(error.fields).filter((e): e is [string, string] => typeof e[1] === 'string'),
        )
      : undefined;
  return {
    // A code this widget does not know (a newer proxy's) reads as `http_<status>`, so a page's
    // `switch` over LeadErrorCode stays exhaustive; the message still says what happened.
    code: (LEAD_ERROR_CODES as readonly unknown[]).includes(error?.code)
      ? (error?.code as LeadErrorCode)
      : `http_${status}`,
    message: typeof error?.message === 'string' ? error.message : `The server answered ${status}.`,
    ...(fields ? { fields } : {}),
    ...(alternatives
      ? { alternatives: alternatives.slice(0, 3).map(({ start, end }) => ({ start, end })) }
      : {}),
  };
}

// A per-attempt signal that aborts on the caller's signal or the timeout, and is cleaned
// up afterwards so neither the timer nor the listener survives the attempt.
function attemptSignal(parent: AbortSignal, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('timeout', 'TimeoutError'));
  }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Calls the proxy, retrying network errors, timeouts, 408/425/429 and 5xx with capped,
 * jittered backoff and honouring `Retry-After`. Never throws: every ending is a value.
 */
export async function requestWithRetry(
  url: string,
  init: RequestInit,
  options: { deps: ClientDeps; policy: RetryPolicy; signal: AbortSignal },
): Promise<ProxyResponse> {
  const { deps, policy, signal } = options;
  let last: ProxyResponse = { kind: 'unreachable', reason: 'network' };
  for (let attempt = 0; attempt < policy.maxAttempts; attempt++) {
    if (signal.aborted) return { kind: 'aborted' };
    if (!deps.isOnline()) return { kind: 'unreachable', reason: 'offline' };
    let waitMs: number | undefined;
    const scoped = attemptSignal(signal, policy.timeoutMs);
    try {
      const response = await deps.fetch(url, { ...init, signal: scoped.signal });
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) {
        const date = response.headers.get('date');
        return { kind: 'ok', status: response.status, body, ...(date ? { date } : {}) };
      }
      const error = readError(body, response.status);
      if (!RETRY_STATUSES.has(response.status) && response.status < 500) {
        return { kind: 'rejected', status: response.status, ...error };
      }
      last = { kind: 'unavailable', status: response.status, code: error.code, message: error.message };
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), deps.now());
      if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return last;
      waitMs = retryAfter;
    } catch {
      if (signal.aborted) return { kind: 'aborted' };
      last = { kind: 'unreachable', reason: scoped.timedOut() ? 'timeout' : 'network' };
    } finally {
      scoped.dispose();
    }
    if (attempt + 1 >= policy.maxAttempts) break;
    const jitter = getRetryDelay(attempt + 1, policy, deps.random);
    try {
      await deps.sleep(Math.max(waitMs ?? 0, jitter), signal);
    } catch {
      return { kind: 'aborted' };
    }
  }
  return last;
}
