import type { BookingEventData, BookingEventType, StoredBooking } from '../model/booking';
import type { FieldDef } from '../model/field';
import type { CanonicalLead } from '../model/lead';
import type { IntentSignal, SignalEventData } from '../model/signal';
import type { RateGate } from '../store/rate-gate';
import type { CancelResult, LeadDeliveryState, NewBooking, RescheduleResult, Store } from '../store/store';

/**
 * How a backend judged one delivery attempt. The outbox reads only this; vendor answers
 * are classified once, inside the backend (STYLE.md).
 * - `ok`: delivered. `externalId` is the vendor's id for the lead, kept with the delivery.
 * - `conflict`: the vendor already has it; counts as delivered.
 * - `retry`: try again, after `delayMs` when the vendor said how long (Retry-After).
 *   `pauseBackendMs` says the vendor throttled us (a 429 or an announced pause): the whole
 *   backend waits, and the attempt does not count against `retry.maxAttempts`.
 *   `waiting` says the entry waits for another one (a signal for its lead's delivery): it
 *   does not count against `retry.maxAttempts` either, only `maxAgeHours` ends it.
 * - `permanent`: will never succeed as sent; dead-lettered with the vendor's message.
 */
export type DeliveryOutcome =
  | { kind: 'ok'; externalId?: string; message?: string }
  | { kind: 'conflict'; externalId?: string; message?: string }
  | { kind: 'retry'; message: string; delayMs?: number; pauseBackendMs?: number; waiting?: boolean }
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

/** A local calendar's rules (CONTRACT §5): wall-clock `hours` in `timezone`. */
export interface CalendarRulesConfig {
  timezone: string;
  /** `{ mon: ['09:00-12:00', '13:00-17:00'], … }`; a weekday left out is closed. */
  hours: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string[]>>;
  bufferMinutes: number;
  minNoticeMinutes: number;
  maxDaysAhead: number;
  /** Dates (YYYY-MM-DD, in `timezone`) with no slots. */
  closed: string[];
}

/** A calendar as its backend sees it: the resolved `calendars.<id>` config. */
export interface CalendarSpec {
  id: string;
  timezone: string;
  durationMinutes: number;
  /** Allowed lengths, `durationMinutes` among them. */
  durations: number[];
  /** The local rules; a vendor calendar may use only `timezone` and `maxDaysAhead`. */
  rules: CalendarRulesConfig;
}

/** Free slots of one date in the requested zone (CONTRACT §4 availability `days`). */
export interface AvailableDay {
  date: string;
  /** ISO 8601 instants with the offset of the requested zone. */
  slots: Array<{ start: string; end: string }>;
}

/** `GET /v1/calendars/:cal/availability`, as a backend gets it. */
export interface AvailabilityQuery {
  calendar: CalendarSpec;
  /** Dates in `zone`, both inclusive. */
  from: string;
  to: string;
  zone: string;
  durationMinutes: number;
  now: Date;
  signal: AbortSignal;
}

/**
 * A booking to make. `save` is the store's input, prepared by the route (booking id, the
 * lead with its outbox entries or null for a linked lead, `booking.created` entries): the
 * backend makes the appointment where it lives and then stores `save` (a vendor backend
 * with the vendor's id as `booking.externalId`, and `overlap: null` since the vendor's
 * calendar decides; the local one with its buffer, so the store refuses an overlap).
 */
export interface BookRequest {
  calendar: CalendarSpec;
  save: Omit<NewBooking, 'overlap'>;
  /** The lead the booking is for (new, or the linked one). */
  lead: CanonicalLead;
  now: Date;
  signal: AbortSignal;
}

/**
 * How a booking went. `replay`: the key was used before (the route compares `bodyHash`);
 * `failed`: the vendor could not be reached or refused (502 when `retryable` is false, else
 * 503); nothing was stored.
 */
