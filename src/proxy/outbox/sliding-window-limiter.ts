import type { RateSpec } from '../../model/rate';

/**
 * Keeps a backend under its vendor's rate as the vendor counts it: at most `count` calls
 * in any window of `windowMs` (a sliding log). A plain token bucket refilling continuously
 * can let through up to twice the count within one sliding window and earn 429s; this
 * cannot. A call counts from when it starts until a window after its answer came back
 * (`settle`), because the vendor counts it when it arrives, which is somewhere in between —
 * a slow first connection must not push two calls into one vendor window.
 */
export interface SlidingWindowLimiter {
  /** How many calls may start at `now`. Infinity without a rate. */
  available(now: number): number;
  /** When the next call may start (ms), if none may now. */
  nextAvailableAt(now: number): number;
  /** Records a call that starts at `now`; settle the returned ticket when its answer arrives. */
  take(now: number): { settle(now: number): void };
}

export function createSlidingWindowLimiter(
  rate: RateSpec | null,
  marginMs = Math.min(100, rate ? rate.windowMs * 0.01 : 0),
): SlidingWindowLimiter {
  // Each entry is the time from which the call's window runs (start, then its answer).
  const calls: Array<{ at: number }> = [];
  const windowMs = rate ? rate.windowMs + marginMs : 0;
  function prune(now: number) {
    for (let i = calls.length - 1; i >= 0; i--)
      if ((calls[i] as { at: number }).at <= now - windowMs) calls.splice(i, 1);
  }
  return {
    available(now) {
      if (!rate) return Number.POSITIVE_INFINITY;
      prune(now);
      return Math.max(0, rate.count - calls.length);
    },
    nextAvailableAt(now) {
      if (!rate) return now;
      prune(now);
      if (calls.length < rate.count) return now;
      const times = calls.map((c) => c.at).sort((a, b) => a - b);
      return (times[times.length - rate.count] as number) + windowMs;
    },
    take(now) {
      if (!rate) return { settle() {} };
      const entry = { at: now };
      calls.push(entry);
      return {
        settle(at) {
          entry.at = Math.max(entry.at, at);
        },
      };
    },
  };
}
