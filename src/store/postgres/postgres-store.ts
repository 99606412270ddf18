import { randomUUID } from 'node:crypto';
import type { DeliveryKind, DeliveryStatus } from '../../model/delivery';
import type { CanonicalLead } from '../../model/lead';
import type { NewLead, OutboxStats, SaveLeadResult, SpamReason, Store } from '../store';
import {
  clampLimit,
  type DeliveryRow,
  type LeadDeliveryRow,
  type SignalRow,
  type TrackingEventRow,
  toClaimedDelivery,
  toDeliveryView,
  toSignal,
  toTrackingEvent,
} from '../store-rows';
import { migratePostgres } from './migrate-postgres';
import { createPostgresBookings } from './postgres-bookings';
import { createPostgresDb, type PostgresConnectionOptions } from './postgres-db';
import { type Finish, finishDeliveries } from './postgres-finish';
import { insertLead, insertLeads, insertSignal } from './postgres-inserts';
import { createKeyOrder } from './postgres-key-order';
import { POSTGRES_MIGRATIONS } from './postgres-migrations';
import { createOutboxWake } from './postgres-outbox-wake';
import { createPostgresRateGate } from './postgres-rate-gate';
import { parseCursor } from './postgres-rows';
import { createPostgresWriteBatcher } from './postgres-write-batcher';

export interface PostgresStoreOptions extends PostgresConnectionOptions {
  /** Gathers the backends of committed entries this long before one NOTIFY (default 25 ms). */
  notifyDebounceMs?: number;
}

interface ClaimedRow {
  seq: number;
  id: string;
  lead_id: string;
  backend: string;
  kind: DeliveryKind;
  attempts: number;
  started_attempts: number;
  created_at: number;
  age_from: number;
  external_id: string | null;
  payload: string | null;
  data: string | null;
}