export type BookOutcome =
  | { kind: 'booked'; booking: StoredBooking }
  | { kind: 'replay'; booking: StoredBooking; bodyHash: string }
  | { kind: 'key_in_use' }
  | { kind: 'slot_unavailable' }
  | { kind: 'failed'; message: string; retryable: boolean };

/** A move of a stored booking; `events` are the `booking.rescheduled` entries to store with it. */
export interface RescheduleRequest {
  calendar: CalendarSpec;
  booking: StoredBooking;
  start: string;
  end: string;
  events: ReadonlyArray<{ id: string; backend: string }>;
  now: Date;
  signal: AbortSignal;
}

export type RescheduleOutcome = RescheduleResult | { kind: 'failed'; message: string; retryable: boolean };

/** A cancel of a stored booking; `events` are the `booking.cancelled` entries. */
export interface CancelRequest {
  calendar: CalendarSpec;
  booking: StoredBooking;
  events: ReadonlyArray<{ id: string; backend: string }>;
  now: Date;
  signal: AbortSignal;
}

export type CancelOutcome = CancelResult | { kind: 'failed'; message: string; retryable: boolean };

/** What a backend can do for one of its calendars (`GET /v1/calendars/:cal` tells the widget). */
export interface CalendarCapabilities {
  canReschedule: boolean;
  canCancel: boolean;
}

/** A booking event for a backend that takes events (`deliverEvent`): the webhook. */
export interface BackendEvent {
  type: BookingEventType;
  data: BookingEventData;
}

/** An intent signal for a backend that takes signals (`deliverSignal`). */
export interface BackendSignal {
  /** The `signal.<type>` data (CONTRACT §4). */
  data: SignalEventData;
  /** The lead's own delivery to this backend (null: never sent there), for the vendor's lead id. */
  leadDelivery: LeadDeliveryState | null;
}

/**
 * The one contract every backend implements (STYLE.md): lead delivery is required; the
 * rest are capabilities a backend has or has not. A calendar backend has `availability`
 * and `book` (and `calendarCapabilities`, `reschedule`, `cancel` as far as it can); a
 * backend with `deliverEvent` also receives `booking.*` events from the outbox, every other
 * backend only leads (a booking's lead carries `bookingId` and `booking`). Tracking
 * signals go to backends with `deliverSignal`.
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

  /** Delivers a booking event (webhook). Never throws for a receiver's answer: classify it. */
  deliverEvent?(event: BackendEvent, attempt: DeliveryAttempt): Promise<DeliveryOutcome>;
  /**
   * Delivers an intent signal (LIO, webhook). Never throws for a vendor's answer: classify
   * it. Entries are queued for the backends of the lead's form's `deliver` that have it.
   */
  deliverSignal?(signal: BackendSignal, attempt: DeliveryAttempt): Promise<DeliveryOutcome>;
  /** Whether a signal is queued for this backend at all (absent: every signal). */
  takesSignal?(signal: IntentSignal): boolean;
  /** What the backend can do for `calendar` besides booking; absent: neither. */
  calendarCapabilities?(calendar: CalendarSpec): CalendarCapabilities;
  /** Free slots for a range of dates in a zone. Throws when the calendar cannot be read (503). */
  availability?(query: AvailabilityQuery): Promise<AvailableDay[]>;
  book?(request: BookRequest): Promise<BookOutcome>;
  reschedule?(request: RescheduleRequest): Promise<RescheduleOutcome>;
  cancel?(request: CancelRequest): Promise<CancelOutcome>;
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
  /** The proxy's bookings (absent where no store is open, as in `check-config`). */
  bookings?: BookingStore;
  /**
   * The proxy's rate gate, for request limits (`createBackendRequestLimiter`): shared by
   * every backend on one vendor key and, on PostgreSQL, by every instance. Absent (as in
   * `check-config`): each backend counts its own requests in memory.
   */
  rateGate?: RateGate;
}

/** The store's booking methods, for calendar backends. */
export type BookingStore = Pick<Store, 'saveBooking' | 'rescheduleBooking' | 'cancelBooking' | 'listBusy'>;

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
