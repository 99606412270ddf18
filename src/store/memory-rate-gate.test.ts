import { describe, expect, it } from 'vitest';
import { createMemoryRateGate } from './memory-rate-gate';
import type { RateGateRequest } from './rate-gate';

function fakeClock(start = 0) {
  let t = start;
  return {
    now: () => t,
    set(to: number) {
      t = to;
    },
  };
}

const rate = (count: number, windowMs: number, holdMs = 10_000): RateGateRequest => ({
  key: 'k',
  count,
  windowMs,
  holdMs,
});

describe('createMemoryRateGate', () => {
  it('never admits more than count in any window, and uses nearly all of it', async () => {
    const clock = fakeClock();
    const gate = createMemoryRateGate(clock);
    const sent: number[] = [];
    for (let t = 0; t < 5000; t += 7) {
      clock.set(t);
      for (;;) {
        const { tickets } = await gate.tryAdmit(rate(3, 1000));
        const [ticket] = tickets;
        if (!ticket) break;
        sent.push(t);
        await ticket.settle();
      }
    }
    for (const t of sent) expect(sent.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(3);
    // 5 windows of 3.
    expect(sent.length).toBeGreaterThanOrEqual(15);
  });

  it('says when the next slot frees', async () => {
    const clock = fakeClock(100);
    const gate = createMemoryRateGate(clock);
    await (await gate.tryAdmit(rate(2, 1000))).tickets[0]?.settle();
    clock.set(300);
    await (await gate.tryAdmit(rate(2, 1000))).tickets[0]?.settle();
    clock.set(500);
    expect(await gate.tryAdmit(rate(2, 1000))).toEqual({ tickets: [], retryInMs: 600 });
    clock.set(1100);
    expect((await gate.tryAdmit(rate(2, 1000))).tickets).toHaveLength(1);
  });

  it('counts a call from its admission until a window after it settles', async () => {
    const clock = fakeClock();
    const gate = createMemoryRateGate(clock);
    const [ticket] = (await gate.tryAdmit(rate(1, 1000))).tickets;
    clock.set(1500);
    // Still in flight: at the soonest it settles now and frees a window later.
    expect(await gate.tryAdmit(rate(1, 1000))).toEqual({ tickets: [], retryInMs: 1000 });
    await ticket?.settle();
    clock.set(2400);
    expect(await gate.tryAdmit(rate(1, 1000))).toEqual({ tickets: [], retryInMs: 100 });
    clock.set(2500);
    expect((await gate.tryAdmit(rate(1, 1000))).tickets).toHaveLength(1);
  });

  it('keeps the first settle time when settled again', async () => {
    const clock = fakeClock();
    const gate = createMemoryRateGate(clock);
    const [ticket] = (await gate.tryAdmit(rate(1, 1000))).tickets;
    clock.set(200);
    await ticket?.settle();
    clock.set(900);
    await ticket?.settle();
    clock.set(1200);
    expect((await gate.tryAdmit(rate(1, 1000))).tickets).toHaveLength(1);
  });

  it('frees the slot of a holder that never settles after its hold', async () => {
    const clock = fakeClock();
    const gate = createMemoryRateGate(clock);
    const [lost] = (await gate.tryAdmit(rate(1, 1000, 3000))).tickets;
    clock.set(2000);
    expect(await gate.tryAdmit(rate(1, 1000, 3000))).toEqual({ tickets: [], retryInMs: 1000 });
    clock.set(3000);
    const [next] = (await gate.tryAdmit(rate(1, 1000, 3000))).tickets;
    expect(next).toBeDefined();
    // The lost holder's late settle cannot touch the slot it no longer has.
    await lost?.settle();
    await next?.release();
    expect((await gate.tryAdmit(rate(1, 1000, 3000))).tickets).toHaveLength(1);
  });

  it('gives a released slot back at once, and admits several at a time up to the count', async () => {
    const clock = fakeClock();
    const gate = createMemoryRateGate(clock);
    const first = await gate.tryAdmit(rate(3, 1000), 5);
    expect(first.tickets).toHaveLength(3);
    expect(first.retryInMs).toBe(1000);
    await first.tickets[0]?.release();
    await first.tickets[0]?.settle();
    const again = await gate.tryAdmit(rate(3, 1000), 2);
    expect(again.tickets).toHaveLength(1);
  });

  it('keeps one count per key', async () => {
    const gate = createMemoryRateGate(fakeClock());
    expect((await gate.tryAdmit({ ...rate(1, 1000), key: 'a' })).tickets).toHaveLength(1);
    expect((await gate.tryAdmit({ ...rate(1, 1000), key: 'b' })).tickets).toHaveLength(1);
    expect((await gate.tryAdmit({ ...rate(1, 1000), key: 'a' })).tickets).toHaveLength(0);
  });
});
