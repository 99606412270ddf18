import type { BackendDeps, DeliveryAttempt } from '../../src/backends/backend';
import type { CanonicalLead } from '../../src/model/lead';

/** One call to a test backend's logger. */
export interface TestLogEntry {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg?: string;
}

/** `BackendDeps` that keep what the backend logged and stored, for tests to read. */
export interface TestDeps extends BackendDeps {
  /** Every log call, in order. */
  logs: TestLogEntry[];
  /** What `state` holds; pass it to the next `createTestDeps` to simulate a restart. */
  stateMap: Map<string, string>;
}

/**
 * Deps for a backend under test: the real `fetch`, the real clock, a logger that records
 * into `logs`, a state store backed by `stateMap` (a new one unless given) and a `leads`
 * sink that does nothing. Any dependency can be replaced.
 *
 * @example
 * const deps = createTestDeps();
 * const backend = createQvooBackend('qvoo', config, deps);
 * const restarted = createQvooBackend('qvoo', config, createTestDeps({ stateMap: deps.stateMap }));
 */
export function createTestDeps(
  overrides: Partial<BackendDeps> & { stateMap?: Map<string, string> } = {},
): TestDeps {
  const { stateMap = new Map<string, string>(), ...replaced } = overrides;
  const logs: TestLogEntry[] = [];
  return {
    fetch: globalThis.fetch,
    now: () => new Date(),
    logger: {
      info: (obj, msg) => logs.push({ level: 'info', obj, msg }),
      warn: (obj, msg) => logs.push({ level: 'warn', obj, msg }),
      error: (obj, msg) => logs.push({ level: 'error', obj, msg }),
    },
    state: {
      get: async (key) => stateMap.get(key) ?? null,
      set: async (key, value) => void stateMap.set(key, value),
    },
    leads: { markLocal: async () => {} },
    ...replaced,
    logs,
    stateMap,
  };
}

let leadCount = 0;

/**
 * A canonical lead: `lead_<n>` / `ref_<n>` with a new `n` on every call, form `contact`,
 * created 2026-11-22T10:03:12.000Z, Jane Doe's name and e-mail, nothing else. `overrides`
 * replace whole properties (a `fields` override replaces every field), so a test passes its
 * vendor's defaults here.
 *
 * @example
 * makeTestLead({ form: 'callback', fields: { name: 'Priya Sharma', phone: '+919876543210' } });
 */
export function makeTestLead(overrides: Partial<CanonicalLead> = {}): CanonicalLead {
  leadCount++;
  return {
    id: `lead_${leadCount}`,
    leadRef: `ref_${leadCount}`,
    form: 'contact',
    createdAt: '2026-11-22T10:03:12.000Z',
    fields: { name: 'Jane Doe', email: 'jane@example.com' },
    hidden: {},
    consent: null,
    attribution: {},
    context: {},
    ...overrides,
  };
}

let attemptCount = 0;

/**
 * A first delivery attempt with a new `deliveryId` (`dlv_<n>`), no vendor id and a signal
 * that is never aborted; `overrides` set any of them.
 */
export function makeAttempt(overrides: Partial<DeliveryAttempt> = {}): DeliveryAttempt {
  attemptCount++;
  return {
    deliveryId: overrides.deliveryId ?? `dlv_${attemptCount}`,
    attempt: overrides.attempt ?? 1,
    externalId: overrides.externalId ?? null,
    signal: overrides.signal ?? new AbortController().signal,
  };
}
