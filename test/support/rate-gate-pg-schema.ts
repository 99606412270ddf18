/**
 * PostgreSQL for the rate-gate tests: `LEADKIT_TEST_PG` names the server (`.ci/run` sets it,
 * database `test`). Each run works in a schema of its own, with `RATE_GATE_DDL` applied and
 * a log of every admission, settle and release (a trigger: the times are the database's), and drops
 * it afterwards. Without the variable the suites skip with `PG_MISSING` printed.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { RATE_GATE_DDL } from '../../src/store/postgres/postgres-rate-gate';

export const PG_URL = process.env.LEADKIT_TEST_PG || null;

/** Why the PostgreSQL suites skip, or null when a server is named. */
export const PG_MISSING: string | null = PG_URL
  ? null
  : 'PostgreSQL rate-gate tests skipped: LEADKIT_TEST_PG is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';

if (PG_MISSING) console.warn(PG_MISSING);

/**
 * One row of the log: an admission (`admit`) or a settle, with the slot's `at` after it, or
 * a release (`release`, at the time it happened).
 */
export interface GateEvent {
  kind: 'admit' | 'settle' | 'release';
  key: string;
  slot: number;
  /** Database time, ms since the epoch (microseconds kept as a fraction). */
  at: number;
  /** The slot's `at` and hold before the change (an admission reuses a settled or expired slot). */
  previousAt: number | null;
  previousHeldUntil: number | null;
}

export interface RateGateSchema {
  name: string;
  /** A pool in this schema, as one proxy instance would have; ended by `drop`. */
  pool(max?: number): pg.Pool;
  /** Every admission, settle and release so far, in database time order. */
  events(key?: string): Promise<GateEvent[]>;
  drop(): Promise<void>;
}

const LOG_DDL = `
CREATE TABLE gate_log (
  id bigserial PRIMARY KEY, kind text NOT NULL, key text NOT NULL, slot integer NOT NULL,
  at timestamptz NOT NULL, previous_at timestamptz, previous_held_until timestamptz);
CREATE FUNCTION log_gate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.token IS NOT NULL AND NEW.token IS DISTINCT FROM OLD.token THEN
    INSERT INTO gate_log (kind, key, slot, at, previous_at, previous_held_until)
    VALUES ('admit', NEW.key, NEW.slot, NEW.at, OLD.at, OLD.held_until);
  ELSIF NEW.token IS NULL AND OLD.token IS NOT NULL THEN
    INSERT INTO gate_log (kind, key, slot, at, previous_at, previous_held_until)
    VALUES (CASE WHEN NEW.at = '-infinity' THEN 'release' ELSE 'settle' END, NEW.key, NEW.slot,
            CASE WHEN NEW.at = '-infinity' THEN clock_timestamp() ELSE NEW.at END, OLD.at, OLD.held_until);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER log_gate AFTER UPDATE ON rate_gate_slots FOR EACH ROW EXECUTE FUNCTION log_gate();`;

const toMs = (value: string | null): number | null =>
  value === null || !Number.isFinite(Number(value)) ? null : Number(value);

/** Creates `lk_rategate_<random>` with the gate's table and the log. */
export async function createRateGateSchema(): Promise<RateGateSchema> {
  if (!PG_URL) throw new Error(PG_MISSING ?? 'no PostgreSQL');
  const name = `lk_rategate_${randomBytes(6).toString('hex')}`;
  const pools: pg.Pool[] = [];
  const admin = new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path=${name}` });
  pools.push(admin);
  await admin.query(`CREATE SCHEMA ${name}`);
  await admin.query(RATE_GATE_DDL);
  await admin.query(LOG_DDL);
  return {
    name,
    pool(max = 4) {
      const pool = new pg.Pool({
        connectionString: PG_URL ?? undefined,
        max,
        options: `-c search_path=${name} -c statement_timeout=10000`,
      });
      pools.push(pool);
      return pool;
    },
    async events(key) {
      const { rows } = await admin.query<Record<string, string | null>>(
        `SELECT kind, key, slot,
                extract(epoch FROM at) * 1000 AS at,
                extract(epoch FROM previous_at) * 1000 AS previous_at,
                extract(epoch FROM previous_held_until) * 1000 AS previous_held_until
           FROM gate_log WHERE $1::text IS NULL OR key = $1 ORDER BY at, id`,
        [key ?? null],
      );
      return rows.map((row) => ({
        kind: row.kind as GateEvent['kind'],
        key: row.key as string,
        slot: Number(row.slot),
        at: Number(row.at),
        previousAt: toMs(row.previous_at ?? null),
        previousHeldUntil: toMs(row.previous_held_until ?? null),
      }));
    },
    async drop() {
      await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await Promise.allSettled(pools.map((pool) => pool.end()));
    },
  };
}

/**
 * The most admissions that fall within any window of `windowMs` (half-open, as a vendor's
 * sliding window counts): an exact check over every start, not a sample.
 */
export function getMostInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] as number) - (sorted[first] as number) >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
