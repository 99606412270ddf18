import { describe, expect, it } from 'vitest';
import { createRequestLimiter } from './request-limiter';

const clock = () => performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createRequestLimiter', () => {
  it('holds a slot while the request is in flight and for a window after its answer', async () => {
    const limiter = createRequestLimiter({ count: 2, windowMs: 100 }, clock);
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
    await sleep(250);
    expect(third).toBe(false);

    const answeredAt = performance.now();
    done1?.();
    expect(await thirdSlot).toBeTypeOf('function');
    expect(performance.now() - answeredAt).toBeGreaterThanOrEqual(100);
  });

  it('times the window from the answer, not from the send, as the outbox window does', async () => {
    // A slow request: sent at 0, answered at ~150. The vendor may have counted it at ~150,
    // so the next request must wait until ~250, not go out at 100.
    const limiter = createRequestLimiter({ count: 1, windowMs: 100 }, clock);
    const sentAt = performance.now();
    const done = await limiter.acquire();
    await sleep(150);
    const answeredAt = performance.now();
    done?.();
    expect(await limiter.acquire()).toBeTypeOf('function');
    expect(performance.now() - answeredAt).toBeGreaterThanOrEqual(100);
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(250);
  });

  it('never lets more than the count be sent within any window', async () => {
    const limiter = createRequestLimiter({ count: 3, windowMs: 80 }, clock);
    const sent: number[] = [];
    const answered: number[] = [];
    await Promise.all(
      Array.from({ length: 9 }, async () => {
        const done = await limiter.acquire();
        sent.push(performance.now());
        await sleep(10);
        answered.push(performance.now());
        done?.();
      }),
    );
    sent.sort((a, b) => a - b);
    answered.sort((a, b) => a - b);
    // The (i + count)-th request goes out at least a window after the i-th answer.
    for (let i = 0; i + 3 < sent.length; i++)
      expect((sent[i + 3] as number) - (answered[i] as number)).toBeGreaterThanOrEqual(80);
  });

  it('keeps the first answer time when done is called again', async () => {
    const limiter = createRequestLimiter({ count: 1, windowMs: 100 }, clock);
    const done = await limiter.acquire();
    const answeredAt = performance.now();
    done?.();
    await sleep(60);
    done?.();
    expect(await limiter.acquire()).toBeTypeOf('function');
    const waited = performance.now() - answeredAt;
    expect(waited).toBeGreaterThanOrEqual(100);
    expect(waited).toBeLessThan(155);
  });

  it('gives up when the signal aborts the wait', async () => {
    const limiter = createRequestLimiter({ count: 1, windowMs: 60_000 }, clock);
    const done = await limiter.acquire();
    done?.();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    expect(await waiting).toBeNull();
  });

  it('gives up when the signal aborts while every slot is in flight', async () => {
    const limiter = createRequestLimiter({ count: 1, windowMs: 100 }, clock);
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    setTimeout(() => controller.abort(), 20);
    expect(await waiting).toBeNull();
    expect(await limiter.acquire(AbortSignal.abort())).toBeNull();
  });

  it('does not wait without a rate', async () => {
    const limiter = createRequestLimiter(null, clock);
    for (let i = 0; i < 100; i++) expect(await limiter.acquire()).toBeTypeOf('function');
    expect(await limiter.acquire(AbortSignal.abort())).toBeNull();
  });
});
