import type { Rate } from '../backend';

/** Waits for a free slot under a vendor's request rate before each request to it. */
export interface RequestLimiter {
  /**
   * Resolves with a `done` callback when a request may be sent now (call it once the
   * answer, or the failure, is in; later calls change nothing), or null when `signal`
   * aborted the wait.
   */
  acquire(signal?: AbortSignal): Promise<(() => void) | null>;
}

/**
 * A sliding-window log over the requests one backend sends, for vendors that count requests
 * (at most `rate.count` in any `rate.windowMs`). The outbox's limiter counts deliveries, but a
 * delivery can cost several requests (a search before a create, a resend after a 409, an
 * OAuth token), so a backend that may send more than one keeps this count too.
 *
 * It counts a request the way the outbox's sliding window counts a call: from the moment it
 * is sent (its slot is held while it is in flight, however long that is) until a window after
 * its answer. The vendor counted it on arrival, which lies somewhere between the two, so
 * timing from the answer can never start a window before the vendor's did, however the
 * latency of two requests differs.
 *
 * @example
 * const limiter = createRequestLimiter(limits.rateLimit, () => performance.now());
 * const done = await limiter.acquire(signal);
 * if (done) try { await send(); } finally { done(); }
 */
export function createRequestLimiter(rate: Rate | null, now: () => number): RequestLimiter {
  if (!rate) return { acquire: async (signal) => (signal?.aborted ? null : () => {}) };
  // A few ms for clock granularity between our clock and the vendor's (the outbox's margin).
  const windowMs = rate.windowMs + Math.min(100, Math.max(5, Math.round(rate.windowMs * 0.01)));
  /** Per slot: when its answer came in, or +Infinity while it is in flight. */
  const slots: Array<{ at: number }> = [];
  const waiters = new Set<() => void>();

  const wake = (): void => {
    for (const waiter of waiters) waiter();
  };

  return {
    async acquire(signal) {
      for (;;) {
        if (signal?.aborted) return null;
        const at = now();
        for (let i = slots.length - 1; i >= 0; i--)
          if ((slots[i] as { at: number }).at <= at - windowMs) slots.splice(i, 1);
        if (slots.length < rate.count) {
          const slot = { at: Number.POSITIVE_INFINITY };
          slots.push(slot);
          return () => {
            if (Number.isFinite(slot.at)) return;
            slot.at = now();
            wake();
          };
        }
        const oldest = Math.min(...slots.map((slot) => slot.at));
        // Every slot in flight: only an answer can free one, and `done` wakes the waiters.
        const waitMs = Number.isFinite(oldest) ? Math.max(1, oldest + windowMs - at) : null;
        if (!(await waitFor(waitMs, signal, waiters))) return null;
      }
    },
  };
}

/** Resolves true after `ms` (never when `ms` is null) or on any wake-up, false on abort. */
function waitFor(
  ms: number | null,
  signal: AbortSignal | undefined,
  waiters: Set<() => void>,
): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (result: boolean): void => {
      if (timer) clearTimeout(timer);
      waiters.delete(onWake);
      signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onWake = (): void => finish(true);
    const onAbort = (): void => finish(false);
    const timer = ms === null ? undefined : setTimeout(() => finish(true), ms);
    waiters.add(onWake);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
