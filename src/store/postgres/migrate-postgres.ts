import { Client, type ClientConfig } from 'pg';
import type { PostgresMigration } from './postgres-migrations';

/**
 * One key for every leadkit schema of a database: migrations of two schemas wait for each
 * other too, which costs a start-up a few hundred milliseconds and keeps the database-wide
 * `CREATE EXTENSION` from racing.
 */
const MIGRATION_LOCK_SQL = "SELECT pg_advisory_lock(hashtextextended('leadkit:migrations', 0))";
const MIGRATION_UNLOCK_SQL = "SELECT pg_advisory_unlock(hashtextextended('leadkit:migrations', 0))";

/**
 * Applies the migrations not yet applied, each in its own transaction, and returns the
 * versions this call applied. It runs on a connection of its own, not a pooled one: the
 * advisory lock belongs to the session, and a pooled session would carry it to whoever
 * borrowed it next. The applied versions are read after the lock is taken, so when ten
 * instances start at once one migrates while nine wait, then find nothing left to do.
 *
 * `lockWaitMs` bounds the wait for another instance's migration (default 2 minutes).
 */
export async function migratePostgres(
  config: ClientConfig,
  migrations: readonly PostgresMigration[],
  lockWaitMs = 120_000,
): Promise<number[]> {
  const client = new Client({
    ...config,
    // DDL may take longer than a request's statement; the wait for the lock is a lock wait.
    statement_timeout: Math.max(lockWaitMs, 300_000),
    lock_timeout: lockWaitMs,
    query_timeout: Math.max(lockWaitMs, 300_000) + 10_000,
    application_name: `${config.application_name ?? 'leadkit'} migrate`,
  });
  // A failure mid-way is reported by the awaited query; this keeps a late socket error from
  // crashing the process.
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(MIGRATION_LOCK_SQL);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw new Error(
          `migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
        );
      }
      done.push(migration.version);
    }
    await client.query(MIGRATION_UNLOCK_SQL);
    return done;
  } finally {
    // Ending the session also releases the lock if the unlock above never ran.
    await client.end().catch(() => {});
  }
}
