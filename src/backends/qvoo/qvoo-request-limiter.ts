import type { Rate } from '../backend';

/** Waits for a free slot under a request rate before each call to Qvoo. */
export interface QvooRequestLimiter {
  /**
   * Resolves with a `done` callback when a request may be sent now (call it when the
   * answer, or the failure, is in), or null when `signal` aborted the wait.
   */
  acquire(signal?: AbortSignal): Promise<(() => void) | null>;
}

/**
 * A sliding-window log over the requests this backend sent. The outbox's token bucket
 * counts deliveries, but one Qvoo delivery is two requests (check-duplicate, then create
 * or update) and sometimes more (an OAuth token, reading the lead before an update), so
 * the backend keeps its own count of requests to stay under the vendor's window.
 *
 * A request occupies its slot from the moment it is sent until its answer is in, and its
 * window starts at the answer: the vendor counted it on arrival, which lies somewhere
 * between the two, so timing from the answer can never start a window before the vendor's
 * did, however the latency of two requests differs.
 */
export function createQvooRequestLimiter(rate: Rate | null, now: () => number): QvooRequestLimiter {
  if (!rate) return { acquire: async (signal) => (signal?.aborted ? null : () => {}) };
  // A few ms for clock granularity between our clock and the vendor's.
  const windowMs = rate.windowMs + Math.min(100, Math.max(5, Math.round(rate.windowMs * 0.005)));
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
            slot.at = now();
            wake();
          };
        }
        const oldest = Math.min(...slots.map((slot) => slot.at));
        const waitMs = Number.isFinite(oldest) ? Math.max(1, oldest + windowMs - at) : null;
        if (!(await waitFor(waitMs, signal, waiters))) return null;
      }
    },
  };
}

/** Resolves true after `ms` (or on a wake-up when `ms` is null, or any wake-up), false on abort. */
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
