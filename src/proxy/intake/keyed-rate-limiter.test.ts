import { describe, expect, it } from 'vitest';
import { createKeyedRateLimiter } from './keyed-rate-limiter';

describe('createKeyedRateLimiter', () => {
  it('allows count per window per key and says when to come back', () => {
    const limiter = createKeyedRateLimiter({ count: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) expect(limiter.hit('a', 1_000).allowed).toBe(true);
    const refused = limiter.hit('a', 1_000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBe(59_000);
    expect(limiter.hit('b', 1_000).allowed).toBe(true);
  });

  it('carries the previous window over, decaying', () => {
    const limiter = createKeyedRateLimiter({ count: 4, windowMs: 1000 });
    for (let i = 0; i < 4; i++) limiter.hit('a', 900);
    // At 1100 the previous window still weighs 0.9 × 4 = 3.6: no room.
    const refused = limiter.hit('a', 1100);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(limiter.hit('a', 1100 + refused.retryAfterMs).allowed).toBe(true);
  });
});
