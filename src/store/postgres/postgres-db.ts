import { type ClientConfig, DatabaseError, Pool, type PoolClient, type QueryResultRow, types } from 'pg';

/** How a PostgreSQL store connects. Every limit has a default suited to one proxy instance. */
export interface PostgresConnectionOptions {
  /**
   * `postgres://` or `postgresql://` URL. libpq parameters in its query win over the defaults
   * below (`?application_name=…&statement_timeout=…`); `options=-c search_path=…` picks a schema.
   */
  url: string;
  /**
   * Connections this instance's pool opens at most (default 10). Each instance also holds one
   * for LISTEN and, while it starts, one for migrations: plan `instances × (poolSize + 2)`
   * against the server's `max_connections` (docs/postgres.md).
   */
  poolSize?: number;
  /** Shown in `pg_stat_activity` (default `leadkit`). */
  applicationName?: string;
  /** Server-side cap on one statement (default 10 s). */
  statementTimeoutMs?: number;
  /** Server-side cap on waiting for a lock, a row another transaction holds included (default 5 s). */
  lockTimeoutMs?: number;
  /**
   * The server ends a session that sits inside a transaction this long (default 10 s): one
   * forgotten open transaction would hold back every `SKIP LOCKED` claim behind its locks.
   */
  idleInTransactionTimeoutMs?: number;
  /** Connecting, or waiting for a free pooled connection (default 5 s). */
  connectTimeoutMs?: number;
  /** Told about errors nobody awaits: an idle connection dropped, a NOTIFY that failed. */
  onError?: (error: Error, context: string) => void;
}

/** A query target: the pool, or one connection inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number }>;
}

export interface PostgresDb extends Queryable {
  readonly pool: Pool;
  /** Connections the pool opens at most. */
  readonly poolSize: number;
  /** The pool's connection settings, for the connections that must not be pooled (LISTEN, migrations). */
  clientConfig(overrides?: Partial<ClientConfig>): ClientConfig;
  /**
   * Runs `work` in one transaction on one connection; retried (whole) after a deadlock or a
   * serialization failure, which PostgreSQL resolves by aborting one side.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  reportError(error: Error, context: string): void;
  end(): Promise<void>;
}

const INT8_OID = 20;
/**
 * bigint (times in ms, counts, seq) as a JS number: every value stored is far below 2^53, and
 * the Store interface speaks numbers. Scoped to this pool, not set globally in `pg`.
 */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

const RETRIES = 3;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown; broken: boolean };

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * True when the connection an error came from must not be reused: the network or the server
 * went away (class 08, admin or crash shutdown), the client gave up waiting, or the server is
 * now a read-only standby (a failover whose old primary came back as a replica). The pool
 * then opens a fresh connection, to whatever the URL's host now points at.
 */
export function isBrokenConnection(error: unknown): boolean {
  if (!(error instanceof DatabaseError)) return true;
  const code = error.code ?? '';
  return code.startsWith('08') || code.startsWith('57P') || code === '25006';
}

/**
 * The URL with our session settings added to its `options` (what pg sends at connect, no
 * extra round trip). `synchronous_commit=on` comes last so a role or URL default cannot turn
 * it off: a 202 must mean the lead is on disk. `pool_size` is ours and removed.
 */
export function parsePostgresUrl(url: string): { connectionString: string; poolSize: number | null } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Never echo the URL: it may carry a password.
    throw new Error('store: not a valid postgres:// URL');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new Error('store: a PostgreSQL URL starts with postgres:// or postgresql://');
  const poolParam = parsed.searchParams.get('pool_size');
  parsed.searchParams.delete('pool_size');
  let poolSize: number | null = null;
  if (poolParam !== null) {
    poolSize = Number(poolParam);
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000)
      throw new Error(`store: pool_size must be a whole number from 1 to 1000, not "${poolParam}"`);
  }
  const options = [parsed.searchParams.get('options'), '-c synchronous_commit=on'].filter(Boolean).join(' ');
  parsed.searchParams.set('options', options);
  return { connectionString: parsed.toString(), poolSize };
}

/** The pool and the two ways the store talks through it. */
export function createPostgresDb(options: PostgresConnectionOptions): PostgresDb {
  const { connectionString, poolSize } = parsePostgresUrl(options.url);
  const statementTimeout = options.statementTimeoutMs ?? 10_000;
  const base: ClientConfig = {
    connectionString,
    application_name: options.applicationName ?? 'leadkit',
    statement_timeout: statementTimeout,
    lock_timeout: options.lockTimeoutMs ?? 5_000,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 10_000,
    // The client's own limit, for when the server cannot answer at all (a dead network).
    query_timeout: statementTimeout + 5_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    types: TYPES,
  };
  const reportError =
    options.onError ??
    ((error: Error, context: string) => {
      process.stderr.write(`leadkit store (postgres): ${context}: ${error.message}\n`);
    });
  const max = options.poolSize ?? poolSize ?? 10;
  const pool = new Pool({
    ...base,
    max,
    idleTimeoutMillis: 30_000,
  });
  // An idle pooled connection that dies (failover, restart, network) emits here; without a
  // listener Node would crash the process. The pool has already dropped it.
  pool.on('error', (error) => reportError(error, 'idle connection lost'));

  /** Lends one connection; `use` says whether it may go back to the pool. */
  async function withClient<T>(use: (client: PoolClient) => Promise<Outcome<T>>): Promise<T> {
    const client = await pool.connect();
    // While lent, the pool does not listen: a connection that dies now (its query fails with
    // the same error) would otherwise be an uncaught 'error' event.
    let lost: Error | undefined;
    const onLost = (error: Error) => {
      lost = error;
    };
    client.on('error', onLost);
    let outcome: Outcome<T>;
    try {
      outcome = await use(client);
    } catch (error) {
      outcome = { ok: false, error, broken: true };
    }
    client.off('error', onLost);
    // Released with an error, a broken connection is closed instead of pooled.
    const broken = lost ?? (!outcome.ok && outcome.broken ? toError(outcome.error) : undefined);
    client.release(broken);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  async function query<R extends QueryResultRow>(text: string, values?: unknown[]) {
    return withClient<{ rows: R[]; rowCount: number }>(async (client) => {
      try {
        const result = await client.query<R>(text, values);
        return { ok: true, value: { rows: result.rows, rowCount: result.rowCount ?? 0 } };
      } catch (error) {
        return { ok: false, error, broken: isBrokenConnection(error) };
      }
    });
  }

  async function transactionOnce<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return withClient<T>(async (client) => {
      const tx: Queryable = {
        async query<R extends QueryResultRow>(text: string, values?: unknown[]) {
          const result = await client.query<R>(text, values);
          return { rows: result.rows, rowCount: result.rowCount ?? 0 };
        },
      };
      try {
        await client.query('BEGIN');
        const value = await work(tx);
        await client.query('COMMIT');
        return { ok: true, value };
      } catch (error) {
        // Whatever failed, a connection that rolls back cleanly is as good as new; one that
        // cannot is closed.
        try {
          await client.query('ROLLBACK');
          return { ok: false, error, broken: false };
        } catch {
          return { ok: false, error, broken: true };
        }
      }
    });
  }

  return {
    pool,
    poolSize: max,
    query,
    clientConfig: (overrides = {}) => ({ ...base, ...overrides }),
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await transactionOnce(work);
        } catch (error) {
          const code = error instanceof DatabaseError ? error.code : undefined;
          if (attempt >= RETRIES || (code !== '40P01' && code !== '40001')) throw error;
        }
      }
    },
    reportError,
    async end() {
      if (!pool.ended) await pool.end();
    },
  };
}