/** `WHERE a = $1 AND b = $2 …` from optional filters, numbering the placeholders. */
function buildWhere(conditions: Array<[string, unknown] | string | null>, params: unknown[]): string {
  const parts: string[] = [];
  for (const condition of conditions) {
    if (condition === null) continue;
    if (typeof condition === 'string') {
      parts.push(condition);
      continue;
    }
    params.push(condition[1]);
    parts.push(condition[0].replace('?', `$${params.length}`));
  }
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

/**
 * The store for several proxy instances on one PostgreSQL database: the same interface and
 * suite as the SQLite store (test/store/store-suite.ts), every guarantee held by the
 * database rather than by one process. Claims lease with `FOR UPDATE SKIP LOCKED` and a
 * token that fences every later write of the attempt; bookings are kept apart by exclusion
 * constraints; idempotency keys and derived signal ids are unique keys, so a replay or a
 * race on another instance finds the row already there. Committed outbox entries are
 * announced to the other instances (`watchOutbox`, postgres-outbox-wake.ts).
 *
 * @example
 * const store = createPostgresStore({ url: 'postgres://leadkit@db.internal/leadkit', poolSize: 10 });
 * await store.migrate();
 */
export function createPostgresStore(options: PostgresStoreOptions): Store {
  const db = createPostgresDb(options);
  const wake = createOutboxWake(db, { debounceMs: options.notifyDebounceMs });
  const inKeyOrder = createKeyOrder();
  // Group commit for the two writes that come in crowds: intake and the outbox's results.
  // Each kind has at most half the pool, so claims and reads always find a connection.
  const maxInFlight = Math.max(1, Math.floor(db.poolSize / 2));
  const leads = createPostgresWriteBatcher<NewLead, boolean>({
    writeMany: async (inputs) => {
      const written = await insertLeads(db, inputs);
      return inputs.map((input) => written.has(input.idempotencyKey));
    },
    writeOne: (input) => insertLead(db, input),
    maxInFlight,
  });
  const finishes = createPostgresWriteBatcher<Finish, boolean>({
    writeMany: (items) => finishDeliveries(db, items),
    writeOne: async (item) => (await finishDeliveries(db, [item]))[0] === true,
    maxInFlight,
  });
  const bookings = createPostgresBookings(db, inKeyOrder, (backends) => wake.enqueued(backends));

  async function saveLeadNow(input: NewLead): Promise<SaveLeadResult> {
    if (await leads.write(input)) {
      wake.enqueued(input.deliveries.map((d) => d.backend));
      return { kind: 'created', leadId: input.lead.id, leadRef: input.lead.leadRef };
    }
    const { rows } = await db.query<{ id: string; lead_ref: string; form: string; body_hash: string }>(
      'SELECT id, lead_ref, form, body_hash FROM leads WHERE idempotency_key = $1',
      [input.idempotencyKey],
    );
    const existing = rows[0];
    if (!existing) throw new Error('an idempotency key was taken, then not found');
    return {
      kind: 'existing',
      leadId: existing.id,
      leadRef: existing.lead_ref,
      form: existing.form,
      bodyHash: existing.body_hash,
    };
  }

  const store: Store = {
    dialect: 'postgres',
    // Vendor and delivery rates are admitted in the database, so they hold across instances.
    rateGate: createPostgresRateGate(db.pool, {
      logger: {
        error: (obj, msg = 'rate gate') =>
          (
            options.onError ??
            ((e: Error, c: string) => process.stderr.write(`leadkit store (postgres): ${c}: ${e.message}\n`))
          )(new Error(String((obj as { err?: unknown }).err ?? 'failed')), msg),
      },
    }),

    async migrate() {
      await migratePostgres(db.clientConfig(), POSTGRES_MIGRATIONS);
    },

    async close() {
      await Promise.all([leads.drain(), finishes.drain()]);
      await wake.close();
      await db.end();
    },

    async getOrCreateSetting(key, create) {
      await db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
        key,
        create(),
      ]);
      // A second statement: its snapshot sees the row a concurrent winner committed, which the
      // INSERT above waited for.
      const { rows } = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
      const value = rows[0]?.value;
      if (value === undefined) throw new Error(`setting ${key} was neither stored nor found`);
      return value;
    },

    async setSetting(key, value) {
      await db.query(
        'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, value],
      );
    },

    saveLead(input) {
      return inKeyOrder(input.idempotencyKey, () => saveLeadNow(input));
    },

    async getLead(id) {
      const { rows } = await db.query<{ data: string; spam: SpamReason | null }>(
        'SELECT data, spam FROM leads WHERE id = $1',
        [id],
      );
      const row = rows[0];
      return row ? { lead: JSON.parse(row.data) as CanonicalLead, spam: row.spam } : null;
    },

    async listLeads(filter) {
      const limit = clampLimit(filter.limit, 50);
      const params: unknown[] = [];
      const cursor = parseCursor(filter.cursor);
      const where = buildWhere(
        [
          filter.form ? ['l.form = ?', filter.form] : null,
          filter.backend
            ? [
                'EXISTS (SELECT 1 FROM local_leads x WHERE x.lead_id = l.id AND x.backend = ?)',
                filter.backend,
              ]
            : null,
          filter.includeSpam ? null : 'l.spam IS NULL',
          cursor === null ? null : ['l.seq < ?', cursor],
        ],
        params,
      );
      params.push(limit + 1);
      const { rows } = await db.query<{ seq: number; data: string; spam: SpamReason | null }>(
        `SELECT l.seq, l.data, l.spam FROM leads l ${where} ORDER BY l.seq DESC LIMIT $${params.length}`,
        params,
      );
      const page = rows.slice(0, limit);
      return {
        items: page.map((r) => ({ lead: JSON.parse(r.data) as CanonicalLead, spam: r.spam })),
        nextCursor: rows.length > limit ? String(page[page.length - 1]?.seq) : null,
      };
    },

    async markLocal(leadId, backend) {
      await db.query(
        'INSERT INTO local_leads (lead_id, backend, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [leadId, backend, Date.now()],
      );
    },

    async claimDeliveries({ backend, limit, now, leaseMs }) {
      const token = randomUUID();
      const leaseUntil = now + leaseMs;
      // One statement, so one transaction: the CTE picks the due rows and locks them, skipping
      // rows another claimer has locked (it holds them, or is about to); the UPDATE leases what
      // it picked. MATERIALIZED keeps PostgreSQL 12+ from inlining the CTE into the UPDATE,
      // where the LIMIT and the SKIP LOCKED would no longer apply to one fixed set of rows. A
      // row another claimer leased after this statement's snapshot is re-checked against the
      // WHERE on its newest version, and dropped.
      const { rows } = await db.query<ClaimedRow>(
        `WITH due AS MATERIALIZED (
           SELECT id FROM deliveries
           WHERE backend = $1 AND status IN ('pending', 'in_flight') AND next_attempt_at <= $2
           ORDER BY next_attempt_at
           LIMIT $3
           FOR UPDATE SKIP LOCKED
         ), leased AS (
           UPDATE deliveries d SET status = 'in_flight', lease_until = $4, next_attempt_at = $4, lease_token = $5,
             attempts = d.attempts + 1, started_attempts = d.started_attempts + 1, updated_at = $2
           FROM due WHERE d.id = due.id
           RETURNING d.seq, d.id, d.lead_id, d.backend, d.kind, d.attempts, d.started_attempts, d.created_at,
             d.age_from, d.external_id, d.payload
         )
         SELECT leased.*, l.data FROM leased LEFT JOIN leads l ON l.id = leased.lead_id ORDER BY leased.seq`,
        [backend, now, Math.max(0, Math.floor(limit)), leaseUntil, token],
      );
      // The lead's own entry to the same backend, for signal entries (LIO needs its lead id),
      // read after the claim committed so an entry leased just now shows as in flight.
      const signalLeads = [...new Set(rows.filter((r) => r.kind === 'signal').map((r) => r.lead_id))];
      const leadEntries = new Map<string, LeadDeliveryRow>();
      if (signalLeads.length) {
        const found = await db.query<LeadDeliveryRow & { lead_id: string }>(
          `SELECT DISTINCT ON (lead_id) lead_id, id, status, external_id, last_error FROM deliveries
           WHERE lead_id = ANY($1::text[]) AND backend = $2 AND kind = 'lead' ORDER BY lead_id, seq`,
          [signalLeads, backend],
        );
        for (const row of found.rows) leadEntries.set(row.lead_id, row);
      }
      return rows.map((row) => {
        if (row.data === null) throw new Error(`claimed delivery ${row.id} has no stored lead`);
        return toClaimedDelivery({ ...row, data: row.data }, token, (leadId) => leadEntries.get(leadId));
      });
    },

    async extendLeases({ leases, now, leaseMs }) {
      if (!leases.length) return [];
      const { rows } = await db.query<{ id: string }>(
        `UPDATE deliveries d SET lease_until = $1, next_attempt_at = $1
         FROM unnest($2::text[], $3::text[]) AS l(id, token)
         WHERE d.id = l.id AND d.lease_token = l.token AND d.status = 'in_flight'
         RETURNING d.id`,
        [now + leaseMs, leases.map((l) => l.id), leases.map((l) => l.leaseToken)],
      );
      const kept = new Set(rows.map((r) => r.id));
      return leases.filter((l) => kept.has(l.id)).map((l) => l.id);
    },

    finishDelivery(id, leaseToken, update, now) {
      return finishes.write({ id, leaseToken, update, now });
    },

    async getNextDueAt(backend) {
      const { rows } = await db.query<{ due: number | null }>(
        `SELECT MIN(next_attempt_at) AS due FROM deliveries WHERE backend = $1 AND status IN ('pending', 'in_flight')`,
        [backend],
      );
      return rows[0]?.due ?? null;
    },

    async listDeliveries(filter) {
      const limit = clampLimit(filter.limit, 50);
      const params: unknown[] = [];
      const cursor = parseCursor(filter.cursor);
      const where = buildWhere(
        [
          filter.status ? ['status = ?', filter.status] : null,
          filter.backend ? ['backend = ?', filter.backend] : null,
          filter.leadId ? ['lead_id = ?', filter.leadId] : null,
          cursor === null ? null : ['seq < ?', cursor],
        ],
        params,
      );
      params.push(limit + 1);
      const { rows } = await db.query<DeliveryRow>(
        `SELECT seq, id, lead_id, backend, kind, status, attempts, next_attempt_at, last_error, external_id,
         created_at, updated_at FROM deliveries ${where} ORDER BY seq DESC LIMIT $${params.length}`,
        params,
      );
      const page = rows.slice(0, limit);
      return {
        items: page.map(toDeliveryView),
        nextCursor: rows.length > limit ? String(page[page.length - 1]?.seq) : null,
      };
    },

    async retryDelivery(id, now) {
      const updated = await db.query<{ backend: string }>(
        `UPDATE deliveries SET next_attempt_at = $1, updated_at = $1,
         attempts = CASE WHEN status = 'dead' THEN 0 ELSE attempts END,
         age_from = CASE WHEN status = 'dead' THEN $1 ELSE age_from END, status = 'pending'
         WHERE id = $2 AND status <> 'in_flight' RETURNING backend`,
        [now, id],
      );
      wake.enqueued(updated.rows.map((r) => r.backend));
      const { rows } = await db.query<DeliveryRow>('SELECT * FROM deliveries WHERE id = $1', [id]);
      return rows[0] ? toDeliveryView(rows[0]) : null;
    },

    async retryDeadDeliveries(now, backend) {
      const params: unknown[] = [now];
      const { rows } = await db.query<{ backend: string; n: number }>(
        `WITH replayed AS (
           UPDATE deliveries SET status = 'pending', attempts = 0, age_from = $1, next_attempt_at = $1, updated_at = $1
           WHERE status = 'dead'${backend === undefined ? '' : ` AND backend = $${params.push(backend)}`}
           RETURNING backend
         )
         SELECT backend, COUNT(*) AS n FROM replayed GROUP BY backend`,
        params,
      );
      wake.enqueued(rows.map((r) => r.backend));
      return rows.reduce((sum, r) => sum + r.n, 0);
    },

    async getOutboxStats(): Promise<OutboxStats> {
      const byStatus: Record<DeliveryStatus, number> = { pending: 0, in_flight: 0, delivered: 0, dead: 0 };
      const counts = await db.query<{ status: DeliveryStatus; n: number }>(
        'SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status',
      );
      for (const row of counts.rows) byStatus[row.status] = row.n;
      const oldest = await db.query<{ at: number | null }>(
        `SELECT MIN(created_at) AS at FROM deliveries WHERE status IN ('pending', 'in_flight')`,
      );
      return { byStatus, oldestPendingAt: oldest.rows[0]?.at ?? null };
    },

    ...bookings,

    async recordTrackingEvent({ event, signals, deliveries = [] }) {
      const enqueued = await db.transaction(async (tx) => {
        const inserted = await tx.query(
          `INSERT INTO tracking_events (id, kind, email_id, lead_id, campaign, url, verdict, reason, source_hash, network, counted, occurred_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
          [
            event.id,
            event.kind,
            event.emailId,
            event.leadId,
            event.campaign,
            event.url,
            event.verdict,
            event.reason,
            event.sourceHash,
            event.network,
            event.counted,
            event.occurredAt,
          ],
        );
        if (inserted.rowCount !== 1) return null;
        const backends: string[] = [];
        // A signal another instance stored first (both saw the third open) is skipped here,
        // with its entries: its id is the unique key both computed.
        for (const signal of signals) backends.push(...((await insertSignal(tx, signal, deliveries)) ?? []));
        return backends;
      });
      if (enqueued === null) return { recorded: false };
      wake.enqueued(enqueued);
      return { recorded: true };
    },

    async listTrackingEvents(filter) {
      const params: unknown[] = [];
      const where = buildWhere(
        [
          ['email_id = ?', filter.emailId],
          filter.kind ? ['kind = ?', filter.kind] : null,
          filter.sourceHash ? ['source_hash = ?', filter.sourceHash] : null,
          filter.since === undefined ? null : ['occurred_at >= ?', filter.since],
          filter.countedOnly ? 'counted' : null,
        ],
        params,
      );
      const { rows } = await db.query<TrackingEventRow>(
        `SELECT id, kind, email_id, lead_id, campaign, url, verdict, reason, source_hash, network, counted, occurred_at
         FROM tracking_events ${where} ORDER BY occurred_at, seq LIMIT 1000`,
        params,
      );
      return rows.map(toTrackingEvent);
    },

    async recordSignal(signal, deliveries = []) {
      const enqueued = await db.transaction((tx) => insertSignal(tx, signal, deliveries));
      if (enqueued === null) return { recorded: false };
      wake.enqueued(enqueued);
      return { recorded: true };
    },

    async listSignals(filter) {
      const limit = clampLimit(filter.limit, 50);
      const params: unknown[] = [];
      const cursor = parseCursor(filter.cursor);
      const where = buildWhere(
        [
          filter.leadId ? ['lead_id = ?', filter.leadId] : null,
          filter.type ? ['type = ?', filter.type] : null,
          cursor === null ? null : ['seq < ?', cursor],
        ],
        params,
      );
      params.push(limit + 1);
      const { rows } = await db.query<SignalRow>(
        `SELECT seq, id, lead_id, type, detail, occurred_at, machine, source, event_id FROM signals ${where}
         ORDER BY seq DESC LIMIT $${params.length}`,
        params,
      );
      const page = rows.slice(0, limit);
      return {
        items: page.map(toSignal),
        nextCursor: rows.length > limit ? String(page[page.length - 1]?.seq) : null,
      };
    },

    async getBackendState(backend, key) {
      const { rows } = await db.query<{ value: string }>(
        'SELECT value FROM backend_state WHERE backend = $1 AND key = $2',
        [backend, key],
      );
      return rows[0]?.value ?? null;
    },

    async setBackendState(backend, key, value) {
      await db.query(
        `INSERT INTO backend_state (backend, key, value, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (backend, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [backend, key, value, Date.now()],
      );
    },

    watchOutbox(onEnqueued) {
      return wake.watch(onEnqueued);
    },
  };
  return store;
}
