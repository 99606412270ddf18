import type { DeliveryOutcome } from '../backend';
import { isAllowedOutboundUrl, OUTBOUND_URL_RULE, parseUrl } from './outbound-url';
import type { RequestLimiter } from './request-limiter';

/**
 * The most of an answer's body the proxy reads: 1 MiB. A vendor's answer about one lead is
 * a few KB (a search page of 25 leads some tens of KB), so anything past this is a broken
 * or hostile server, and reading on would let one lead's answers fill the proxy's memory.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** A vendor's HTTP answer, read whole (at most `MAX_ANSWER_BYTES`) and parsed as JSON when it is JSON. */
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
  /** A body already serialised as JSON, sent byte for byte (a signed webhook); wins over `body`. */
  jsonText?: string;
  timeoutMs: number;
  /** The attempt's signal (proxy shutdown); combined with the timeout. */
  signal?: AbortSignal;
  /**
   * `discard`: the caller needs only the status (a webhook receiver's answer carries
   * nothing), so the body is drained up to the cap and dropped, and its size is no failure.
   */
  answer?: 'read' | 'discard';
}

/**
 * Sends one request the way every outbound call of the proxy goes out (issue 12, 13):
 *
 * - only to an `https:` URL, or `http:` on a loopback host (else `permanent`);
 * - redirects are never followed (`redirect: 'manual'`): a 3xx is `permanent`. Following
 *   one turns a POST into a GET whose 2xx would count as delivered, and carries headers such
 *   as `x-api-key` to whatever origin the `Location` names;
 * - the answer's body is read up to `MAX_ANSWER_BYTES`, then the stream is cancelled. An
 *   oversized answer is classified by its status as any unreadable answer would be: a 2xx
 *   is `retry` (like an answer lost to a reset: the vendor's duplicate rules make a resend
 *   safe), anything else per `classifyStatus`;
 * - the timeout covers the whole exchange, body included, so a trickling answer ends too.
 *
 * A network failure, reset or timeout comes back as a `retry` outcome. No message carries
 * the URL or the `Location` (vendor URLs, and the tokens some carry, stay out of errors).
 */
export async function sendVendorRequest(
  fetchFn: typeof fetch,
  request: VendorRequest,
): Promise<VendorCallResult> {
  const target = parseUrl(request.url);
  if (!target || !isAllowedOutboundUrl(target)) {
    return { ok: false, outcome: { kind: 'permanent', message: `the backend's URL ${OUTBOUND_URL_RULE}` } };
  }
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  const body = request.jsonText ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetchFn(request.url, {
      method: request.method,
      headers,
      body,
      signal,
      redirect: 'manual',
    });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, outcome: { kind: 'permanent', message: describeRedirect(res, target) } };
    }
    const read = await readCappedText(res, MAX_ANSWER_BYTES);
    if (read === null && request.answer !== 'discard') {
      return { ok: false, outcome: classifyOversized(res) };
    }
    const text = request.answer === 'discard' ? '' : (read ?? '');
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
 * The body as UTF-8 text, or null once it passes `maxBytes` (a `Content-Length` over it, or
 * the bytes read so far): the stream is then cancelled, which closes the connection, so the
 * rest is never received.
 */
async function readCappedText(res: Response, maxBytes: number): Promise<string | null> {
  if (!res.body) return '';
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) {
    await res.body.cancel().catch(() => undefined);
    return null;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(whole);
}

function classifyOversized(res: Response): DeliveryOutcome {
  if (res.status >= 200 && res.status < 300) {
    return { kind: 'retry', message: `${res.status} with an answer over 1 MB: stopped reading it` };
  }
  return classifyStatus(res, 'answer over 1 MB, not read');
}

/** Says where a redirect pointed only as "same origin or not": its URL may carry a token. */
function describeRedirect(res: Response, from: URL): string {
  const location = res.headers.get('location');
  let to: URL | null = null;
  try {
    to = location === null ? null : new URL(location, from);
  } catch {
    to = null;
  }
  const where =
    to === null
      ? 'without a Location'
      : to.origin === from.origin
        ? 'on the same origin'
        : 'to another origin';
  return `${res.status} redirect (${where}) not followed: leadkit never follows redirects; set the backend's URL to the final address`;
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
