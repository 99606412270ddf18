import { assignBookingBuffers, type BookingSpan } from './assign-booking-buffers';
import { COPY_TABLES, type CopyRow, type CopyTableName } from './copy-tables';

/**
 * The copy did not run, or was undone: the source is still running, the target is another
 * installation's, the source changed meanwhile. Nothing was written; the message says why
 * and what to do (the CLI prints it and exits 1).
 */
export class StoreCopyRefused extends Error {}

/** A store read for a copy: one consistent view, never written to. */
export interface StoreCopySource {
  /**
   * Outbox entries in flight under a lease that has not run out at `now`: a proxy is
   * still working on them (or died less than a lease ago).
   */
  liveLeases(now: number): Promise<{ count: number; until: number | null }>;
  /** A table's rows in insertion order, `batchSize` at a time, as the view shows them. */
  rows(table: CopyTableName, batchSize: number): AsyncIterable<CopyRow[]>;
  /** True when another connection wrote to the store since it was opened. Ends the view. */
  changedSinceOpened(): Promise<boolean>;
  close(): Promise<void>;
}

/** What the target holds as the copy's transaction starts. */
export interface StoreCopyTargetState {
  /** No row in any copied table. */
  empty: boolean;
  /** The stored signing secret, or null. Compared, never shown. */
  secret: string | null;
}

/** A store written by a copy: migrated, then one transaction with its tables locked. */
export interface StoreCopyTarget {
  /**
   * Runs `work` in one transaction that holds the copied tables against other writers;
   * anything `work` throws rolls all of it back.
   */
  transaction<T>(
    work: (
      state: StoreCopyTargetState,
      /** Inserts rows unless their key is there already; returns how many were inserted. */
      insert: (table: CopyTableName, rows: readonly CopyRow[]) => Promise<number>,
    ) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
}

/** What a copy did, table by table. */
export interface StoreCopyReport {
  /** `already_copied`: the target held every row of the source already; nothing was written. */
  outcome: 'copied' | 'already_copied';
  tables: Array<{ name: CopyTableName; rows: number; written: number }>;
  /** Entries that were in flight under a lease that had run out: copied as pending, due at once. */
  recoveredLeases: number;
}

export interface CopyStoreOptions {
  /** The calendar's overlap buffer (ms) where a local calendar's rule applies, else null. */
  bookingBufferOf: (calendar: string) => number | null;
  /** Default: the clock at the start. */
  now?: number;
  batchSize?: number;
}

/**
 * An entry as the target gets it. One in flight whose lease ran out (the proxy working on
 * it is gone) becomes pending and due at `now`, its counts kept: the attempt that was cut
 * off still counts, and the next attempt's number says it is a redelivery. The target's
 * workers would have reclaimed it so; the lease token dies with the old store.
 */
function toCopiedDelivery(row: CopyRow, now: number): { row: CopyRow; recovered: boolean } {
  if (row.status !== 'in_flight') return { row, recovered: false };
  return {
    row: {
      ...row,
      status: 'pending',
      next_attempt_at: now,
      lease_until: null,
      lease_token: null,
      updated_at: now,
    },
    recovered: true,
  };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Copies every table of durable state from one store to another in one transaction of the
 * target, without losing or repeating a delivery:
 *
 * - It refuses while the source has an entry in flight under a live lease (its proxy is
 *   still running), and undoes the copy when the source changed while it was read.
 * - The target must be empty, or hold this copy already (every row of the source, under
 *   the same secret): then nothing is written and the outcome is `already_copied`, so a
 *   second run is harmless. Anything else — another installation's data, or a source that
 *   took more after an earlier copy — is refused: two diverged installations are not merged.
 *
 * @example
 * const report = await copyStore(source, target, { bookingBufferOf: () => null });
 */
export async function copyStore(
  source: StoreCopySource,
  target: StoreCopyTarget,
  options: CopyStoreOptions,
): Promise<StoreCopyReport> {
  const now = options.now ?? Date.now();
  const batchSize = options.batchSize ?? 500;
  const leases = await source.liveLeases(now);
  if (leases.count > 0) {
    throw new StoreCopyRefused(
      `the source has ${plural(leases.count, 'delivery', 'deliveries')} in flight under a lease that runs until ` +
        `${new Date(leases.until ?? now).toISOString()}: a proxy is still running on it. Stop the proxy first ` +
        '(if it crashed, run the copy again once that time has passed); nothing was copied',
    );
  }

  const spans: BookingSpan[] = [];
  for await (const batch of source.rows('bookings', batchSize))
    for (const row of batch) spans.push(row as unknown as BookingSpan);
  const buffers = assignBookingBuffers(spans, options.bookingBufferOf);
  let sourceSecret: string | null = null;
  for await (const batch of source.rows('settings', batchSize))
    for (const row of batch) if (row.key === 'secret') sourceSecret = String(row.value);

  return target.transaction(async (state, insert) => {
    if (!state.empty && state.secret !== null && state.secret !== sourceSecret) {
      throw new StoreCopyRefused(
        'the target already belongs to another installation (it keeps a signing secret of its own: a proxy ' +
          'was started on it). Copy into an empty store (a new database, schema or file); nothing was copied',
      );
    }
    const tables: StoreCopyReport['tables'] = [];
    let recoveredLeases = 0;
    for (const table of COPY_TABLES) {
      let rows = 0;
      let written = 0;
      for await (const batch of source.rows(table.name, batchSize)) {
        let out = batch;
        if (table.name === 'deliveries') {
          out = batch.map((row) => {
            const copied = toCopiedDelivery(row, now);
            if (copied.recovered) recoveredLeases++;
            return copied.row;
          });
        } else if (table.name === 'bookings') {
          out = batch.map((row) => ({ ...row, buffer_ms: buffers.get(String(row.id)) ?? null }));
        }
        rows += out.length;
        written += await insert(table.name, out);
      }
      tables.push({ name: table.name, rows, written });
    }
    const total = tables.reduce((sum, t) => sum + t.written, 0);
    if (!state.empty && total > 0) {
      throw new StoreCopyRefused(
        `the target is not empty and lacks ${plural(total, 'row', 'rows')} of the source: it holds another ` +
          "installation's data, or the source took more after an earlier copy. Copy into an empty store " +
          '(a new database, schema or file); nothing was copied',
      );
    }
    if (await source.changedSinceOpened()) {
      throw new StoreCopyRefused(
        'the source changed while it was copied: a proxy is still running on it. Stop the proxy first; ' +
          'nothing was copied',
      );
    }
    return { outcome: state.empty ? 'copied' : 'already_copied', tables, recoveredLeases };
  });
}
