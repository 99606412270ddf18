import type { IntentSignal, TrackingEvent } from '../../model/signal';

/** Rows as the PostgreSQL schema holds them (postgres-migrations.ts), and their model shapes. */
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
