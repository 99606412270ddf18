import { describe, expect, it } from 'vitest';
import { createMemoryRateGate } from './memory-rate-gate';
import type { RateGate, RateTicket } from './rate-gate';
import { waitForAdmission } from './wait-for-admission';

const request = { key: 'k', count: 1, windowMs: 100, holdMs: 10_000 };

describe('waitForAdmission', () => {
  it('waits for the slot a settled call frees, a window after its answer', async () => {
    const gate = createMemoryRateGate();
    const first = await waitForAdmission(gate, request);
    const settledAt = performance.now();
    await first?.settle();
    expect(await waitForAdmission(gate, request)).not.toBeNull();
    expect(performance.now() - settledAt).toBeGreaterThanOrEqual(99);
  });

  it('stops on abort, and releases an admission that came after it', async () => {
    const gate = createMemoryRateGate();
    await waitForAdmission(gate, request);
    const controller = new AbortController();
    const waiting = waitForAdmission(gate, request, controller.signal);
    setTimeout(() => controller.abort(), 20);
    expect(await waiting).toBeNull();

    let released = 0;
    const late = new AbortController();
    const slow: RateGate = {
      async tryAdmit() {
        late.abort();
        const ticket: RateTicket = { settle: async () => {}, release: async () => void released++ };
        return { tickets: [ticket], retryInMs: 0 };
      },
    };
    expect(await waitForAdmission(slow, request, late.signal)).toBeNull();
    expect(released).toBe(1);
  });

  it('asks a failing gate again instead of letting the call through', async () => {
    let calls = 0;
    const memory = createMemoryRateGate();
    const flaky: RateGate = {
      async tryAdmit(r, max) {
        calls++;
        if (calls < 3) throw new Error('connection refused');
        return memory.tryAdmit(r, max);
      },
    };
    const ticket = await waitForAdmission(flaky, request, undefined, { errorSleepMs: 5 });
    expect(ticket).not.toBeNull();
    expect(calls).toBe(3);
  });
});
