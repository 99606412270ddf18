/**
 * The delay before attempt `attempt + 1`: exponential from `baseDelayMs`, capped at
 * `maxDelayMs`, with full jitter over [baseDelayMs, cap] so that many failed deliveries do
 * not come back in step.
 */
export function getBackoffDelay(
  attempt: number,
  retry: { baseDelayMs: number; maxDelayMs: number },
  random: () => number = Math.random,
): number {
  const cap = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.round(retry.baseDelayMs + random() * Math.max(0, cap - retry.baseDelayMs));
}
