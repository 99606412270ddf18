import type { DeliveryKind, DeliveryStatus, DeliveryView } from '../model/delivery';
import type { CanonicalLead } from '../model/lead';
import type { IntentSignal, TrackingEvent } from '../model/signal';

/** Why a lead was kept but not delivered. */
export type SpamReason = 'honeypot' | 'too_fast';

/** A lead to store with its outbox entries, in one transaction. */
export interface NewLead {
  lead: CanonicalLead;
  /** The submission's `Idempotency-Key`. */
  idempotencyKey: string;
  /** A hash of the normalised submission, to tell a replay from a conflicting reuse of the key. */
  bodyHash: string;
  spam: SpamReason | null;
  /** One outbox entry per backend in the form's `deliver`; empty for spam. */
  deliveries: Array<{ id: string; backend: string; kind: DeliveryKind }>;
}

/** What saving a lead did: created it, or found the same key already stored. */
export type SaveLeadResult =
  | { kind: 'created'; leadId: string; leadRef: string }
  | { kind: 'existing'; leadId: string; leadRef: string; form: string; bodyHash: string };

/** A stored lead as `leadkit leads list` and the admin API show it. */
export interface StoredLead {
  lead: CanonicalLead;
  spam: SpamReason | null;
}

/** An outbox entry leased to one worker. `leaseToken` must be shown to finish it. */
export interface ClaimedDelivery {
  id: string;
  backend: string;
  kind: DeliveryKind;
  /** Attempts that count against `retry.maxAttempts`, this one included (0 again after a replay of a dead entry). */
  attempts: number;
  /** This attempt's number among all ever started for the entry (1 = the first); never restarts. */
  attemptNumber: number;
  createdAt: number;
  /** Where `retry.maxAgeHours` counts from: the entry's creation, or its last replay from the dead letters. */
  ageFrom: number;
  externalId: string | null;
  leaseToken: string;
  lead: CanonicalLead;
}

/** How an attempt ended, as the outbox decided from the backend's outcome. */
export type DeliveryUpdate =
  | { status: 'delivered'; externalId?: string | null; note?: string | null }
  | {
      status: 'pending';
      nextAttemptAt: number;
      lastError: string;
      externalId?: string | null;
      /** Gives back the attempt counted at claim (a 429: the vendor did not look at the lead). */
      refundAttempt?: boolean;
    }
  | { status: 'dead'; lastError: string };

export interface DeliveryFilter {
  status?: DeliveryStatus;
  backend?: string;
  leadId?: string;
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface OutboxStats {
  byStatus: Record<DeliveryStatus, number>;
  /** Creation time (ms) of the oldest entry not yet delivered or dead, or null. */
  oldestPendingAt: number | null;
}

/**
 * Where leads, the outbox, settings and backend state live. One interface, several
 * dialects (STYLE.md): `sqlite:` (embedded default) and, with its issue, `postgres://`.
 * Every method is async so a networked database fits; the same suite
 * (test/store/store-suite.ts) runs against every implementation.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending migrations; idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Reads a setting, or stores `create()` when absent and returns that; race-free. */
  getOrCreateSetting(key: string, create: () => string): Promise<string>;
  /** Stores a setting, replacing any value it had (`leadkit admin-token rotate`). */
  setSetting(key: string, value: string): Promise<void>;

  /** Stores a lead and its outbox entries atomically, or reports the lead already stored under that key. */
  saveLead(input: NewLead): Promise<SaveLeadResult>;
  getLead(id: string): Promise<StoredLead | null>;
  /** Newest first. `backend` keeps only leads that `local` backend received. */
  listLeads(filter: {
    form?: string;
    backend?: string;
    includeSpam?: boolean;
    limit?: number;
    cursor?: string;
  }): Promise<Page<StoredLead>>;
  /** Records that a `local` backend holds a lead. Idempotent. */
  markLocal(leadId: string, backend: string): Promise<void>;

  /**
   * Leases up to `limit` due entries of one backend (pending with `nextAttemptAt <= now`,
   * or in flight with an expired lease) and counts the attempt. No two callers ever hold the
   * same entry at once.
   */
  claimDeliveries(input: {
    backend: string;
    limit: number;
    now: number;
    leaseMs: number;
  }): Promise<ClaimedDelivery[]>;
  /**
   * Extends leases still held to `now + leaseMs` (the heartbeat of a delivery that is still
   * running) and returns the ids extended; a lease missing from the answer was lost.
   */
  extendLeases(input: {
    leases: ReadonlyArray<{ id: string; leaseToken: string }>;
    now: number;
    leaseMs: number;
  }): Promise<string[]>;
  /** Ends a lease. False when the lease was lost (expired and taken by another worker). */
  finishDelivery(id: string, leaseToken: string, update: DeliveryUpdate, now: number): Promise<boolean>;
  /** When the next entry of this backend falls due (ms), or null when none waits. */
  getNextDueAt(backend: string): Promise<number | null>;
  listDeliveries(filter: DeliveryFilter): Promise<Page<DeliveryView>>;
  /**
   * Makes one entry due now (any status but in flight). Null when unknown. A dead entry
   * starts afresh for `maxAttempts` and `maxAgeHours`, but keeps its `attemptNumber`, so the
   * backend still knows the next attempt is a redelivery.
   */
  retryDelivery(id: string, now: number): Promise<DeliveryView | null>;
  /** Makes every dead entry (of one backend) due now, as `retryDelivery` does; returns how many. */
  retryDeadDeliveries(now: number, backend?: string): Promise<number>;
  getOutboxStats(): Promise<OutboxStats>;

  /**
   * Stores a tracking event and the signals it gives rise to, in one transaction. An event
   * whose id is already stored is a replay: nothing is written (`recorded: false`). A signal
   * whose id is already stored is skipped (two racing opens both planning `email_opened_3x`).
   */
  recordTrackingEvent(input: {
    event: TrackingEvent;
    signals: IntentSignal[];
  }): Promise<{ recorded: boolean }>;
  /** The events of one email, oldest first, optionally of one kind, source, from a time, or counted only. */
  listTrackingEvents(filter: {
    emailId: string;
    kind?: TrackingEvent['kind'];
    sourceHash?: string;
    since?: number;
    countedOnly?: boolean;
  }): Promise<TrackingEvent[]>;
  /** Stores one signal; false when its id is already stored. */
  recordSignal(signal: IntentSignal): Promise<{ recorded: boolean }>;
  /** Signals newest first (`leadkit signals list`). */
  listSignals(filter: {
    leadId?: string;
    type?: string;
    limit?: number;
    cursor?: string;
  }): Promise<Page<IntentSignal>>;

  /** Small durable key-value state for backends (tokens, caches), namespaced by backend. */
  getBackendState(backend: string, key: string): Promise<string | null>;
  setBackendState(backend: string, key: string, value: string): Promise<void>;
}
