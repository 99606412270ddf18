import type { BookingEventData, BookingInterval, StoredBooking } from '../model/booking';
import type { DeliveryKind, DeliveryStatus, DeliveryView } from '../model/delivery';
import type { CanonicalLead } from '../model/lead';
import type { IntentSignal, SignalEventData, TrackingEvent } from '../model/signal';
import type { RateGate } from './rate-gate';

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
  /** For a booking event (`kind` other than `lead`): its data as it stood when the event happened. */
  event: BookingEventData | null;
  /** For a `signal` entry: the signal as it leaves the proxy. */
  signal: SignalEventData | null;
  /**
   * For a `signal` entry: the lead's own `lead` entry to the same backend, or null when the
   * lead was never sent there (LIO needs that delivery's `externalId`, its lead id).
   */
  leadDelivery: LeadDeliveryState | null;
}

/** Where the lead's delivery to one backend stands, as a signal entry sees it. */
export interface LeadDeliveryState {
  id: string;
  status: DeliveryStatus;
  externalId: string | null;
  lastError: string | null;
}

/**
 * Outbox entries of signals, written with the signals they carry: one per backend that
 * takes signals. `id` is derived from the signal id and backend (a replay enqueues nothing).
 */
export type NewSignalDeliveries = ReadonlyArray<{ signalId: string; id: string; backend: string }>;

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

/** Outbox entries of one booking event: one per webhook backend of the calendar's form. */
export type NewBookingEvents = ReadonlyArray<{ id: string; backend: string }>;

/**
 * Refuse a slot that meets a confirmed booking of the same calendar, the range widened by
 * `bufferMinutes` on both sides. `null`: no check here (a vendor's calendar decides).
 */
export type OverlapRule = { bufferMinutes: number } | null;

/** A booking to store with (unless linked to an existing lead) its lead, in one transaction. */
export interface NewBooking {
  /** Status `confirmed`, `sequence` 0, `previous` null. */
  booking: StoredBooking;
  /** The submission's `Idempotency-Key`. */
  idempotencyKey: string;
  bodyHash: string;
  /** The lead to store with its own outbox entries; null when `booking.leadId` names a stored lead (leadRef). */
  lead: NewLead | null;
  /** `booking.created` entries. */
  events: NewBookingEvents;
  overlap: OverlapRule;
}

/** What saving a booking did. `key_in_use`: the key is a lead's, not a booking's. */
export type SaveBookingResult =
  | { kind: 'created'; booking: StoredBooking }
  | { kind: 'existing'; booking: StoredBooking; bodyHash: string }
  | { kind: 'slot_unavailable' }
  | { kind: 'key_in_use' };

export type RescheduleResult =
  | { kind: 'rescheduled'; booking: StoredBooking }
  /** The same slot as now: nothing changed, no event. */
  | { kind: 'unchanged'; booking: StoredBooking }
  | { kind: 'slot_unavailable' }
  | { kind: 'cancelled'; booking: StoredBooking }
  | { kind: 'not_found' };

export type CancelResult =
  /** `changed` false: it was cancelled before (a second cancel answers the same, sends nothing). */
  { kind: 'cancelled'; booking: StoredBooking; changed: boolean } | { kind: 'not_found' };

/**
 * Where leads, the outbox, settings and backend state live. One interface, several
 * dialects (STYLE.md): `sqlite:` (embedded default) and `postgres://` (several instances).
 * Every method is async so a networked database fits; the same suite
 * (test/store/store-suite.ts) runs against every implementation.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * The rate gate of a store that several instances share (PostgreSQL), so vendor and
   * delivery rates hold in aggregate; the proxy keeps its counts in memory without one.
   */
  readonly rateGate?: RateGate;
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
   * Stores a booking, its lead and the lead's outbox entries, and the `booking.created`
   * entries, in one transaction. With `overlap`, the check for a meeting confirmed booking and
   * the insert run in one write transaction no other writer interleaves, so two bookings of
   * one calendar can never overlap, however many arrive at once (a booking under `overlap`
   * lasts at most 24 hours; a longer one is a RangeError) (a PostgreSQL store: a lock
   * per calendar, or an exclusion constraint, in the same transaction). A reused key answers
   * the booking already stored under it.
   */
  saveBooking(input: NewBooking): Promise<SaveBookingResult>;
  getBooking(id: string): Promise<StoredBooking | null>;
  getBookingByKey(idempotencyKey: string): Promise<{ booking: StoredBooking; bodyHash: string } | null>;
  /**
   * Moves a confirmed booking to a new slot (same id, `sequence` + 1, `previous` = the old
   * slot) under the same overlap rule as `saveBooking` (the booking itself excepted), with
   * its `booking.rescheduled` entries. A cancelled booking is not moved.
   */
  rescheduleBooking(input: {
    id: string;
    start: string;
    end: string;
    now: Date;
    overlap: OverlapRule;
    events: NewBookingEvents;
    externalId?: string | null;
  }): Promise<RescheduleResult>;
  /** Cancels a booking with its `booking.cancelled` entries; idempotent. */
  cancelBooking(input: { id: string; now: Date; events: NewBookingEvents }): Promise<CancelResult>;
  /** Confirmed bookings of a calendar that meet [from, to) (ms), by start. */
  listBusy(input: { calendar: string; from: number; to: number }): Promise<BookingInterval[]>;

  /**
   * Stores a tracking event and the signals it gives rise to, in one transaction. An event
   * whose id is already stored is a replay: nothing is written (`recorded: false`). A signal
   * whose id is already stored is skipped (two racing opens both planning `email_opened_3x`),
   * and so are its `deliveries`: an entry is written only with its signal, in the same
   * transaction (a `signal` entry whose payload is the signal's outbound data).
   */
  recordTrackingEvent(input: {
    event: TrackingEvent;
    signals: IntentSignal[];
    deliveries?: NewSignalDeliveries;
  }): Promise<{ recorded: boolean }>;
  /** The events of one email, oldest first, optionally of one kind, source, from a time, or counted only. */
  listTrackingEvents(filter: {
    emailId: string;
    kind?: TrackingEvent['kind'];
    sourceHash?: string;
    since?: number;
    countedOnly?: boolean;
  }): Promise<TrackingEvent[]>;
  /**
   * Stores one signal and its outbox entries in one transaction; false (and no entry) when
   * its id is already stored.
   */
  recordSignal(signal: IntentSignal, deliveries?: NewSignalDeliveries): Promise<{ recorded: boolean }>;
  /** Signals newest first (`leadkit signals list`). */
  listSignals(filter: {
    leadId?: string;
    type?: string;
    limit?: number;
    cursor?: string;
  }): Promise<Page<IntentSignal>>;

  /**
   * Optional, for a store several instances share (PostgreSQL): calls `onEnqueued` when
   * another instance committed outbox entries, with their backends (null: any backend, when
   * notices may have been missed). A hint that wakes a worker early; workers still poll.
   * Returns the function that stops watching.
   */
  watchOutbox?(onEnqueued: (backends: readonly string[] | null) => void): () => void;

  /** Small durable key-value state for backends (tokens, caches), namespaced by backend. */
  getBackendState(backend: string, key: string): Promise<string | null>;
  setBackendState(backend: string, key: string, value: string): Promise<void>;
}
