import type { Pool } from 'pg';
import type { RateAdmission, RateGate, RateGateRequest, RateTicket } from '../rate-gate';

/**
 * The table of `createPostgresRateGate`, for the PostgreSQL migrations: one row per slot of
 * each key's ring. A slot is taken while `held_until` lies ahead (in flight) or, settled
 * (`held_until` null), until a window after `at`; `token` fences a settle or release to the
 * admission that took the slot. Unqualified, so it lands in the store's schema.
 */
export const RATE_GATE_DDL = `
CREATE TABLE IF NOT EXISTS rate_gate_slots (
  key text NOT NULL,
  slot integer NOT NULL,
  at timestamptz NOT NULL DEFAULT '-infinity',
  held_until timestamptz,
  token uuid,
  PRIMARY KEY (key, slot)
)`;

export interface PostgresRateGateOptions {
  /** Where a failed statement is told; the gate's callers only wait longer. */
  logger?: { error(obj: object, msg?: string): void };
}

/** Creates slots 0..count-1 of a key's ring; another instance doing the same at once is fine. */
const ENSURE_RING = `
INSERT INTO rate_gate_slots (key, slot)
SELECT $1, s FROM generate_series(0, $2::integer - 1) AS s
ON CONFLICT (key, slot) DO NOTHING`;

/**
 * One admission, atomic: lock up to $5 free slots of the ring, skipping those another
 * admission or settle holds (SKIP LOCKED: concurrent admissions take different slots, none
 * waits), and mark them in flight — all on one reading of the database clock. A row another
 * transaction changed after our snapshot is re-checked on its newest version before it is
 * locked, so a slot is never taken twice. The same statement says when the first slot can
 * free: a settled one a window after its `at`, one in flight (those it just took too) at its
 * hold's end or a window from now, whichever is sooner (it settles no sooner than now); the
 * rows it reads for that are the snapshot's, so the slots it took count as just taken.
 * Both CTEs that read the clock or lock are materialised by PostgreSQL (volatile, FOR UPDATE).
 * A free slot's `at` may be -infinity, hence the `greatest`: PostgreSQL before 16 cannot
 * subtract an infinite timestamp.
 */
const ADMIT = `
WITH clock AS MATERIALIZED (SELECT clock_timestamp() AS t),
free AS (
  SELECT s.slot FROM rate_gate_slots s, clock
  WHERE s.key = $1 AND s.slot < $2
    AND CASE WHEN s.held_until IS NULL
             THEN s.at <= clock.t - $3::double precision * interval '1 millisecond'
             ELSE s.held_until <= clock.t END
  ORDER BY s.slot
  LIMIT $5
  FOR UPDATE OF s SKIP LOCKED
),
taken AS (
  UPDATE rate_gate_slots s
  SET at = clock.t,
      held_until = clock.t + $4::double precision * interval '1 millisecond',
      token = gen_random_uuid()
  FROM free, clock
  WHERE s.key = $1 AND s.slot = free.slot
  RETURNING s.slot, s.token
),
soonest AS (
  SELECT min(CASE WHEN s.slot IN (SELECT slot FROM taken)
                  THEN clock.t + $3::double precision * interval '1 millisecond'
                  WHEN s.held_until IS NULL
                  THEN greatest(s.at + $3::double precision * interval '1 millisecond', clock.t)
                  ELSE least(s.held_until, clock.t + $3::double precision * interval '1 millisecond') END) AS at
  FROM rate_gate_slots s, clock
  WHERE s.key = $1 AND s.slot < $2
)
SELECT
  (SELECT coalesce(json_agg(json_build_array(slot, token)), '[]'::json) FROM taken) AS taken,
  (SELECT count(*) FROM rate_gate_slots WHERE key = $1 AND slot < $2)::integer AS ring,
  (SELECT extract(epoch FROM soonest.at - clock.t) * 1000 FROM soonest, clock)::double precision AS retry_in_ms`;

/** The window runs from the answer, on the database clock; a slot no longer ours is left alone. */
const SETTLE = `
UPDATE rate_gate_slots SET at = greatest(at, clock_timestamp()), held_until = NULL, token = NULL
WHERE key = $1 AND slot = $2 AND token = $3`;

const RELEASE = `
UPDATE rate_gate_slots SET at = '-infinity', held_until = NULL, token = NULL
WHERE key = $1 AND slot = $2 AND token = $3`;

/**
 * The rate gate several `leadkit serve` instances share through one PostgreSQL database, so
 * vendor and delivery rates hold in aggregate: an exact sliding log, each key a ring of
 * `count` slots (`RATE_GATE_DDL`), each admission one atomic statement on the database clock
 * (`clock_timestamp()`: no instance's clock counts), taken before the call goes out. A slot
 * in flight frees itself after `holdMs` when its instance died; `settle` starts its window
 * at the answer. Keys are hashes (`toRequestRateKey`), never credentials.
 *
 * A ring is as long as the `count` asked for: instances that disagree on a key's rate (a
 * config change rolled out one instance at a time) use different lengths of one ring until
 * they agree again.
 *
 * @example
 * const gate = createPostgresRateGate(pool, { logger });
 * const store = { ...pgStore, rateGate: gate }; // or createProxy(config, { rateGate: gate })
 */
export function createPostgresRateGate(pool: Pool, options: PostgresRateGateOptions = {}): RateGate {
  /** Rings this process has made sure of (`key:count`): one INSERT per ring and process. */
  const ensured = new Set<string>();

  const report = (what: string, error: unknown): void => {
    // The key is a hash, so it may be logged; the statement's parameters never hold a secret.
    options.logger?.error({ err: error instanceof Error ? error.message : String(error) }, what);
  };

  function createTicket(key: string, slot: number, token: string): RateTicket {
    let done = false;
    const finish = async (sql: string, what: string): Promise<void> => {
      if (done) return;
      done = true;
      await pool.query(sql, [key, slot, token]).then(
        () => undefined,
        (error: unknown) => report(what, error),
      );
    };
    return {
      settle: () => finish(SETTLE, 'rate gate: settle failed; the slot frees when its hold ends'),
      release: () => finish(RELEASE, 'rate gate: release failed; the slot frees when its hold ends'),
    };
  }

  async function admit(request: RateGateRequest, max: number): Promise<RateAdmission> {
    const ringId = `${request.key}:${request.count}`;
    if (!ensured.has(ringId)) {
      await pool.query(ENSURE_RING, [request.key, request.count]);
      ensured.add(ringId);
    }
    const { rows } = await pool.query<{
      taken: Array<[number, string]>;
      ring: number;
      retry_in_ms: number | null;
    }>(ADMIT, [request.key, request.count, request.windowMs, request.holdMs, max]);
    const row = rows[0];
    if (!row) throw new Error('rate gate: the admission returned no row');
    const tickets = row.taken.map(([slot, token]) => createTicket(request.key, slot, token));
    if (row.ring < request.count && tickets.length < max) {
      // The ring lost rows (a table emptied by hand): make it whole again and come back at once.
      ensured.delete(ringId);
      return { tickets, retryInMs: 0 };
    }
    return { tickets, retryInMs: row.retry_in_ms ?? 0 };
  }

  return {
    async tryAdmit(request, max = 1) {
      if (!(request.count >= 1) || !Number.isFinite(request.windowMs) || !Number.isFinite(request.holdMs))
        throw new Error('rate gate: count, windowMs and holdMs must be finite and count at least 1');
      try {
        return await admit(request, max);
      } catch (error) {
        report('rate gate: admission failed; nothing is sent until it works again', error);
        throw error;
      }
    },
  };
}
