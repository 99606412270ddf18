import { describe, expect, it } from 'vitest';
import type { DeliveryOutcome } from '../../backends/backend';
import { resolveLimits } from '../../backends/backend-config';
import { decideUpdate } from './decide-update';

const HOUR = 3_600_000;
const down: DeliveryOutcome = { kind: 'retry', message: '503: down' };
const throttled: DeliveryOutcome = {
  kind: 'retry',
  message: 'rate limited (429): slow down',
  delayMs: 60_000,
  pauseBackendMs: 60_000,
};

describe('decideUpdate', () => {
  const defaults = resolveLimits({}, { rateLimit: null });

  it('keeps a lead through a vendor outage on the default schedule, however the jitter falls', () => {
    for (const random of [() => 0, () => 0.5, () => 1]) {
      const start = 0;
      let now = start;
      let attempts = 0;
      // A 30-minute outage, then six hours more: the lead is never dead-lettered.
      while (now - start < 6.5 * HOUR) {
        attempts++;
        const decision = decideUpdate(down, { attempts, ageFrom: start }, defaults, now, random);
        expect(decision.result).toBe('retry');
        if (decision.update.status !== 'pending') throw new Error('not pending');
        now = decision.update.nextAttemptAt;
      }
      expect(attempts).toBeGreaterThan(12);
    }
  });

  it('dead-letters on age (72 h by default), and on attempts only when maxAttempts is set', () => {
    expect(defaults.retry.maxAttempts).toBeNull();
    expect(decideUpdate(down, { attempts: 900, ageFrom: 0 }, defaults, 71.9 * HOUR).result).toBe('retry');
    expect(decideUpdate(down, { attempts: 900, ageFrom: 0 }, defaults, 72 * HOUR).update).toEqual({
      status: 'dead',
      lastError: 'gave up after 72 hours: 503: down',
    });
    const capped = resolveLimits({ retry: { maxAttempts: 3 } }, { rateLimit: null });
    expect(decideUpdate(down, { attempts: 2, ageFrom: 0 }, capped, 1000).result).toBe('retry');
    expect(decideUpdate(down, { attempts: 3, ageFrom: 0 }, capped, 1000).update).toEqual({
      status: 'dead',
      lastError: 'gave up after 3 attempts: 503: down',
    });
  });

  it('uses up no attempt on a 429 or a vendor-announced pause, and waits as told', () => {
    const capped = resolveLimits({ retry: { maxAttempts: 2 } }, { rateLimit: null });
    const decision = decideUpdate(throttled, { attempts: 2, ageFrom: 0 }, capped, 1000);
    expect(decision).toEqual({
      result: 'retry',
      update: {
        status: 'pending',
        nextAttemptAt: 61_000,
        lastError: 'rate limited (429): slow down',
        refundAttempt: true,
      },
    });
    // Age still ends it: a vendor that throttles for three days is as good as down.
    expect(decideUpdate(throttled, { attempts: 1, ageFrom: 0 }, capped, 72 * HOUR).result).toBe('dead');
  });

  it('uses up no attempt while an entry waits for another (a signal for its lead), until age ends it', () => {
    const capped = resolveLimits({ retry: { maxAttempts: 2 } }, { rateLimit: null });
    const waiting: DeliveryOutcome = { kind: 'retry', message: 'waiting for the lead', waiting: true };
    const decision = decideUpdate(waiting, { attempts: 2, ageFrom: 0 }, capped, 1000, () => 0);
    expect(decision).toEqual({
      result: 'retry',
      update: {
        status: 'pending',
        nextAttemptAt: 1000 + capped.retry.baseDelayMs,
        lastError: 'waiting for the lead',
        refundAttempt: true,
      },
    });
    expect(decideUpdate(waiting, { attempts: 1, ageFrom: 0 }, capped, 72 * HOUR).update).toEqual({
      status: 'dead',
      lastError: 'gave up after 72 hours: waiting for the lead',
    });
  });

  it('counts an ordinary retry, even one with a Retry-After', () => {
    const decision = decideUpdate(
      { kind: 'retry', message: '503: busy', delayMs: 5000 },
      { attempts: 1, ageFrom: 0 },
      defaults,
      1000,
    );
    expect(decision.update).toEqual({ status: 'pending', nextAttemptAt: 6000, lastError: '503: busy' });
  });
});
