import type { DeliveryOutcome } from '../backend';
import type { RequestLimiter } from './request-limiter';

/** A vendor's HTTP answer, read whole (bodies are small) and parsed as JSON when it is JSON. */
export interface VendorResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. Parse it with zod before trusting it. */
  json: unknown;
}

export type VendorCallResult =
  | { ok: true; response: VendorResponse }
  | { ok: false; outcome: DeliveryOutcome };

export interface VendorRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  timeoutMs: number;
  /** The attempt's signal (proxy shutdown); combined with the timeout. */
  signal?: AbortSignal;
}

/**
 * Sends one request with a timeout. A network failure, reset or timeout comes back as a
 * `retry` outcome whose message never carries the URL (vendor URLs stay out of errors).
 */
export async function sendVendorRequest(
  fetchFn: typeof fetch,
  request: VendorRequest,
): Promise<VendorCallResult> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetchFn(request.url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
    });
    const text = await res.text();
    let json: unknown;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { ok: true, response: { status: res.status, headers: res.headers, text, json } };
  } catch (error) {
    const timedOut = timeout.aborted;
    const message = timedOut
      ? `timed out after ${request.timeoutMs} ms`
      : request.signal?.aborted
        ? 'aborted: the proxy is shutting down'
        : `network error: ${describeNetworkError(error)}`;
    return { ok: false, outcome: { kind: 'retry', message } };
  }
}

/**
 * Sends one request once `limiter` has a slot for it under the vendor's request rate, and
 * frees the slot when the answer (or the failure) is in. A wait cut short by the request's
 * signal comes back as a `retry` outcome, like any other abort.
 */
export async function sendLimitedVendorRequest(
  fetchFn: typeof fetch,
  limiter: RequestLimiter,
  request: VendorRequest,
  vendor: string,
): Promise<VendorCallResult> {
  const done = await limiter.acquire(request.signal);
  if (!done) {
    return {
      ok: false,
      outcome: { kind: 'retry', message: `aborted while waiting for the ${vendor} request rate` },
    };
  }
  try {
    return await sendVendorRequest(fetchFn, request);
  } finally {
    done();
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.name : 'unknown';
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

/**
 * The classification every vendor shares (CONTRACT §5) for statuses its own rules do not
 * claim: 2xx ok; 401/403 permanent; 408, 425, 5xx retried; 429 retried after Retry-After
 * (or `default429DelayMs`); any other 4xx permanent with the vendor's message. 409 is left
 * to the backend's duplicate semantics and comes back as `permanent` here only if unclaimed.
 */
export function classifyStatus(
  response: Pick<VendorResponse, 'status' | 'headers'>,
  vendorMessage: string,
  options: { default429DelayMs?: number; now?: Date } = {},
): DeliveryOutcome {
  const { status } = response;
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 429) {
    const delayMs =
      parseRetryAfter(response.headers.get('retry-after'), options.now) ??
      options.default429DelayMs ??
      60_000;
    return {
      kind: 'retry',
      message: `rate limited (429): ${vendorMessage}`,
      delayMs,
      pauseBackendMs: delayMs,
    };
  }
  if (status === 408 || status === 425 || status >= 500)
    return { kind: 'retry', message: `${status}: ${vendorMessage}` };
  if (status === 401 || status === 403) {
    return { kind: 'permanent', message: `${status} (credentials or allow-list): ${vendorMessage}` };
  }
  return { kind: 'permanent', message: `${status}: ${vendorMessage}` };
}
