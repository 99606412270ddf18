import { createMemoryRateGate } from '../../store/memory-rate-gate';
import { type RateGate, type RateGateRequest, withClockMargin } from '../../store/rate-gate';
import { waitForAdmission } from '../../store/wait-for-admission';
import type { BackendDeps, BackendLimits, Rate } from '../backend';
import { toRequestRateKey } from './to-request-rate-key';

/** Waits for a free slot under a vendor's request rate before each request to it. */
export interface RequestLimiter {
  /**
   * Resolves with a `done` callback when a request may be sent now (call it once the
   * answer, or the failure, is in; later calls change nothing), or null when `signal`
   * aborted the wait.
   */
  acquire(signal?: AbortSignal): Promise<(() => void) | null>;
}

/** Where a limiter keeps its count: a gate shared with others, under `key`. */
export interface SharedRequestLimit {
  gate: RateGate;
  /** Already hashed (`toRequestRateKey`): a shared gate stores it. */
  key: string;
  /** How long a request that never reports back holds its slot: its timeout plus a window. */
  holdMs: number;
}

/**
 * A sliding-window log over the requests sent under one vendor key, for vendors that count
 * requests (at most `rate.count` in any `rate.windowMs`). The outbox's limit counts
 * deliveries, but a delivery can cost several requests (a search before a create, a resend
 * after a 409, an OAuth token), so a backend that may send more than one keeps this count too.
 *
 * It counts a request the way the outbox counts a delivery: from the moment it is sent (its
 * slot is held while it is in flight) until a window after its answer. The vendor counted it
 * on arrival, which lies somewhere between the two, so timing from the answer can never start
 * a window before the vendor's did, however the latency of two requests differs.
 *
 * The count lives in `shared.gate` (the proxy's, in memory or in PostgreSQL, so every
 * backend and every instance on one vendor key shares it); without one, in a gate of its own
 * on `now`.
 *
 * @example
 * const limiter = createRequestLimiter(limits.rateLimit, () => performance.now());
 * const done = await limiter.acquire(signal);
 * if (done) try { await send(); } finally { done(); }
 */
export function createRequestLimiter(
  rate: Rate | null,
  now: () => number,
  shared?: SharedRequestLimit,
): RequestLimiter {
  if (!rate) return { acquire: async (signal) => (signal?.aborted ? null : () => {}) };
  const request: RateGateRequest = {
    key: shared?.key ?? 'request',
    count: rate.count,
    windowMs: withClockMargin(rate.windowMs),
    // A gate of our own lives in this process: a request in flight is never lost to a crash.
    holdMs: shared?.holdMs ?? Number.POSITIVE_INFINITY,
  };
  const gate = shared?.gate ?? createMemoryRateGate({ now });
  return {
    async acquire(signal) {
      const ticket = await waitForAdmission(gate, request, signal);
      if (!ticket) return null;
      return () => void ticket.settle();
    },
  };
}

/**
 * The request limiter of a vendor backend: in the proxy's gate (`deps.rateGate`) under a
 * hash of the backend type, base URL and credential, so two backend entries on one API key
 * share one count, as the vendor keeps it; without a gate (`check-config`, unit tests), in
 * one of its own. It paces real requests, so it reads the real clock.
 *
 * @example
 * const limiter = createBackendRequestLimiter(deps, limits, { type: 'lio', baseUrl, credential: config.apiKey });
 */
export function createBackendRequestLimiter(
  deps: Pick<BackendDeps, 'rateGate'>,
  limits: Pick<BackendLimits, 'rateLimit' | 'timeoutMs'>,
  identity: { type: string; baseUrl: string; credential: string },
): RequestLimiter {
  const { rateLimit } = limits;
  const shared =
    deps.rateGate && rateLimit
      ? {
          gate: deps.rateGate,
          key: toRequestRateKey(identity.type, identity.baseUrl, identity.credential),
          // A second for the admission's own round trip before the request goes out.
          holdMs: limits.timeoutMs + withClockMargin(rateLimit.windowMs) + 1_000,
        }
      : undefined;
  return createRequestLimiter(rateLimit, () => performance.now(), shared);
}
