import { describe, expect, it } from 'vitest';
import { getBackoffDelay } from './backoff';

describe('getBackoffDelay', () => {
  const retry = { baseDelayMs: 1000, maxDelayMs: 60_000 };
  it('grows exponentially and stays within [base, cap]', () => {
    expect(getBackoffDelay(1, retry, () => 1)).toBe(1000);
    expect(getBackoffDelay(3, retry, () => 1)).toBe(4000);
    expect(getBackoffDelay(20, retry, () => 1)).toBe(60_000);
    expect(getBackoffDelay(20, retry, () => 0)).toBe(1000);
  });
  it('spreads retries with jitter', () => {
    const delays = new Set(Array.from({ length: 50 }, () => getBackoffDelay(6, retry)));
    expect(delays.size).toBeGreaterThan(40);
  });
});
