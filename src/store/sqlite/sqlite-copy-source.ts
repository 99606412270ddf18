import Database from 'better-sqlite3';
import type { StoreCopySource } from '../copy-store';
import { StoreCopyRefused } from '../copy-store';
import { COPY_TABLES, type CopyRow } from '../copy-tables';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';

/**
 * Opens an SQLite store as the source of `leadkit store copy`: read-only (SQLite refuses
 * any write on this connection), in one read transaction, so every table is read as it
 * stood at one moment while a writer elsewhere (a proxy still running) goes on. Whether
 * one did is told by `PRAGMA data_version`, which changes whenever another connection
 * commits. The file must exist and have every migration this version knows applied: a
 * read-only copy cannot migrate it.
 */
export function openSqliteCopySource(path: string): StoreCopySource {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5_000 });
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new StoreCopyRefused(
      code === 'SQLITE_CANTOPEN'
        ? `the source ${path} does not exist or cannot be read`
        : `cannot open the source ${path}: ${(error as Error).message}`,
    );
  }
  try {
    checkSchema(db, path);
  } catch (error) {
    db.close();
    throw error;
  }
  const versionAtOpen = db.pragma('data_version', { simple: true });
  db.exec('BEGIN');
  // Columns by name from the shared list: the copy reads only what both schemas have.
  const byName = new Map(COPY_TABLES.map((t) => [t.name, t]));

  return {
    async liveLeases(now) {
      const row = db
        .prepare<[number], { n: number; until: number | null }>(
          `SELECT COUNT(*) AS n, MAX(lease_until) AS until FROM deliveries WHERE status = 'in_flight' AND lease_until > ?`,
        )
        .get(now);
      return { count: row?.n ?? 0, until: row?.until ?? null };
    },

    async *rows(name, batchSize) {
      const table = byName.get(name);
      if (!table) throw new Error(`unknown table ${name}`);
      const columns = Object.keys(table.columns);
      const flags = columns.filter((c) => table.columns[c] === 'boolean');
      // Keyset pages by rowid (the seq of the tables that have one): each page is one
      // statement, so nothing holds the connection across the target's awaits.
      const page = db.prepare<[number, number], CopyRow & { _rowid: number }>(
        `SELECT rowid AS _rowid, ${columns.join(', ')} FROM ${name} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
      );
      let after = 0;
      for (;;) {
        const rows = page.all(after, batchSize);
        if (!rows.length) return;
        after = rows[rows.length - 1]?._rowid ?? after;
        yield rows.map(({ _rowid, ...row }) => {
          for (const flag of flags) row[flag] = row[flag] === 1;
          return row;
        });
        if (rows.length < batchSize) return;
      }
    },

    async changedSinceOpened() {
      // Inside the read transaction the version stands still: end it to see other commits.
      if (db.inTransaction) db.exec('COMMIT');
      return db.pragma('data_version', { simple: true }) !== versionAtOpen;
    },

    async close() {
      if (db.open) db.close();
    },
  };
}

function checkSchema(db: Database.Database, path: string): void {
  const known = SQLITE_MIGRATIONS.map((m) => m.version);
  let applied: number[];
  try {
    applied = db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
      .all()
      .map((r) => r.version);
  } catch {
    throw new StoreCopyRefused(`${path} is not a leadkit store (it has no schema_migrations table)`);
  }
  const unknown = applied.filter((v) => !known.includes(v));
  if (unknown.length)
    throw new StoreCopyRefused(
      `${path} was migrated by a newer leadkit (schema version ${Math.max(...unknown)}): copy it with that version`,
    );
  const missing = known.filter((v) => !applied.includes(v));
  if (missing.length)
    throw new StoreCopyRefused(
      `${path} is at an older schema (${applied.length} of ${known.length} migrations): run "leadkit migrate" ` +
        'on it first (with the config that names it), then copy it',
    );
}
