import { DatabaseError } from 'pg';
import { type BookingEventData, type StoredBooking, toBookingEventData } from '../../model/booking';
import type { DeliveryKind } from '../../model/delivery';
import type {
  NewBooking,
  NewBookingEvents,
  OverlapRule,
  RescheduleResult,
  SaveBookingResult,
  Store,
} from '../store';
import type { PostgresDb, Queryable } from './postgres-db';
import { insertEntries, insertLead } from './postgres-inserts';
import type { KeyOrder } from './postgres-key-order';

/** The longest booking the overlap check knows of (a local slot is at most a day). */
const MAX_BOOKING_MS = 86_400_000;

/** Ends a transaction with a rollback and an answer (not an error) for the caller. */
class Rollback<T> {
  constructor(readonly result: T) {}
}

/** 23P01: the row would break an exclusion constraint (here: two bookings would meet). */
function isExclusionViolation(error: unknown): boolean {
  return error instanceof DatabaseError && error.code === '23P01';
}

function bufferMs(overlap: OverlapRule): number | null {
  return overlap ? overlap.bufferMinutes * 60_000 : null;
}

type BookingMethods = Pick<
  Store,
  'saveBooking' | 'getBooking' | 'getBookingByKey' | 'rescheduleBooking' | 'cancelBooking' | 'listBusy'
>;

/**
 * Bookings on PostgreSQL. The database keeps two bookings of a calendar apart
 * (postgres-migrations.ts, version 2: exclusion constraints), whichever instance writes;
 * the check before each insert gives the exact rule of the Store interface (the new
 * booking's buffer on both sides) and a quick answer, and the constraint is what holds when
 * two instances insert at once: its violation, 23P01, is answered `slot_unavailable`.
 * `enqueued` is told the backends of the entries each committed write added; `inKeyOrder`
 * orders this instance's writes under one idempotency key.
 */
