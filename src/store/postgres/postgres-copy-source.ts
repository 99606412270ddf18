import type { PoolClient } from 'pg';
import { StoreCopyRefused, type StoreCopySource } from '../copy-store';
import { COPY_TABLES, type CopyRow } from '../copy-tables';
import { createPostgresDb } from './postgres-db';
import { POSTGRES_MIGRATIONS } from './postgres-migrations';

/**
 * What any write of a proxy moves: a new row (the highest seq), an attempt claimed or ended,
 * a booking moved or cancelled, backend state saved (the newest `updated_at`), a setting
 * changed (their digest). Read once inside the snapshot and once after it.
 */
const FINGERPRINT_SQL = `SELECT concat_ws(',',
  (SELECT max(seq) FROM leads), (SELECT max(seq) FROM deliveries), (SELECT max(updated_at) FROM deliveries),
  (SELECT max(seq) FROM bookings), (SELECT max(updated_at) FROM bookings), (SELECT max(seq) FROM tracking_events),
  (SELECT max(seq) FROM signals), (SELECT count(*) FROM local_leads), (SELECT max(updated_at) FROM backend_state),
  (SELECT md5(string_agg(key || '=' || value, ',' ORDER BY key)) FROM settings)) AS print`;

/** The tables that number their rows; the others are read in key order. */
const SEQ_TABLES = new Set(['leads', 'deliveries', 'bookings', 'tracking_events', 'signals']);

/**
 * Opens a PostgreSQL store as the source of `leadkit store copy`: one REPEATABLE READ, READ
 * ONLY transaction on one connection, so every table is read as it stood at one moment and
 * nothing can be written through it. A write by an instance still running shows as a change
 * of the fingerprint between the snapshot and the end of the copy.
 */
export async function openPostgresCopySource(url: string): Promise<StoreCopySource> {
  const db = createPostgresDb({
    url,
    poolSize: 1,
    applicationName: 'leadkit store copy',
    statementTimeoutMs: 60_000,
    idleInTransactionTimeoutMs: 60_000,
  });
  let client: PoolClient;
  try {
    client = await db.pool.connect();
  } catch (error) {
    await db.end();
    throw error;
  }
  // A connection lost while lent is reported by the awaited query; this keeps it from crashing the process.
  client.on('error', () => {});
  const query = async <R>(sql: string, values?: unknown[]) => (await client.query(sql, values)).rows as R[];
  let printAtOpen: string;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await checkSchema(query);
    printAtOpen = (await query<{ print: string }>(FINGERPRINT_SQL))[0]?.print ?? '';
  } catch (error) {
    client.release(true);
    await db.end();
    throw error;
  }
  const byName = new Map(COPY_TABLES.map((t) => [t.name, t]));
  let inSnapshot = true;

  return {
    async liveLeases(now) {
      const [row] = await query<{ n: number; until: number | null }>(
        `SELECT count(*)::int AS n, max(lease_until) AS until FROM deliveries WHERE status = 'in_flight' AND lease_until > $1`,
        [now],
      );
      return { count: row?.n ?? 0, until: row?.until ?? null };
    },

    async *rows(name, batchSize) {
      const table = byName.get(name);
      if (!table) throw new Error(`unknown table ${name}`);
      const order = SEQ_TABLES.has(name) ? ['seq'] : [...table.key];
      const columns = [...new Set([...Object.keys(table.columns), ...order])];
      const tuple = `(${order.join(', ')})`;
      let after: unknown[] | null = null;
      for (;;) {
        // Keyset pages on the order's key: each page reads only its own rows.
        const where: string = after
          ? `WHERE ${tuple} > (${order.map((_, i) => `$${i + 2}`).join(', ')})`
          : '';
        const rows: CopyRow[] = await query<CopyRow>(
          `SELECT ${columns.join(', ')} FROM ${name} ${where} ORDER BY ${order.join(', ')} LIMIT $1`,
          [batchSize, ...(after ?? [])],
        );
        if (!rows.length) return;
        const last: CopyRow = rows[rows.length - 1] as CopyRow;
        after = order.map((column) => last[column]);
        // seq orders the pages only: the target numbers its own rows.
        yield order[0] === 'seq' ? rows.map(({ seq: _seq, ...row }) => row) : rows;
        if (rows.length < batchSize) return;
      }
    },

    async changedSinceOpened() {
      if (inSnapshot) {
        await client.query('COMMIT');
        inSnapshot = false;
      }
      const [row] = await query<{ print: string }>(FINGERPRINT_SQL);
      return (row?.print ?? '') !== printAtOpen;
    },

    async close() {
      if (inSnapshot) await client.query('ROLLBACK').catch(() => {});
      client.release(true);
      await db.end();
    },
  };
}

async function checkSchema(query: <R>(sql: string, values?: unknown[]) => Promise<R[]>): Promise<void> {
  let applied: number[];
  try {
    applied = (await query<{ version: number }>('SELECT version FROM schema_migrations')).map(
      (r) => r.version,
    );
  } catch {
    throw new StoreCopyRefused('the source is not a leadkit store (it has no schema_migrations table)');
  }
  const known = POSTGRES_MIGRATIONS.map((m) => m.version);
  const unknown = applied.filter((v) => !known.includes(v));
  if (unknown.length)
    throw new StoreCopyRefused(
      `the source was migrated by a newer leadkit (schema version ${Math.max(...unknown)}): copy it with that version`,
    );
  if (known.some((v) => !applied.includes(v)))
    throw new StoreCopyRefused(
      'the source is at an older schema: run "leadkit migrate" on it first, then copy it',
    );
}
