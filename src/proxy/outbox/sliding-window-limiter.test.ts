import { describe, expect, it } from 'vitest';
import { createSlidingWindowLimiter } from './sliding-window-limiter';

describe('createSlidingWindowLimiter', () => {
  it('never allows more than count calls in any window', () => {
    const limiter = createSlidingWindowLimiter({ count: 3, windowMs: 1000 }, 0);
    const sent: number[] = [];
    for (let now = 0; now < 5000; now += 7) {
      while (limiter.available(now) > 0) {
        limiter.take(now);
        sent.push(now);
      }
    }
    for (const t of sent) expect(sent.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(3);
    // ...and uses nearly all of it: 5 windows of 3.
    expect(sent.length).toBeGreaterThanOrEqual(15);
  });

  it('says when the next call may start', () => {
    const limiter = createSlidingWindowLimiter({ count: 2, windowMs: 1000 }, 0);
    limiter.take(100);
    limiter.take(300);
    expect(limiter.available(500)).toBe(0);
    expect(limiter.nextAvailableAt(500)).toBe(1100);
    expect(limiter.available(1100)).toBe(1);
  });

  it('counts a call until a window after its answer', () => {
    const limiter = createSlidingWindowLimiter({ count: 1, windowMs: 1000 }, 0);
    const ticket = limiter.take(0);
    ticket.settle(400);
    expect(limiter.available(1000)).toBe(0);
    expect(limiter.nextAvailableAt(1000)).toBe(1400);
    expect(limiter.available(1400)).toBe(1);
  });

  it('is unlimited without a rate', () => {
    const limiter = createSlidingWindowLimiter(null);
    limiter.take(0);
    expect(limiter.available(0)).toBe(Number.POSITIVE_INFINITY);
  });
});