export function createPostgresBookings(
  db: PostgresDb,
  inKeyOrder: KeyOrder,
  enqueued: (backends: Iterable<string>) => void,
): BookingMethods {
  async function isTaken(
    q: Queryable,
    calendar: string,
    start: number,
    end: number,
    overlap: OverlapRule,
    except = '',
  ): Promise<boolean> {
    if (!overlap) return false;
    const pad = overlap.bufferMinutes * 60_000;
    // Meets [start - buffer, end + buffer); the lower bound on start_at (no booking is longer
    // than a day) keeps the index range to the few bookings near the slot.
    const { rowCount } = await q.query(
      `SELECT 1 FROM bookings WHERE calendar = $1 AND status = 'confirmed' AND start_at >= $2 AND start_at < $3
       AND end_at > $4 AND id <> $5 LIMIT 1`,
      [calendar, start - pad - MAX_BOOKING_MS, end + pad, start - pad, except],
    );
    return rowCount > 0;
  }

  function checkLength(start: number, end: number, overlap: OverlapRule) {
    if (overlap && !(end > start && end - start <= MAX_BOOKING_MS))
      throw new RangeError('a booking under the overlap rule must last more than 0 and at most 24 hours');
  }

  async function insertEvents(
    q: Queryable,
    booking: StoredBooking,
    kind: DeliveryKind,
    events: NewBookingEvents,
    at: number,
  ) {
    const payload = JSON.stringify(toBookingEventData(booking) satisfies BookingEventData);
    await insertEntries(
      q,
      events.map((e) => ({ id: e.id, leadId: booking.leadId, backend: e.backend, kind, payload })),
      at,
    );
  }

  async function readBooking(q: Queryable, id: string, forUpdate = false): Promise<StoredBooking | null> {
    const { rows } = await q.query<{ data: string }>(
      `SELECT data FROM bookings WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? (JSON.parse(rows[0].data) as StoredBooking) : null;
  }

  async function readByKey(q: Queryable, key: string) {
    const { rows } = await q.query<{ data: string; body_hash: string }>(
      'SELECT data, body_hash FROM bookings WHERE idempotency_key = $1',
      [key],
    );
    const row = rows[0];
    return row ? { booking: JSON.parse(row.data) as StoredBooking, bodyHash: row.body_hash } : null;
  }

  /** Runs a booking write; a rollback with an answer and a meeting booking become answers. */
  async function write<T>(work: (tx: Queryable) => Promise<T>, onOverlap: T): Promise<T> {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (error instanceof Rollback) return error.result as T;
      if (isExclusionViolation(error)) return onOverlap;
      throw error;
    }
  }

  async function saveBookingNow(input: NewBooking): Promise<SaveBookingResult> {
    const { booking } = input;
    const start = Date.parse(booking.start);
    const end = Date.parse(booking.end);
    const result = await write<SaveBookingResult | 'key_taken'>(
      async (tx) => {
        const existing = await readByKey(tx, input.idempotencyKey);
        if (existing) return { kind: 'existing', ...existing };
        if (input.lead) {
          const { rowCount } = await tx.query('SELECT 1 FROM leads WHERE idempotency_key = $1', [
            input.lead.idempotencyKey,
          ]);
          if (rowCount) return { kind: 'key_in_use' };
        }
        checkLength(start, end, input.overlap);
        if (await isTaken(tx, booking.calendar, start, end, input.overlap))
          return { kind: 'slot_unavailable' };
        const at = Date.parse(booking.createdAt);
        // The booking first: it is the row most likely to meet another (the constraint),
        // and its key is what a concurrent replay waits on.
        const inserted = await tx.query(
          `INSERT INTO bookings (id, calendar, lead_id, idempotency_key, body_hash, status, start_at, end_at, buffer_ms, updated_at, data)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (idempotency_key) DO NOTHING`,
          [
            booking.id,
            booking.calendar,
            booking.leadId,
            input.idempotencyKey,
            input.bodyHash,
            booking.status,
            start,
            end,
            bufferMs(input.overlap),
            at,
            JSON.stringify(booking),
          ],
        );
        // A replay on another instance committed first: answer its booking, after this rollback.
        if (inserted.rowCount !== 1) throw new Rollback('key_taken' as const);
        if (input.lead && !(await insertLead(tx, input.lead)))
          throw new Rollback<SaveBookingResult>({ kind: 'key_in_use' });
        await insertEvents(tx, booking, 'booking.created', input.events, at);
        return { kind: 'created', booking };
      },
      { kind: 'slot_unavailable' },
    );
    if (result === 'key_taken') {
      const existing = await readByKey(db, input.idempotencyKey);
      if (!existing) throw new Error('a booking key was taken, then not found');
      return { kind: 'existing', ...existing };
    }
    if (result.kind === 'created')
      enqueued([...(input.lead?.deliveries ?? []), ...input.events].map((d) => d.backend));
    return result;
  }

  return {
    saveBooking(input) {
      return inKeyOrder(input.idempotencyKey, () => saveBookingNow(input));
    },

    async getBooking(id) {
      return readBooking(db, id);
    },

    async getBookingByKey(key) {
      return readByKey(db, key);
    },

    async rescheduleBooking(input) {
      const start = Date.parse(input.start);
      const end = Date.parse(input.end);
      const result = await write<RescheduleResult>(
        async (tx) => {
          // Locked: a concurrent move or cancel of the same booking waits, then sees this one.
          const current = await readBooking(tx, input.id, true);
          if (!current) return { kind: 'not_found' };
          if (current.status === 'cancelled') return { kind: 'cancelled', booking: current };
          if (start === Date.parse(current.start) && end === Date.parse(current.end))
            return { kind: 'unchanged', booking: current };
          checkLength(start, end, input.overlap);
          if (await isTaken(tx, current.calendar, start, end, input.overlap, current.id))
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
          // The constraints compare the new version with the other rows only: the booking's
          // own old slot, replaced in this statement, never stands in its way.
          await tx.query(
            'UPDATE bookings SET start_at = $1, end_at = $2, buffer_ms = $3, updated_at = $4, data = $5 WHERE id = $6',
            [start, end, bufferMs(input.overlap), input.now.getTime(), JSON.stringify(booking), booking.id],
          );
          await insertEvents(tx, booking, 'booking.rescheduled', input.events, input.now.getTime());
          return { kind: 'rescheduled', booking };
        },
        { kind: 'slot_unavailable' },
      );
      if (result.kind === 'rescheduled') enqueued(input.events.map((e) => e.backend));
      return result;
    },

    async cancelBooking(input) {
      const result = await db.transaction(async (tx) => {
        const current = await readBooking(tx, input.id, true);
        if (!current) return { kind: 'not_found' } as const;
        if (current.status === 'cancelled')
          return { kind: 'cancelled', booking: current, changed: false } as const;
        const booking: StoredBooking = {
          ...current,
          status: 'cancelled',
          sequence: current.sequence + 1,
          updatedAt: input.now.toISOString(),
        };
        await tx.query("UPDATE bookings SET status = 'cancelled', updated_at = $1, data = $2 WHERE id = $3", [
          input.now.getTime(),
          JSON.stringify(booking),
          booking.id,
        ]);
        await insertEvents(tx, booking, 'booking.cancelled', input.events, input.now.getTime());
        return { kind: 'cancelled', booking, changed: true } as const;
      });
      if (result.kind === 'cancelled' && result.changed) enqueued(input.events.map((e) => e.backend));
      return result;
    },

    async listBusy({ calendar, from, to }) {
      const { rows } = await db.query<{ start_at: number; end_at: number }>(
        `SELECT start_at, end_at FROM bookings WHERE calendar = $1 AND status = 'confirmed'
         AND start_at >= $2 AND start_at < $3 AND end_at > $4 ORDER BY start_at`,
        [calendar, from - MAX_BOOKING_MS, to, from],
      );
      return rows.map((row) => ({ start: row.start_at, end: row.end_at }));
    },
  };
}
