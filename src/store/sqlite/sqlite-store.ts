import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { BookingEventData, StoredBooking } from '../../model/booking';
import { toBookingEventData } from '../../model/booking';
import type { DeliveryKind, DeliveryStatus, DeliveryView } from '../../model/delivery';
import type { CanonicalLead } from '../../model/lead';
import { type IntentSignal, type SignalEventData, toSignalEventData } from '../../model/signal';
import type {
  CancelResult,
  DeliveryFilter,
  DeliveryUpdate,
  NewBooking,
  NewBookingEvents,
  NewLead,
  NewSignalDeliveries,
  OutboxStats,
  OverlapRule,
  Page,
  RescheduleResult,
  SaveBookingResult,
  SaveLeadResult,
  SpamReason,
  Store,
} from '../store';
import {
  clampLimit,
  type DeliveryRow,
  type SignalRow,
  type TrackingEventRow,
  toClaimedDelivery,
  toDeliveryView,
  toSignal,
  toTrackingEvent,
} from '../store-rows';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';
import { createWriteBatcher } from './sqlite-write-batcher';

export interface SqliteStoreOptions {
  /** File path, or `:memory:`. */
  path: string;
  /**
   * `group` (default) commits every lead that arrived in the same event-loop turn in one
   * transaction: one fsync for many requests. `each` commits per request. Both are durable
   * (WAL, synchronous=FULL); bench/intake.ts measures the difference.
   */
  commitMode?: 'group' | 'each';
}

/** The longest booking the overlap check knows of (a local slot is at most a day). */
const MAX_BOOKING_MS = 86_400_000;

/**
 * The store holds leads, the admin token and the signing secret: only its owner may read
 * it. A folder the store creates (`.leadkit/`) is 0700; the database file is created 0600
 * before SQLite opens it, and SQLite gives its -wal and -shm files the database file's
 * mode. Files an earlier version left readable to others are tightened; a folder that
 * already existed (the user's own) is left as it is.
 */
function prepareOwnerOnlyFiles(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (!existsSync(file) || (statSync(file).mode & 0o077) === 0) continue;
    try {
      chmodSync(file, 0o600);
    } catch {
      // Not ours to change (another user's file we may read): leave it, the open decides.
    }
  }
}

