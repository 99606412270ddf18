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
 * Writes leads and their entries in one statement (atomic by itself, one round trip, one
 * commit), each unless its idempotency key is taken; returns the keys written. A concurrent
 * writer of the same key is waited for, so the loser reads the winner's row right after. A
 * lead whose row cannot be written (its id already stored) fails the whole statement.
 */
export async function insertLeads(q: Queryable, inputs: readonly NewLead[]): Promise<Set<string>> {
  const entries = inputs.flatMap((input) => input.deliveries.map((d) => ({ leadId: input.lead.id, ...d })));
  const { rows } = await q.query<{ idempotency_key: string }>(
    `WITH lead AS (
       INSERT INTO leads (id, lead_ref, form, idempotency_key, body_hash, spam, created_at, data)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[])
         AS t(id, lead_ref, form, idempotency_key, body_hash, spam, created_at, data)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, idempotency_key, created_at
     ), entries AS (
       INSERT INTO deliveries (id, lead_id, backend, kind, status, next_attempt_at, created_at, age_from, updated_at)
       SELECT e.id, lead.id, e.backend, e.kind, 'pending', lead.created_at, lead.created_at, lead.created_at, lead.created_at
       FROM unnest($9::text[], $10::text[], $11::text[], $12::text[]) AS e(lead_id, id, backend, kind)
       JOIN lead ON lead.id = e.lead_id
     )
     SELECT idempotency_key FROM lead`,
    [
      inputs.map((i) => i.lead.id),
      inputs.map((i) => i.lead.leadRef),
      inputs.map((i) => i.lead.form),
      inputs.map((i) => i.idempotencyKey),
      inputs.map((i) => i.bodyHash),
      inputs.map((i) => i.spam),
      inputs.map((i) => Date.parse(i.lead.createdAt)),
      inputs.map((i) => JSON.stringify(i.lead)),
      entries.map((e) => e.leadId),
      entries.map((e) => e.id),
      entries.map((e) => e.backend),
      entries.map((e) => e.kind),
    ],
  );
  return new Set(rows.map((r) => r.idempotency_key));
}

/** `insertLeads` for one lead: true when it was written. */
export async function insertLead(q: Queryable, input: NewLead): Promise<boolean> {
  return (await insertLeads(q, [input])).has(input.idempotencyKey);
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
