import type { BackendLimits, DeliveryOutcome } from '../../backends/backend';
import type { DeliveryUpdate } from '../../store/store';
import { getBackoffDelay } from './backoff';

/** What the outbox does with one outcome: the store update and the metric label. */
export interface Decision {
  update: DeliveryUpdate;
  /** `delivered`, `duplicate`, `retry` or `dead`. */
  result: 'delivered' | 'duplicate' | 'retry' | 'dead';
}

function describePermanent(outcome: Extract<DeliveryOutcome, { kind: 'permanent' }>): string {
  if (!outcome.fieldErrors || !Object.keys(outcome.fieldErrors).length) return outcome.message;
  const fields = Object.entries(outcome.fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
    .join(' | ');
  return `${outcome.message} (${fields})`;
}

/**
 * Turns a backend's outcome into the entry's next state: delivered, due again after a
 * backoff (or the vendor's Retry-After), or dead once age (or `maxAttempts`, when set) runs
 * out. `entry.attempts` counts this attempt; `ageFrom` is when the entry was created or an
 * operator last replayed it. A throttled attempt (429 or a vendor-announced pause) is given
 * back: the vendor refused to look at the lead, so it says nothing about the lead; so is one
 * that waits for another entry (a signal for its lead's delivery). Pure.
 */
export function decideUpdate(
  outcome: DeliveryOutcome,
  entry: { attempts: number; ageFrom: number },
  limits: BackendLimits,
  now: number,
  random: () => number = Math.random,
): Decision {
  switch (outcome.kind) {
    case 'ok':
      return {
        result: 'delivered',
        update: {
          status: 'delivered',
          externalId: outcome.externalId ?? null,
          note: outcome.message ?? null,
        },
      };
    case 'conflict':
      return {
        result: 'duplicate',
        update: {
          status: 'delivered',
          externalId: outcome.externalId ?? null,
          note: `already there: ${outcome.message ?? 'duplicate'}`,
        },
      };
    case 'permanent':
      return { result: 'dead', update: { status: 'dead', lastError: describePermanent(outcome) } };
    case 'retry': {
      // Throttled, or waiting for another entry: the attempt said nothing about this one.
      const throttled = outcome.pauseBackendMs !== undefined || outcome.waiting === true;
      const counted = throttled ? entry.attempts - 1 : entry.attempts;
      const { maxAttempts, maxAgeHours } = limits.retry;
      const ageHours = (now - entry.ageFrom) / 3_600_000;
      const outOfAttempts = maxAttempts !== null && counted >= maxAttempts;
      if (outOfAttempts || ageHours >= maxAgeHours) {
        const why = outOfAttempts ? `${counted} attempts` : `${Math.floor(ageHours)} hours`;
        return {
          result: 'dead',
          update: { status: 'dead', lastError: `gave up after ${why}: ${outcome.message}` },
        };
      }
      const delay = outcome.delayMs ?? getBackoffDelay(counted, limits.retry, random);
      return {
        result: 'retry',
        update: {
          status: 'pending',
          nextAttemptAt: now + delay,
          lastError: outcome.message,
          ...(throttled ? { refundAttempt: true } : {}),
        },
      };
    }
  }
}