/**
 * The embedded store: one SQLite file in WAL mode on better-sqlite3. Safe for several
 * processes on one machine (claims run in `BEGIN IMMEDIATE` transactions); for several
 * machines use PostgreSQL.
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  if (options.path !== ':memory:') prepareOwnerOnlyFiles(options.path);
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const commitMode = options.commitMode ?? 'group';
  let statements: ReturnType<typeof prepare> | undefined;

  /** Inserts a signal and, only when it is new, its outbox entries. */
  function insertSignal(signal: IntentSignal, deliveries: NewSignalDeliveries = []): boolean {
    const inserted = insertSignalRow(signal);
    if (!inserted) return false;
    const own = deliveries.filter((d) => d.signalId === signal.id);
    if (!own.length) return true;
    const s = getStatements();
    const at = Date.now();
    const payload = JSON.stringify(toSignalEventData(signal) satisfies SignalEventData);
    for (const delivery of own)
      s.insertDelivery.run(delivery.id, signal.leadId, delivery.backend, 'signal', at, at, at, at, payload);
    return true;
  }

  function insertSignalRow(signal: IntentSignal): boolean {
    return (
      db
        .prepare(
          `INSERT OR IGNORE INTO signals (id, lead_id, type, detail, occurred_at, machine, source, event_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          signal.id,
          signal.leadId,
          signal.type,
          JSON.stringify(signal.detail),
          signal.occurredAt,
          signal.machine ? 1 : 0,
          signal.source,
          signal.eventId,
          Date.now(),
        ).changes > 0
    );
  }

  function prepare() {
    return {
      leadByKey: db.prepare<[string], { id: string; lead_ref: string; form: string; body_hash: string }>(
        'SELECT id, lead_ref, form, body_hash FROM leads WHERE idempotency_key = ?',
      ),
      insertLead: db.prepare(
        'INSERT INTO leads (id, lead_ref, form, idempotency_key, body_hash, spam, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertDelivery: db.prepare(
        `INSERT INTO deliveries (id, lead_id, backend, kind, status, attempts, next_attempt_at, created_at, age_from, updated_at, payload)
         VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)`,
      ),
      bookingByKey: db.prepare<[string], { data: string; body_hash: string }>(
        'SELECT data, body_hash FROM bookings WHERE idempotency_key = ?',
      ),
      bookingById: db.prepare<[string], { data: string }>('SELECT data FROM bookings WHERE id = ?'),
      // Meets [start - buffer, end + buffer): the buffer on both sides. The lower bound on
      // start_at (no booking is longer than a day) keeps the index range to the few
      // bookings near the slot, however many the calendar holds.
      overlapping: db.prepare<[string, number, number, number, string], { id: string }>(
        `SELECT id FROM bookings WHERE calendar = ? AND status = 'confirmed' AND start_at >= ? AND start_at < ? AND end_at > ? AND id != ? LIMIT 1`,
      ),
      insertBooking: db.prepare(
        `INSERT INTO bookings (id, calendar, lead_id, idempotency_key, body_hash, status, start_at, end_at, updated_at, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateBooking: db.prepare(
        'UPDATE bookings SET status = ?, start_at = ?, end_at = ?, updated_at = ?, data = ? WHERE id = ?',
      ),
      busy: db.prepare<[string, number, number, number], { start_at: number; end_at: number }>(
        `SELECT start_at, end_at FROM bookings WHERE calendar = ? AND status = 'confirmed' AND start_at >= ? AND start_at < ? AND end_at > ? ORDER BY start_at`,
      ),
      // Index-only: expired leases (status in_flight) first, then pending entries by due time.
      due: db.prepare<[string, number, number], { id: string }>(
        `SELECT id FROM deliveries WHERE backend = ? AND status IN ('in_flight', 'pending') AND next_attempt_at <= ? LIMIT ?`,
      ),
      lease: db.prepare(
        `UPDATE deliveries SET status = 'in_flight', lease_until = ?, next_attempt_at = ?, lease_token = ?,
         attempts = attempts + 1, started_attempts = started_attempts + 1, updated_at = ? WHERE id = ?`,
      ),
      extendLease: db.prepare(
        `UPDATE deliveries SET lease_until = ?, next_attempt_at = ?
         WHERE id = ? AND lease_token = ? AND status = 'in_flight'`,
      ),
      markLocal: db.prepare(
        'INSERT OR IGNORE INTO local_leads (lead_id, backend, received_at) VALUES (?, ?, ?)',
      ),
      finishDelivered: db.prepare(
        `UPDATE deliveries SET status = 'delivered', lease_until = NULL, lease_token = NULL, next_attempt_at = NULL,
         external_id = COALESCE(?, external_id), last_error = ?, updated_at = ?
         WHERE id = ? AND lease_token = ? AND status = 'in_flight'`,
      ),
      finishPending: db.prepare(
        `UPDATE deliveries SET status = 'pending', lease_until = NULL, lease_token = NULL, next_attempt_at = ?,
         last_error = ?, external_id = COALESCE(?, external_id), attempts = MAX(0, attempts - ?), updated_at = ?
         WHERE id = ? AND lease_token = ? AND status = 'in_flight'`,
      ),
      finishDead: db.prepare(
        `UPDATE deliveries SET status = 'dead', lease_until = NULL, lease_token = NULL, next_attempt_at = NULL,
         last_error = ?, updated_at = ? WHERE id = ? AND lease_token = ? AND status = 'in_flight'`,
      ),
      claimed: db.prepare<
        [string],
        {
          id: string;
          backend: string;
          kind: DeliveryKind;
          attempts: number;
          started_attempts: number;
          created_at: number;
          age_from: number;
          external_id: string | null;
          data: string;
          payload: string | null;
        }
      >(
        `SELECT d.id, d.backend, d.kind, d.attempts, d.started_attempts, d.created_at, d.age_from, d.external_id, l.data, d.payload
         FROM deliveries d JOIN leads l ON l.id = d.lead_id WHERE d.id = ?`,
      ),
      // The lead's own entry to a backend, for a signal entry (LIO needs its lead id).
      leadDelivery: db.prepare<
        [string, string],
        { id: string; status: DeliveryStatus; external_id: string | null; last_error: string | null }
      >(
        `SELECT id, status, external_id, last_error FROM deliveries
         WHERE lead_id = ? AND backend = ? AND kind = 'lead' ORDER BY seq LIMIT 1`,
      ),
    };
  }

  function getStatements() {
    statements ??= prepare();
    return statements;
  }

  function saveOne(input: NewLead): SaveLeadResult {
    const s = getStatements();
    const existing = s.leadByKey.get(input.idempotencyKey);
    if (existing) {
      return {
        kind: 'existing',
        leadId: existing.id,
        leadRef: existing.lead_ref,
        form: existing.form,
        bodyHash: existing.body_hash,
      };
    }
    const createdAt = Date.parse(input.lead.createdAt);
    s.insertLead.run(
      input.lead.id,
      input.lead.leadRef,
      input.lead.form,
      input.idempotencyKey,
      input.bodyHash,
      input.spam,
      createdAt,
      JSON.stringify(input.lead),
    );
    for (const delivery of input.deliveries) {
      s.insertDelivery.run(
        delivery.id,
        input.lead.id,
        delivery.backend,
        delivery.kind,
        createdAt,
        createdAt,
        createdAt,
        createdAt,
        null,
      );
    }
    return { kind: 'created', leadId: input.lead.id, leadRef: input.lead.leadRef };
  }

  function insertEvents(booking: StoredBooking, kind: DeliveryKind, events: NewBookingEvents, at: number) {
    const s = getStatements();
    const payload = JSON.stringify(toBookingEventData(booking) satisfies BookingEventData);
    for (const event of events) {
      s.insertDelivery.run(event.id, booking.leadId, event.backend, kind, at, at, at, at, payload);
    }
  }

  function isTaken(calendar: string, start: number, end: number, overlap: OverlapRule, except = '') {
    if (!overlap) return false;
    if (!(end > start && end - start <= MAX_BOOKING_MS))
      throw new RangeError('a booking under the overlap rule must last more than 0 and at most 24 hours');
    const pad = overlap.bufferMinutes * 60_000;
    return (
      getStatements().overlapping.get(
        calendar,
        start - pad - MAX_BOOKING_MS,
        end + pad,
        start - pad,
        except,
      ) !== undefined
    );
  }

  // Runs inside one write transaction (the batcher's BEGIN IMMEDIATE): the overlap check and
  // the insert cannot be interleaved by another writer, in this process or another.
  function saveBookingNow(input: NewBooking): SaveBookingResult {
    const s = getStatements();
    const existing = s.bookingByKey.get(input.idempotencyKey);
    if (existing) {
      return {
        kind: 'existing',
        booking: JSON.parse(existing.data) as StoredBooking,
        bodyHash: existing.body_hash,
      };
    }
    if (input.lead && s.leadByKey.get(input.lead.idempotencyKey)) return { kind: 'key_in_use' };
    const { booking } = input;
    const start = Date.parse(booking.start);
    const end = Date.parse(booking.end);
    if (isTaken(booking.calendar, start, end, input.overlap)) return { kind: 'slot_unavailable' };
    if (input.lead) saveOne(input.lead);
    const at = Date.parse(booking.createdAt);
    s.insertBooking.run(
      booking.id,
      booking.calendar,
      booking.leadId,
      input.idempotencyKey,
      input.bodyHash,
      booking.status,
      start,
      end,
      at,
      JSON.stringify(booking),
    );
    insertEvents(booking, 'booking.created', input.events, at);
    return { kind: 'created', booking };
  }

  function writeBooking(booking: StoredBooking) {
    getStatements().updateBooking.run(
      booking.status,
      Date.parse(booking.start),
      Date.parse(booking.end),
      Date.parse(booking.updatedAt),
      JSON.stringify(booking),
      booking.id,
    );
  }

  function readBooking(id: string): StoredBooking | null {
    const row = getStatements().bookingById.get(id);
    return row ? (JSON.parse(row.data) as StoredBooking) : null;
  }

  const batcher = createWriteBatcher(db, commitMode);

  const store: Store = {
    dialect: 'sqlite',

    async migrate() {
      db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
      );
      const applied = new Set(
        db
          .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
          .all()
          .map((r) => r.version),
      );
      for (const migration of SQLITE_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        db.transaction(() => {
          db.exec(migration.sql);
          db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
            migration.version,
            migration.name,
            Date.now(),
          );
        }).immediate();
      }
      statements = prepare();
    },

    async close() {
      batcher.flush();
      if (db.open) db.close();
    },

    async getOrCreateSetting(key, create) {
      db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, create());
      return (
        db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key) as {
          value: string;
        }
      ).value;
    },

    async setSetting(key, value) {
      db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ).run(key, value);
    },

    saveLead(input) {
      return batcher.run(() => saveOne(input));
    },

    async getLead(id) {
      const row = db
        .prepare<[string], { data: string; spam: SpamReason | null }>(
          'SELECT data, spam FROM leads WHERE id = ?',
        )
        .get(id);
      return row ? { lead: JSON.parse(row.data) as CanonicalLead, spam: row.spam } : null;
    },

    async listLeads(filter) {
      const limit = clampLimit(filter.limit, 50);
      const where: string[] = [];
      const params: Array<string | number> = [];
      if (filter.form) {
        where.push('l.form = ?');
        params.push(filter.form);
      }
      if (filter.backend) {
        where.push('EXISTS (SELECT 1 FROM local_leads x WHERE x.lead_id = l.id AND x.backend = ?)');
        params.push(filter.backend);
      }
      if (!filter.includeSpam) where.push('l.spam IS NULL');
      if (filter.cursor) {
        where.push('l.seq < ?');
        params.push(Number(filter.cursor) || 0);
      }
      const rows = db
        .prepare<unknown[], { seq: number; data: string; spam: SpamReason | null }>(
          `SELECT l.seq, l.data, l.spam FROM leads l ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY l.seq DESC LIMIT ?`,
        )
        .all(...params, limit + 1);
      const page = rows.slice(0, limit);
      return {
        items: page.map((r) => ({ lead: JSON.parse(r.data) as CanonicalLead, spam: r.spam })),
        nextCursor: rows.length > limit ? String(page[page.length - 1]?.seq) : null,
      };
    },

    markLocal(leadId, backend) {
      const s = getStatements();
      return batcher.run(() => {
        s.markLocal.run(leadId, backend, Date.now());
      });
    },

    async claimDeliveries({ backend, limit, now, leaseMs }) {
      const s = getStatements();
      // Claims run at once, not batched: the worker waits for them.
      const leased = db
        .transaction(() =>
          s.due.all(backend, now, limit).map((r) => {
            const token = randomUUID();
            s.lease.run(now + leaseMs, now + leaseMs, token, now, r.id);
            return { id: r.id, token };
          }),
        )
        .immediate();
      return leased.map(({ id, token }) => {
        const row = s.claimed.get(id);
        if (!row) throw new Error(`claimed delivery ${id} vanished`);
        return toClaimedDelivery(row, token, (leadId) => s.leadDelivery.get(leadId, row.backend));
      });
    },

    extendLeases({ leases, now, leaseMs }) {
      const s = getStatements();
      // Batched with the turn's other writes: a heartbeat has time, a lease runs for seconds.
      return batcher.run(() =>
        leases
          .filter(
            (lease) =>
              s.extendLease.run(now + leaseMs, now + leaseMs, lease.id, lease.leaseToken).changes === 1,
          )
          .map((lease) => lease.id),
      );
    },

    finishDelivery(id, leaseToken, update: DeliveryUpdate, now) {
      const s = getStatements();
      return batcher.run(() => {
        const result =
          update.status === 'delivered'
            ? s.finishDelivered.run(update.externalId ?? null, update.note ?? null, now, id, leaseToken)
            : update.status === 'pending'
              ? s.finishPending.run(
                  update.nextAttemptAt,
                  update.lastError,
                  update.externalId ?? null,
                  update.refundAttempt ? 1 : 0,
                  now,
                  id,
                  leaseToken,
                )
              : s.finishDead.run(update.lastError, now, id, leaseToken);
        return result.changes === 1;
      });
    },

    async getNextDueAt(backend) {
      const row = db
        .prepare<[string], { due: number | null }>(
          `SELECT MIN(next_attempt_at) AS due FROM deliveries WHERE backend = ? AND status IN ('pending', 'in_flight')`,
        )
        .get(backend);
      return row?.due ?? null;
    },

    async listDeliveries(filter: DeliveryFilter): Promise<Page<DeliveryView>> {
      const limit = clampLimit(filter.limit, 50);
      const where: string[] = [];
      const params: Array<string | number> = [];
      if (filter.status) {
        where.push('status = ?');
        params.push(filter.status);
      }
      if (filter.backend) {
        where.push('backend = ?');
        params.push(filter.backend);
      }
      if (filter.leadId) {
        where.push('lead_id = ?');
        params.push(filter.leadId);
      }
      if (filter.cursor) {
        where.push('seq < ?');
        params.push(Number(filter.cursor) || 0);
      }
      const rows = db
        .prepare<unknown[], DeliveryRow>(
          `SELECT * FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
        )
        .all(...params, limit + 1);
      const page = rows.slice(0, limit);
      return {
        items: page.map(toDeliveryView),
        nextCursor: rows.length > limit ? String(page[page.length - 1]?.seq) : null,
      };
    },

    async retryDelivery(id, now) {
      db.prepare(
        `UPDATE deliveries SET next_attempt_at = ?, updated_at = ?,
         attempts = CASE WHEN status = 'dead' THEN 0 ELSE attempts END,
         age_from = CASE WHEN status = 'dead' THEN ? ELSE age_from END, status = 'pending'
         WHERE id = ? AND status != 'in_flight'`,
      ).run(now, now, now, id);
      const row = db.prepare<[string], DeliveryRow>('SELECT * FROM deliveries WHERE id = ?').get(id);
      return row ? toDeliveryView(row) : null;
    },

    async retryDeadDeliveries(now, backend) {
      const result = backend
        ? db
            .prepare(
              `UPDATE deliveries SET status = 'pending', attempts = 0, age_from = ?, next_attempt_at = ?, updated_at = ? WHERE status = 'dead' AND backend = ?`,
            )
            .run(now, now, now, backend)
        : db
            .prepare(
              `UPDATE deliveries SET status = 'pending', attempts = 0, age_from = ?, next_attempt_at = ?, updated_at = ? WHERE status = 'dead'`,
            )
            .run(now, now, now);
      return result.changes;
    },

    async getOutboxStats(): Promise<OutboxStats> {
      const byStatus: Record<DeliveryStatus, number> = { pending: 0, in_flight: 0, delivered: 0, dead: 0 };
      for (const row of db
        .prepare<[], { status: DeliveryStatus; n: number }>(
          'SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status',
        )
        .all()) {
        byStatus[row.status] = row.n;
      }
      const oldest = db
        .prepare<[], { at: number | null }>(
          `SELECT MIN(created_at) AS at FROM deliveries WHERE status IN ('pending', 'in_flight')`,
        )
        .get();
      return { byStatus, oldestPendingAt: oldest?.at ?? null };
    },

    saveBooking(input) {
      return batcher.run(() => saveBookingNow(input));
    },

    async getBooking(id) {
      return readBooking(id);
    },

    async getBookingByKey(key) {
      const row = getStatements().bookingByKey.get(key);
      return row ? { booking: JSON.parse(row.data) as StoredBooking, bodyHash: row.body_hash } : null;
    },

    rescheduleBooking(input) {
      return batcher.run((): RescheduleResult => {
        const current = readBooking(input.id);
        if (!current) return { kind: 'not_found' };
        if (current.status === 'cancelled') return { kind: 'cancelled', booking: current };
        const start = Date.parse(input.start);
        const end = Date.parse(input.end);
        if (start === Date.parse(current.start) && end === Date.parse(current.end))
          return { kind: 'unchanged', booking: current };
        if (isTaken(current.calendar, start, end, input.overlap, current.id))
          return { kind: 'slot_unavailable' };
        const booking: StoredBooking = {
          ...current,
          start: new Date(start).toISOString(),
          end: new Date(end).toISOString(),
          sequence: current.sequence + 1,
          previous: { start: current.start, end: current.end },
          externalId: input.externalId === undefined ? current.externalId : input.externalId,
          updatedAt: input.now.toISOString(),
        };
        writeBooking(booking);
        insertEvents(booking, 'booking.rescheduled', input.events, input.now.getTime());
        return { kind: 'rescheduled', booking };
      });
    },

    cancelBooking(input) {
      return batcher.run((): CancelResult => {
        const current = readBooking(input.id);
        if (!current) return { kind: 'not_found' };
        if (current.status === 'cancelled') return { kind: 'cancelled', booking: current, changed: false };
        const booking: StoredBooking = {
          ...current,
          status: 'cancelled',
          sequence: current.sequence + 1,
          updatedAt: input.now.toISOString(),
        };
        writeBooking(booking);
        insertEvents(booking, 'booking.cancelled', input.events, input.now.getTime());
        return { kind: 'cancelled', booking, changed: true };
      });
    },

    async listBusy({ calendar, from, to }) {
      return getStatements()
        .busy.all(calendar, from - MAX_BOOKING_MS, to, from)
        .map((row) => ({ start: row.start_at, end: row.end_at }));
    },

    recordTrackingEvent({ event, signals, deliveries = [] }) {
      // The batcher runs each write in a transaction (shared with its neighbours, or alone).
      return batcher.run(() => {
        const inserted = db
          .prepare(
            `INSERT OR IGNORE INTO tracking_events (id, kind, email_id, lead_id, campaign, url, verdict, reason, source_hash, network, counted, occurred_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
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
            event.counted ? 1 : 0,
            event.occurredAt,
          );
        if (inserted.changes === 0) return { recorded: false };
        for (const signal of signals) insertSignal(signal, deliveries);
        return { recorded: true };
      });
    },

    async listTrackingEvents(filter) {
      const where = ['email_id = ?'];
      const params: Array<string | number> = [filter.emailId];
      if (filter.kind) {
        where.push('kind = ?');
        params.push(filter.kind);
      }
      if (filter.sourceHash) {
        where.push('source_hash = ?');
        params.push(filter.sourceHash);
      }
      if (filter.since !== undefined) {
        where.push('occurred_at >= ?');
        params.push(filter.since);
      }
      if (filter.countedOnly) where.push('counted = 1');
      return db
        .prepare<unknown[], TrackingEventRow>(
          `SELECT * FROM tracking_events WHERE ${where.join(' AND ')} ORDER BY occurred_at, seq LIMIT 1000`,
        )
        .all(...params)
        .map(toTrackingEvent);
    },

    recordSignal(signal, deliveries = []) {
      return batcher.run(() => ({ recorded: insertSignal(signal, deliveries) }));
    },

    async listSignals(filter) {
      const limit = clampLimit(filter.limit, 50);
      const where: string[] = [];
      const params: Array<string | number> = [];
      if (filter.leadId) {
        where.push('lead_id = ?');
        params.push(filter.leadId);
      }
      if (filter.type) {
        where.push('type = ?');
        params.push(filter.type);
      }
      if (filter.cursor) {
        where.push('seq < ?');
        params.push(Number(filter.cursor) || 0);
      }
      const rows = db
        .prepare<unknown[], SignalRow>(
          `SELECT * FROM signals ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
        )
        .all(...params, limit + 1);
      const page = rows.slice(0, limit);
      return {
        items: page.map(toSignal),
        nextCursor: rows.length > limit ? String(page[page.length - 1]?.seq) : null,
      };
    },

    async getBackendState(backend, key) {
      const row = db
        .prepare<[string, string], { value: string }>(
          'SELECT value FROM backend_state WHERE backend = ? AND key = ?',
        )
        .get(backend, key);
      return row?.value ?? null;
    },

    async setBackendState(backend, key, value) {
      db.prepare(
        `INSERT INTO backend_state (backend, key, value, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (backend, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(backend, key, value, Date.now());
    },
  };
  return store;
}
