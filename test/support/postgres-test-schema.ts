/**
 * PostgreSQL for tests: `LEADKIT_TEST_PG` names the server (`.ci/run` sets it to the
 * machine's, database `test`). Each test run works in a schema of its own, reached through
 * the store URL's `options=-c search_path=…`, and drops it afterwards. Without the variable
 * the suites skip with `POSTGRES_MISSING` as the printed reason.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEST_PG_URL = process.env.LEADKIT_TEST_PG || null;

/** Why the PostgreSQL suites skip, or null when a server is named. */
export const POSTGRES_MISSING: string | null = TEST_PG_URL
  ? null
  : 'PostgreSQL tests skipped: LEADKIT_TEST_PG is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';

if (POSTGRES_MISSING) console.warn(POSTGRES_MISSING);

/** A schema made for one test run. */
export interface TestSchema {
  name: string;
  /** The store URL whose connections work in this schema. */
  url: string;
  /** Runs one statement on a connection of its own (the test's view of the database). */
  query<R = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

async function withAdmin<T>(use: (client: Client) => Promise<T>, searchPath?: string): Promise<T> {
  const client = new Client({
    connectionString: TEST_PG_URL ?? undefined,
    connectionTimeoutMillis: 5_000,
    statement_timeout: 30_000,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `lk_test_<random>`. btree_gist is installed once per database, in `public`: the
 * store's migration would otherwise create it in the first schema of its search path (this
 * run's), and dropping that schema would take the extension, and every other run's
 * constraints, with it.
 */
export async function createTestSchema(): Promise<TestSchema> {
  if (!TEST_PG_URL) throw new Error(POSTGRES_MISSING ?? 'no PostgreSQL');
  const name = `lk_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (client) => {
    await client.query("SELECT pg_advisory_lock(hashtextextended('leadkit:migrations', 0))");
    await client.query('CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public');
    await client.query(`CREATE SCHEMA ${name}`);
  });
  const url = new URL(TEST_PG_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    name,
    url: url.toString(),
    query: <R>(sql: string, values?: unknown[]) =>
      withAdmin(async (client) => (await client.query(sql, values)).rows as R[], name),
    drop: () =>
      withAdmin(async (client) => {
        await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      }),
  };
}
