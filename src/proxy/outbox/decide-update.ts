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
 * backoff (or the vendor's Retry-After), or dead once attempts or age run out. Pure.
 */
export function decideUpdate(
  outcome: DeliveryOutcome,
  entry: { attempts: number; createdAt: number },
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
      const ageHours = (now - entry.createdAt) / 3_600_000;
      if (entry.attempts >= limits.retry.maxAttempts || ageHours >= limits.retry.maxAgeHours) {
        const why =
          entry.attempts >= limits.retry.maxAttempts
            ? `${entry.attempts} attempts`
            : `${Math.floor(ageHours)} hours`;
        return {
          result: 'dead',
          update: { status: 'dead', lastError: `gave up after ${why}: ${outcome.message}` },
        };
      }
      const delay = outcome.delayMs ?? getBackoffDelay(entry.attempts, limits.retry, random);
      return {
        result: 'retry',
        update: { status: 'pending', nextAttemptAt: now + delay, lastError: outcome.message },
      };
    }
  }
}
