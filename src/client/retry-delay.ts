/** How hard the client tries before it gives a submission to the offline queue. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited out in the page; the queue takes over. */
  maxRetryAfterMs: number;
  /** Per-request timeout. */
  timeoutMs: number;
}

/** The policy the widgets use. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  timeoutMs: 15_000,
};

/**
 * Delay before retry number `attempt` (1 = the first retry): "full jitter" — a random time
 * up to `baseDelayMs · 2^(attempt-1)`, capped at `maxDelayMs`, so many visitors hit by the
 * same outage do not come back in lockstep.
 */
export function getRetryDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** A `Retry-After` header (seconds or an HTTP date) in milliseconds from `now`; undefined if absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
