import Database from 'better-sqlite3';
import { StoreCopyRefused, type StoreCopyTarget } from '../copy-store';
import { COPY_TABLES, type CopyRow } from '../copy-tables';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';
import { createSqliteStore } from './sqlite-store';

/** SQLITE_BUSY: another connection holds the write lock past the busy timeout. */
function isBusy(error: unknown): boolean {
  return String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY');
}

/**
 * The SQLite side of `leadkit store copy`: the file is created as the store creates it
 * (owner-only, WAL) and migrated, then the copy runs in one `BEGIN IMMEDIATE` transaction,
 * which holds the write lock: a proxy started on the file meanwhile waits, a second copy
 * fails. Booleans become 0/1; PostgreSQL-only columns (a booking's `buffer_ms`) are left
 * out, the SQLite store checks overlaps itself.
 */
export function createSqliteCopyTarget(path: string): StoreCopyTarget {
  let db: Database.Database | undefined;
  return {
    async transaction(work) {
      const store = createSqliteStore({ path });
      await store.migrate();
      await store.close();
      const open = new Database(path, { timeout: 5_000 });
      db = open;
      open.pragma('journal_mode = WAL');
      open.pragma('synchronous = FULL');
      const applied = open
        .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
        .all()
        .map((r) => r.version);
      const known = SQLITE_MIGRATIONS.map((m) => m.version);
      if (applied.some((v) => !known.includes(v)))
        throw new StoreCopyRefused('the target was migrated by a newer leadkit: copy with that version');
      const inserts = new Map(
        COPY_TABLES.map((table) => {
          const columns = Object.keys(table.columns);
          const flags = columns.filter((c) => table.columns[c] === 'boolean');
          const statement = open.prepare(
            `INSERT INTO ${table.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
             ON CONFLICT (${table.key.join(', ')}) DO NOTHING`,
          );
          const run = (row: CopyRow) =>
            statement.run(...columns.map((c) => (flags.includes(c) ? (row[c] ? 1 : 0) : (row[c] ?? null))))
              .changes;
          return [table.name, run] as const;
        }),
      );
      try {
        open.exec('BEGIN IMMEDIATE');
      } catch (error) {
        if (isBusy(error))
          throw new StoreCopyRefused(
            'the target is in use (another connection holds its write lock: is a proxy running on it?). ' +
              'Stop it and copy again; nothing was copied',
          );
        throw error;
      }
      try {
        const used = COPY_TABLES.some(
          (t) => open.prepare(`SELECT 1 FROM ${t.name} LIMIT 1`).get() !== undefined,
        );
        const secret =
          open.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'secret'").get()
            ?.value ?? null;
        const result = await work({ empty: !used, secret }, async (name, rows) => {
          const run = inserts.get(name);
          if (!run) throw new Error(`unknown table ${name}`);
          let written = 0;
          for (const row of rows) written += run(row);
          return written;
        });
        open.exec('COMMIT');
        return result;
      } catch (error) {
        if (open.inTransaction) open.exec('ROLLBACK');
        const code = String((error as { code?: unknown }).code ?? '');
        if (code.startsWith('SQLITE_CONSTRAINT'))
          throw new StoreCopyRefused(
            "the target already holds other data that conflicts with the source's. Copy into a new file; " +
              'nothing was copied',
          );
        throw error;
      }
    },

    async close() {
      if (db?.open) db.close();
    },
  };
}
