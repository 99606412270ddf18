import { DatabaseError } from 'pg';
import { StoreCopyRefused, type StoreCopyTarget } from '../copy-store';
import { COPY_TABLES, type CopyColumnType, type CopyTable } from '../copy-tables';
import { migratePostgres } from './migrate-postgres';
import { createPostgresDb } from './postgres-db';
import { POSTGRES_MIGRATIONS } from './postgres-migrations';

const TABLES = COPY_TABLES.map((t) => t.name).join(', ');

/** Statements of a copy carry a batch each; one that takes longer than this is stuck. */
const STATEMENT_TIMEOUT_MS = 60_000;

/**
 * One INSERT per batch: a column array each, unnested in order (WITH ORDINALITY), so the
 * identity numbers `seq` in the source's order. A row whose key is there already is left
 * as it is; any other unique key or constraint the row breaks fails the statement.
 */
function toInsertSql(table: CopyTable): { sql: string; columns: string[] } {
  const types: Record<string, CopyColumnType> = { ...table.columns, ...table.derived };
  const columns = Object.keys(types);
  const arrays = columns.map((c, i) => `$${i + 1}::${types[c]}[]`).join(', ');
  const list = columns.join(', ');
  return {
    columns,
    sql: `INSERT INTO ${table.name} (${list})
          SELECT ${list} FROM unnest(${arrays}) WITH ORDINALITY AS r(${list}, copy_order) ORDER BY copy_order
          ON CONFLICT (${table.key.join(', ')}) DO NOTHING`,
  };
}

/** Why a statement of the copy failed, in words for the operator (never a value). */
function explain(error: unknown): Error {
  if (!(error instanceof DatabaseError)) return error as Error;
  if (error.code === '55P03')
    return new StoreCopyRefused(
      'the target is in use (another session holds its tables: is a proxy running on it?). Stop it and ' +
        'copy again; nothing was copied',
    );
  if (error.code === '23505' || error.code === '23P01')
    return new StoreCopyRefused(
      `the target already holds other data that conflicts with the source's (${error.constraint ?? error.code}). ` +
        'Copy into an empty database or schema; nothing was copied',
    );
  return error;
}

/**
 * The PostgreSQL side of `leadkit store copy`: migrates the schema (advisory-locked, as
 * every instance does), then runs the copy in one transaction that first locks every copied
 * table against writers (EXCLUSIVE: reads go on), so an instance starting meanwhile, or a
 * second copy, waits at most its `lock_timeout` and fails rather than interleaving. A
 * failure anywhere rolls the whole copy back.
 */
export function createPostgresCopyTarget(url: string): StoreCopyTarget {
  const db = createPostgresDb({
    url,
    poolSize: 1,
    applicationName: 'leadkit store copy',
    statementTimeoutMs: STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: STATEMENT_TIMEOUT_MS,
  });
  const inserts = new Map(COPY_TABLES.map((t) => [t.name, toInsertSql(t)]));

  async function checkSchema(): Promise<void> {
    const { rows } = await db.query<{ version: number }>(
      'SELECT max(version)::int AS version FROM schema_migrations',
    );
    const known = Math.max(...POSTGRES_MIGRATIONS.map((m) => m.version));
    if ((rows[0]?.version ?? 0) > known)
      throw new StoreCopyRefused(
        `the target was migrated by a newer leadkit (schema version ${rows[0]?.version}): copy with that version`,
      );
  }

  return {
    async transaction(work) {
      await migratePostgres(db.clientConfig(), POSTGRES_MIGRATIONS);
      await checkSchema();
      try {
        return await db.transaction(async (tx) => {
          await tx.query(`LOCK TABLE ${TABLES} IN EXCLUSIVE MODE`);
          const { rows } = await tx.query<{ used: boolean; secret: string | null }>(
            `SELECT (${COPY_TABLES.map((t) => `EXISTS (SELECT 1 FROM ${t.name})`).join(' OR ')}) AS used,
                    (SELECT value FROM settings WHERE key = 'secret') AS secret`,
          );
          const state = { empty: !rows[0]?.used, secret: rows[0]?.secret ?? null };
          return work(state, async (name, batch) => {
            const insert = inserts.get(name);
            if (!insert) throw new Error(`unknown table ${name}`);
            if (!batch.length) return 0;
            const values = insert.columns.map((column) => batch.map((row) => row[column] ?? null));
            return (await tx.query(insert.sql, values)).rowCount;
          });
        });
      } catch (error) {
        throw explain(error);
      }
    },

    async close() {
      await db.end();
    },
  };
}
