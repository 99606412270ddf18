import type { BookingEventData } from '../model/booking';
import type { DeliveryKind, DeliveryStatus, DeliveryView } from '../model/delivery';
import type { CanonicalLead } from '../model/lead';
import type { IntentSignal, SignalEventData, TrackingEvent } from '../model/signal';
import type { ClaimedDelivery, LeadDeliveryState } from './store';

/**
 * The `deliveries` rows both dialects keep, column for column (sqlite-migrations.ts,
 * postgres-migrations.ts: times in ms), and their model shapes.
 */
export interface DeliveryRow {
  seq: number;
  id: string;
  lead_id: string;
  backend: string;
  kind: DeliveryKind;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  external_id: string | null;
  created_at: number;
  updated_at: number;
}

/** An outbox entry as the admin API and `leadkit outbox list` show it. */
export function toDeliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    leadId: row.lead_id,
    backend: row.backend,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt:
      row.next_attempt_at === null || row.status !== 'pending'
        ? null
        : new Date(row.next_attempt_at).toISOString(),
    lastError: row.last_error,
    updatedAt: new Date(row.updated_at).toISOString(),
    externalId: row.external_id,
  };
}

export interface LeadDeliveryRow {
  id: string;
  status: DeliveryStatus;
  external_id: string | null;
  last_error: string | null;
}

/** Where a lead's own delivery to a backend stands, for a signal entry of that backend. */
export function toLeadDeliveryState(row: LeadDeliveryRow | undefined): LeadDeliveryState | null {
  return row
    ? { id: row.id, status: row.status, externalId: row.external_id, lastError: row.last_error }
    : null;
}

/** A claimed entry joined with its lead's stored JSON, as both dialects read it back. */
export interface ClaimedRow {
  id: string;
  backend: string;
  kind: DeliveryKind;
  attempts: number;
  started_attempts: number;
  created_at: number;
  age_from: number;
  external_id: string | null;
  payload: string | null;
  data: string;
}

/**
 * A claimed entry as the outbox gets it. `payload` is a booking event's data or, for a
 * `signal` entry, the signal; `leadDeliveryOf` finds the lead's own entry to the same backend
 * (asked only for a signal entry).
 */
export function toClaimedDelivery(
  row: ClaimedRow,
  leaseToken: string,
  leadDeliveryOf: (leadId: string) => LeadDeliveryRow | undefined,
): ClaimedDelivery {
  const lead = JSON.parse(row.data) as CanonicalLead;
  const isSignal = row.kind === 'signal';
  return {
    id: row.id,
    backend: row.backend,
    kind: row.kind,
    attempts: row.attempts,
    attemptNumber: row.started_attempts,
    createdAt: row.created_at,
    ageFrom: row.age_from,
    externalId: row.external_id,
    leaseToken,
    lead,
    event: row.payload === null || isSignal ? null : (JSON.parse(row.payload) as BookingEventData),
    signal: row.payload !== null && isSignal ? (JSON.parse(row.payload) as SignalEventData) : null,
    leadDelivery: isSignal ? toLeadDeliveryState(leadDeliveryOf(lead.id)) : null,
  };
}

export interface TrackingEventRow {
  id: string;
  kind: TrackingEvent['kind'];
  email_id: string;
  lead_id: string;
  campaign: string | null;
  url: string | null;
  verdict: TrackingEvent['verdict'];
  reason: string;
  source_hash: string;
  network: string;
  /** boolean in PostgreSQL, 0/1 in SQLite. */
  counted: boolean | number;
  occurred_at: number;
}

/** A stored tracking event, as either dialect keeps it. */
export function toTrackingEvent(row: TrackingEventRow): TrackingEvent {
  return {
    id: row.id,
    kind: row.kind,
    emailId: row.email_id,
    leadId: row.lead_id,
    campaign: row.campaign,
    url: row.url,
    verdict: row.verdict,
    reason: row.reason,
    sourceHash: row.source_hash,
    network: row.network,
    counted: row.counted === true || row.counted === 1,
    occurredAt: row.occurred_at,
  };
}

export interface SignalRow {
  seq: number;
  id: string;
  lead_id: string;
  type: string;
  detail: string;
  occurred_at: number;
  /** boolean in PostgreSQL, 0/1 in SQLite. */
  machine: boolean | number;
  source: IntentSignal['source'];
  event_id: string | null;
}

/** A stored intent signal, as either dialect keeps it. */
export function toSignal(row: SignalRow): IntentSignal {
  return {
    id: row.id,
    leadId: row.lead_id,
    type: row.type,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    occurredAt: row.occurred_at,
    machine: row.machine === true || row.machine === 1,
    source: row.source,
    eventId: row.event_id,
  };
}

const MAX_PAGE = 500;

/** A page size within 1–500. */
export function clampLimit(limit: number | undefined, fallback: number): number {
  return Math.max(1, Math.min(MAX_PAGE, Math.floor(limit ?? fallback)));
}
