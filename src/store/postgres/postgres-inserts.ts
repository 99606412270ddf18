import type { DeliveryKind } from '../../model/delivery';
import { type IntentSignal, type SignalEventData, toSignalEventData } from '../../model/signal';
import type { NewLead, NewSignalDeliveries } from '../store';
import type { Queryable } from './postgres-db';

/** One outbox entry to write, due at once. */
export interface NewEntry {
  id: string;
  leadId: string;
  backend: string;
  kind: DeliveryKind;
  /** A booking event's or signal's data as JSON; null for a lead. */
  payload: string | null;
}

/** Writes pending entries due at `at` (ms), in one statement. */
export async function insertEntries(q: Queryable, entries: readonly NewEntry[], at: number): Promise<void> {
  if (!entries.length) return;
  await q.query(
    `INSERT INTO deliveries (id, lead_id, backend, kind, status, next_attempt_at, created_at, age_from, updated_at, payload)
     SELECT e.id, e.lead_id, e.backend, e.kind, 'pending', $1::bigint, $1::bigint, $1::bigint, $1::bigint, e.payload
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS e(id, lead_id, backend, kind, payload)`,
    [
      at,
      entries.map((e) => e.id),
      entries.map((e) => e.leadId),
      entries.map((e) => e.backend),
      entries.map((e) => e.kind),
      entries.map((e) => e.payload),
    ],
  );
}

/**
 * Writes a lead and its entries in one statement (atomic by itself, one round trip), unless
 * its idempotency key is taken: then nothing is written and false comes back. A concurrent
 * writer of the same key is waited for, so the loser reads the winner's row right after.
 */
export async function insertLead(q: Queryable, input: NewLead): Promise<boolean> {
  const createdAt = Date.parse(input.lead.createdAt);
  const { rowCount } = await q.query(
    `WITH lead AS (
       INSERT INTO leads (id, lead_ref, form, idempotency_key, body_hash, spam, created_at, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id
     ), entries AS (
       INSERT INTO deliveries (id, lead_id, backend, kind, status, next_attempt_at, created_at, age_from, updated_at)
       SELECT e.id, lead.id, e.backend, e.kind, 'pending', $7::bigint, $7::bigint, $7::bigint, $7::bigint
       FROM lead, unnest($9::text[], $10::text[], $11::text[]) AS e(id, backend, kind)
     )
     SELECT id FROM lead`,
    [
      input.lead.id,
      input.lead.leadRef,
      input.lead.form,
      input.idempotencyKey,
      input.bodyHash,
      input.spam,
      createdAt,
      JSON.stringify(input.lead),
      input.deliveries.map((d) => d.id),
      input.deliveries.map((d) => d.backend),
      input.deliveries.map((d) => d.kind),
    ],
  );
  return rowCount === 1;
}

/**
 * Writes a signal and, only when it is new, its own entries (those naming it); returns the
 * backends it enqueued for, or null when the signal was already stored (its id is derived,
 * so two instances racing to record the same signal store it once).
 */
export async function insertSignal(
  q: Queryable,
  signal: IntentSignal,
  deliveries: NewSignalDeliveries = [],
): Promise<string[] | null> {
  const at = Date.now();
  const { rowCount } = await q.query(
    `INSERT INTO signals (id, lead_id, type, detail, occurred_at, machine, source, event_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
    [
      signal.id,
      signal.leadId,
      signal.type,
      JSON.stringify(signal.detail),
      signal.occurredAt,
      signal.machine,
      signal.source,
      signal.eventId,
      at,
    ],
  );
  if (rowCount !== 1) return null;
  const own = deliveries.filter((d) => d.signalId === signal.id);
  const payload = JSON.stringify(toSignalEventData(signal) satisfies SignalEventData);
  await insertEntries(
    q,
    own.map((d) => ({
      id: d.id,
      leadId: signal.leadId,
      backend: d.backend,
      kind: 'signal' as const,
      payload,
    })),
    at,
  );
  return own.map((d) => d.backend);
}
