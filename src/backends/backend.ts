import type { FieldDef } from '../model/field';
import type { CanonicalLead } from '../model/lead';

/**
 * How a backend judged one delivery attempt. The outbox reads only this; vendor answers
 * are classified once, inside the backend (STYLE.md).
 * - `ok`: delivered. `externalId` is the vendor's id for the lead, kept with the delivery.
 * - `conflict`: the vendor already has it; counts as delivered.
 * - `retry`: try again, after `delayMs` when the vendor said how long (Retry-After).
 *   `pauseBackendMs` says the vendor throttled us (a 429 or an announced pause): the whole
 *   backend waits, and the attempt does not count against `retry.maxAttempts`.
 * - `permanent`: will never succeed as sent; dead-lettered with the vendor's message.
 */
export type DeliveryOutcome =
  | { kind: 'ok'; externalId?: string; message?: string }
  | { kind: 'conflict'; externalId?: string; message?: string }
  | { kind: 'retry'; message: string; delayMs?: number; pauseBackendMs?: number }
  | { kind: 'permanent'; message: string; fieldErrors?: Record<string, string[]> };

/** Everything one attempt gets besides the lead. */
export interface DeliveryAttempt {
  /** The outbox entry's id: stable across retries (the webhook's `webhook-id`, an idempotency key). */
  deliveryId: string;
  /**
   * 1 for the first attempt ever started for this entry; every later start counts, a
   * throttled one and one after an operator's replay of a dead entry included, so
   * `attempt > 1` always means an earlier attempt may have reached the vendor.
   */
  attempt: number;
  /** The vendor's id from an earlier attempt or delivery, if one was kept. */
  externalId: string | null;
  /** Aborted when the attempt times out or the proxy shuts down. */
  signal: AbortSignal;
}

/** One result of a backend's `check` (`leadkit check-config --live`). */
export interface CheckResult {
  ok: boolean;
  /** What was checked, e.g. "API key accepted", "status \"new\" exists". */
  what: string;
  /** Why not, in the vendor's words where it gave any (never a secret). */
  detail?: string;
}

/** A rate: `count` requests per `windowMs`. */
export interface Rate {
  count: number;
  windowMs: number;
}

/** The delivery limits the outbox applies to one backend (CONTRACT §5). */
export interface BackendLimits {
  timeoutMs: number;
  concurrency: number;
  rateLimit: Rate | null;
  /** `maxAttempts` null: unlimited, the entry is retried until it is `maxAgeHours` old. */
  retry: { maxAttempts: number | null; baseDelayMs: number; maxDelayMs: number; maxAgeHours: number };
  /** Leads per call when the backend has `deliverLeads` (SquadStack bulk: 100). */
  batchSize: number;
}

/**
 * The one contract every backend implements (STYLE.md): lead delivery is required; the
 * rest are capabilities a backend has or has not. Booking (`availability`, `book`,
 * `reschedule`, `cancel`) and tracking (`signal`) join this interface with their issues.
 */
export interface Backend {
  /** The name given in config (`backends.<name>`). */
  readonly name: string;
  /** `local`, `webhook`, `qualifybase`, `lio`, `qvoo`, `squadstack`, `leadcenter`. */
  readonly type: string;
  readonly limits: BackendLimits;
  /** Delivers one lead. Never throws for a vendor answer: classify it. */
  deliverLead(lead: CanonicalLead, attempt: DeliveryAttempt): Promise<DeliveryOutcome>;
  /** Delivers several leads in one call; returns one outcome per lead, in order. */
  deliverLeads?(
    items: ReadonlyArray<{ lead: CanonicalLead; attempt: DeliveryAttempt }>,
  ): Promise<DeliveryOutcome[]>;
  /** The vendor's own lead fields, for forms with `"from:<backend>"`. */
  formFields?(signal: AbortSignal): Promise<FieldDef[]>;
  /** Checks credentials and configured values against the vendor without creating data. */
  check?(signal: AbortSignal): Promise<CheckResult[]>;
  /** Releases timers and connections. */
  close?(): Promise<void>;
}

/** What a backend factory gets besides its own config. */
export interface BackendDeps {
  /** Injected so tests can fake the network; defaults to global fetch. */
  fetch: typeof fetch;
  now: () => Date;
  logger: BackendLogger;
  /** A small key-value store for tokens and caches that should survive a restart. */
  state: BackendStateStore;
  /** The proxy's store, for the `local` backend. */
  leads: LocalLeadSink;
}

export interface BackendLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface BackendStateStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

/** How the `local` backend marks a lead as received. */
export interface LocalLeadSink {
  markLocal(leadId: string, backend: string): Promise<void>;
}
