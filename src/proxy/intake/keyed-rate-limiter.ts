import type { RateSpec } from '../../model/rate';

/**
 * Counts requests per key (client IP, form) in a sliding window, approximated from the
 * current and previous fixed windows (memory per key is two numbers). Answers how long to
 * wait when the limit is reached, for `Retry-After`.
 */
export interface KeyedRateLimiter {
  /** Counts one request; `retryAfterMs` > 0 means refused. */
  hit(key: string, now: number): { allowed: boolean; retryAfterMs: number };
}

export function createKeyedRateLimiter(rate: RateSpec, maxKeys = 100_000): KeyedRateLimiter {
  const windows = new Map<string, { start: number; current: number; previous: number }>();
  return {
    hit(key, now) {
      const start = now - (now % rate.windowMs);
      let entry = windows.get(key);
      if (!entry) {
        if (windows.size >= maxKeys) {
          // Forget the oldest keys first: Map iterates in insertion order.
          for (const old of windows.keys()) {
            windows.delete(old);
            if (windows.size < maxKeys * 0.9) break;
          }
        }
        entry = { start, current: 0, previous: 0 };
        windows.set(key, entry);
      }
      if (entry.start !== start) {
        entry.previous = entry.start === start - rate.windowMs ? entry.current : 0;
        entry.current = 0;
        entry.start = start;
      }
      const weight = 1 - (now - start) / rate.windowMs;
      const estimate = entry.previous * weight + entry.current;
      if (estimate + 1 > rate.count) {
        // When does previous × weight + current + 1 fit again? Past this window's end if the
        // current window alone is full; else once the previous window has decayed enough.
        const windowEnd = start + rate.windowMs;
        const spare = rate.count - 1 - entry.current;
        const fitsAt =
          spare < 0 || entry.previous === 0
            ? windowEnd
            : start + rate.windowMs * (1 - spare / entry.previous);
        return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(Math.min(windowEnd, fitsAt) - now)) };
      }
      entry.current++;
      return { allowed: true, retryAfterMs: 0 };
    },
  };
}
