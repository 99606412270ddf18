import type { BookingEventData } from '../model/booking';
import type { DeliveryKind, DeliveryStatus, DeliveryView } from '../model/delivery';
import type { CanonicalLead } from '../model/lead';
import type { SignalEventData } from '../model/signal';
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
