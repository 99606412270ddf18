import type { RateSpec } from '../../model/rate';

/**
 * Keeps a backend under its vendor's rate as the vendor counts it: at most `count` calls
 * in any window of `windowMs` (a sliding log). A plain token bucket refilling continuously
 * can let through up to twice the count within one sliding window and earn 429s; this
 * cannot. `marginMs` widens the window a little for the time a request spends in flight.
 */
export interface SlidingWindowLimiter {
  /** How many calls may start at `now`. Infinity without a rate. */
  available(now: number): number;
  /** When the next call may start (ms), if none may now. */
  nextAvailableAt(now: number): number;
  /** Records a call that starts at `now`. */
  take(now: number): void;
}

export function createSlidingWindowLimiter(rate: RateSpec | null, marginMs = Math.min(250, rate ? rate.windowMs * 0.01 : 0)): SlidingWindowLimiter {
  const starts: number[] = [];
  const windowMs = rate ? rate.windowMs + marginMs : 0;
  function prune(now: number) {
    while (starts.length && (starts[0] as number) <= now - windowMs) starts.shift();
  }
  return {
    available(now) {
      if (!rate) return Number.POSITIVE_INFINITY;
      prune(now);
      return Math.max(0, rate.count - starts.length);
    },
    nextAvailableAt(now) {
      if (!rate) return now;
      prune(now);
      if (starts.length < rate.count) return now;
      return (starts[starts.length - rate.count] as number) + windowMs;
    },
    take(now) {
      if (rate) starts.push(now);
    },
  };
}
