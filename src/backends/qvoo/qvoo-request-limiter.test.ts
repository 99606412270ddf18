import { describe, expect, it } from 'vitest';
import { createQvooRequestLimiter } from './qvoo-request-limiter';

describe('createQvooRequestLimiter', () => {
  it('holds a slot while the request is in flight and for a window after its answer', async () => {
    const limiter = createQvooRequestLimiter({ count: 2, windowMs: 100 }, () => performance.now());
    const done1 = await limiter.acquire();
    const done2 = await limiter.acquire();
    expect(done1).toBeTypeOf('function');
    expect(done2).toBeTypeOf('function');

    let third = false;
    const thirdSlot = limiter.acquire().then((done) => {
      third = true;
      return done;
    });
    // Both requests are still in flight: however long we wait, there is no slot.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(third).toBe(false);

    const answeredAt = performance.now();
    done1?.();
    expect(await thirdSlot).toBeTypeOf('function');
    expect(performance.now() - answeredAt).toBeGreaterThanOrEqual(100);
  });

  it('gives up when the signal aborts the wait', async () => {
    const limiter = createQvooRequestLimiter({ count: 1, windowMs: 60_000 }, () => performance.now());
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    expect(await waiting).toBeNull();
  });

  it('does not wait without a rate', async () => {
    const limiter = createQvooRequestLimiter(null, () => performance.now());
    for (let i = 0; i < 100; i++) expect(await limiter.acquire()).toBeTypeOf('function');
  });
});
