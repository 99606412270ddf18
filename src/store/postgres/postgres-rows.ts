import type { DeliveryKind, DeliveryStatus, DeliveryView } from '../../model/delivery';
import type { IntentSignal, TrackingEvent } from '../../model/signal';
import type { LeadDeliveryState } from '../store';

/** Rows as the PostgreSQL schema holds them (postgres-migrations.ts), and their model shapes. */
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

export function toLeadDeliveryState(row: LeadDeliveryRow | undefined): LeadDeliveryState | null {
  return row
    ? { id: row.id, status: row.status, externalId: row.external_id, lastError: row.last_error }
    : null;
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
  counted: boolean;
  occurred_at: number;
}

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
    counted: row.counted,
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
  machine: boolean;
  source: IntentSignal['source'];
  event_id: string | null;
}

export function toSignal(row: SignalRow): IntentSignal {
  return {
    id: row.id,
    leadId: row.lead_id,
    type: row.type,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    occurredAt: row.occurred_at,
    machine: row.machine,
    source: row.source,
    eventId: row.event_id,
  };
}

const MAX_PAGE = 500;

export function clampLimit(limit: number | undefined, fallback: number): number {
  return Math.max(1, Math.min(MAX_PAGE, Math.floor(limit ?? fallback)));
}

/** A page cursor is the last row's seq; anything else reads as "from the start". */
export function parseCursor(cursor: string | undefined): number | null {
  if (!cursor) return null;
  const seq = Number(cursor);
  return Number.isSafeInteger(seq) && seq > 0 ? seq : 0;
}
