import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backends/backend';
import type { StoredBooking } from '../../src/model/booking';
import type { IntentSignal, TrackingEvent } from '../../src/model/signal';
import { createOutbox } from '../../src/proxy/outbox/outbox-worker';
import { planOpenSignals } from '../../src/proxy/tracking/plan-open-signals';
import { migratePostgres } from '../../src/store/postgres/migrate-postgres';
import { createPostgresDb } from '../../src/store/postgres/postgres-db';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/postgres-migrations';
import { createPostgresStore, type PostgresStoreOptions } from '../../src/store/postgres/postgres-store';
import type { NewBooking, NewLead, Store } from '../../src/store/store';
import { createTestSchema, POSTGRES_MISSING, type TestSchema } from '../support/postgres-test-schema';
import { describeStoreSuite, makeLead } from './store-suite';

// The contract every store keeps, on a fresh schema per test (the suite expects an empty store).
if (!POSTGRES_MISSING) {
  describeStoreSuite('postgres', async () => {
    const schema = await createTestSchema();
    const store = createPostgresStore({ url: schema.url });
    return {
      ...store,
      async close() {
        await store.close();
        await schema.drop();
      },
    };
  });
}

function newLead(backends: string[]): NewLead {
  return {
    lead: makeLead(),
    idempotencyKey: randomUUID(),
    bodyHash: 'hash',
    spam: null,
    deliveries: backends.map((backend) => ({ id: `msg_${randomUUID()}`, backend, kind: 'lead' as const })),
  };
}

const MIN = 60_000;
const DAY0 = Date.parse('2026-12-07T09:00:00Z');

function newBooking(startMin: number, lengthMin: number, bufferMinutes = 0): NewBooking {
  const lead = newLead(['inbox']);
  const booking: StoredBooking = {
    id: randomUUID(),
    calendar: 'demo',
    leadId: lead.lead.id,
    start: new Date(DAY0 + startMin * MIN).toISOString(),
    end: new Date(DAY0 + (startMin + lengthMin) * MIN).toISOString(),
    timezone: 'Europe/Berlin',
    status: 'confirmed',
    sequence: 0,
    previous: null,
    fields: lead.lead.fields,
    externalId: null,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  };
  return {
    booking,
    idempotencyKey: lead.idempotencyKey,
    bodyHash: 'booking-hash',
    lead,
    events: [],
    overlap: { bufferMinutes },
  };
}

describe.skipIf(POSTGRES_MISSING !== null)('PostgreSQL store across instances', () => {
  let schema: TestSchema;
  const opened: Store[] = [];
  /** Each call is another instance: its own pool, its own LISTEN connection. */
  function open(options: Partial<PostgresStoreOptions> = {}): Store {
    const store = createPostgresStore({ url: schema.url, poolSize: 4, ...options });
    opened.push(store);
    return store;
  }

  beforeAll(async () => {
    schema = await createTestSchema();
    await open().migrate();
  });
  afterAll(async () => {
    await Promise.allSettled(opened.map((s) => s.close()));
    await schema?.drop();
  });

  it('connects with its session settings, synchronous_commit on whatever the URL says', async () => {
    const url = new URL(schema.url);
    url.searchParams.set('options', `${url.searchParams.get('options')} -c synchronous_commit=off`);
    url.searchParams.set('pool_size', '3');
    const db = createPostgresDb({ url: url.toString() });
    try {
      const { rows } = await db.query<Record<string, string>>(
        `SELECT current_setting('synchronous_commit') AS sync, current_setting('statement_timeout') AS statement,
         current_setting('lock_timeout') AS lock, current_setting('idle_in_transaction_session_timeout') AS idle,
         current_setting('application_name') AS app, current_schema() AS schema`,
      );
      expect(rows[0]).toEqual({
        sync: 'on',
        statement: '10s',
        lock: '5s',
        idle: '10s',
        app: 'leadkit',
        schema: schema.name,
      });
      expect(db.poolSize).toBe(3);
    } finally {
      await db.end();
    }
    expect(() => createPostgresDb({ url: 'postgres://u:secret-pw@host/db?pool_size=0' })).toThrow(
      /pool_size/,
    );
    expect(() => createPostgresDb({ url: 'postgres://u:secret-pw@host:notaport/db' })).toThrow('not a valid');
  });

  it('migrates once when ten instances start at once, and none fails', async () => {
    const fresh = await createTestSchema();
    try {
      const dbs = Array.from({ length: 10 }, () => createPostgresDb({ url: fresh.url }));
      const applied = await Promise.all(
        dbs.map((db) => migratePostgres(db.clientConfig(), POSTGRES_MIGRATIONS)),
      );
      await Promise.all(dbs.map((db) => db.end()));
      // Every version applied by exactly one of them; the other nine found nothing to do.
      expect(applied.flat().sort((a, b) => a - b)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      expect(applied.filter((versions) => versions.length > 0)).toHaveLength(1);
      // Ten stores (what ten `leadkit serve` do at start) on the migrated schema, and on a new one.
      const again = await createTestSchema();
      try {
        const stores = Array.from({ length: 10 }, () => createPostgresStore({ url: again.url, poolSize: 1 }));
        await Promise.all(stores.map((s) => s.migrate()));
        const rows = await again.query<{ version: number }>(
          'SELECT version FROM schema_migrations ORDER BY version',
        );
        expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
        expect((await stores[3]?.getOutboxStats())?.byStatus.pending).toBe(0);
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await again.drop();
      }
    } finally {
      await fresh.drop();
    }
  });

  it('never lets two instances hold the same entry at once', async () => {
    const a = open();
    const b = open();
    const backend = `claim-${randomUUID()}`;
    const total = 300;
    for (let i = 0; i < total; i += 50)
      await Promise.all(Array.from({ length: 50 }, () => a.saveLead(newLead([backend]))));
    const held = new Map<string, Store>();
    let overlaps = 0;
    const now = Date.now();
    // Three claimers per instance, each claiming small batches until nothing is left.
    async function drain(store: Store) {
      for (;;) {
        const claimed = await store.claimDeliveries({ backend, limit: 7, now, leaseMs: 60_000 });
        if (!claimed.length) return;
        for (const entry of claimed) {
          if (held.has(entry.id)) overlaps++;
          held.set(entry.id, store);
        }
        await Promise.all(
          claimed.map((entry) =>
            store.finishDelivery(entry.id, entry.leaseToken, { status: 'delivered' }, now),
          ),
        );
      }
    }
    await Promise.all([a, a, a, b, b, b].map(drain));
    expect(overlaps).toBe(0);
    expect(held.size).toBe(total);
    // Both instances took part.
    expect(new Set(held.values()).size).toBe(2);
    const stats = await a.getOutboxStats();
    expect(stats.byStatus.delivered).toBeGreaterThanOrEqual(total);
    expect(await a.getNextDueAt(backend)).toBeNull();
  });

  it("gives a dead instance's entries to another after the lease; the late finish changes nothing", async () => {
    const a = open();
    const b = open();
    const backend = `lease-${randomUUID()}`;
    const saved = newLead([backend]);
    await a.saveLead(saved);
    const now = Date.now();
    const [first] = await a.claimDeliveries({ backend, limit: 5, now, leaseMs: 1_000 });
    if (!first) throw new Error('nothing claimed');
    expect(await b.claimDeliveries({ backend, limit: 5, now: now + 500, leaseMs: 1_000 })).toEqual([]);
    const [taken] = await b.claimDeliveries({ backend, limit: 5, now: now + 2_000, leaseMs: 30_000 });
    expect(taken).toMatchObject({ id: first.id, attempts: 2, attemptNumber: 2 });
    const before = await schema.query('SELECT * FROM deliveries WHERE id = $1', [first.id]);
    // The first holder comes back late: every write of its attempt is fenced off.
    expect(await a.extendLeases({ leases: [first], now: now + 2_100, leaseMs: 30_000 })).toEqual([]);
    for (const update of [
      { status: 'delivered' as const, externalId: 'stale' },
      { status: 'pending' as const, nextAttemptAt: now, lastError: 'stale', refundAttempt: true },
      { status: 'dead' as const, lastError: 'stale' },
    ])
      expect(await a.finishDelivery(first.id, first.leaseToken, update, now + 2_200)).toBe(false);
    expect(await schema.query('SELECT * FROM deliveries WHERE id = $1', [first.id])).toEqual(before);
    expect(
      await b.finishDelivery(
        first.id,
        taken?.leaseToken ?? '',
        { status: 'delivered', externalId: 'x' },
        now + 2_300,
      ),
    ).toBe(true);
    expect((await a.listDeliveries({ backend })).items[0]).toMatchObject({
      status: 'delivered',
      externalId: 'x',
    });
  });

  it('commits a crowd of leads together, and one bad lead among them fails alone', async () => {
    const store = open();
    const taken = newLead(['inbox']);
    await store.saveLead(taken);
    const crowd = Array.from({ length: 30 }, () => newLead(['inbox']));
    // The same lead id again under a new key: its row cannot be written.
    const bad = { ...newLead(['inbox']), lead: { ...newLead([]).lead, id: taken.lead.id } };
    crowd.splice(15, 0, bad);
    const results = await Promise.allSettled(crowd.map((input) => store.saveLead(input)));
    expect(results[15]?.status).toBe('rejected');
    expect(results.filter((r) => r.status === 'fulfilled' && r.value.kind === 'created')).toHaveLength(30);
    const ids = await schema.query('SELECT 1 FROM leads WHERE id = ANY($1::text[])', [
      crowd.map((c) => c.lead.id),
    ]);
    expect(ids).toHaveLength(31);
    expect(
      await schema.query('SELECT 1 FROM leads WHERE idempotency_key = $1', [bad.idempotencyKey]),
    ).toEqual([]);
  });

  it('finishes a stale and a current holder of one entry in the same turn: only the current one counts', async () => {
    const a = open();
    const b = open();
    const backend = `race-${randomUUID()}`;
    await a.saveLead(newLead([backend]));
    const now = Date.now();
    const [stale] = await a.claimDeliveries({ backend, limit: 1, now, leaseMs: 1_000 });
    const [current] = await b.claimDeliveries({ backend, limit: 1, now: now + 5_000, leaseMs: 30_000 });
    if (!stale || !current) throw new Error('nothing claimed');
    // Both through one store, so both ride in one statement.
    const outcomes = await Promise.all([
      b.finishDelivery(stale.id, stale.leaseToken, { status: 'dead', lastError: 'stale' }, now + 5_100),
      b.finishDelivery(
        current.id,
        current.leaseToken,
        { status: 'delivered', externalId: 'fresh' },
        now + 5_100,
      ),
    ]);
    expect(outcomes).toEqual([false, true]);
    expect((await b.listDeliveries({ backend })).items[0]).toMatchObject({
      status: 'delivered',
      externalId: 'fresh',
      lastError: null,
    });
  });

  it('lets exactly one of 50 concurrent bookings of one slot through, spread over five instances', async () => {
    const stores = Array.from({ length: 5 }, () => open());
    const calendar = `cal-${randomUUID()}`;
    const inputs = Array.from({ length: 50 }, () => {
      const input = newBooking(0, 30);
      input.booking.calendar = calendar;
      return input;
    });
    const results = await Promise.all(inputs.map((input, i) => (stores[i % 5] as Store).saveBooking(input)));
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'slot_unavailable')).toHaveLength(49);
    expect(await stores[0]?.listBusy({ calendar, from: DAY0 - 60 * MIN, to: DAY0 + 120 * MIN })).toHaveLength(
      1,
    );
    // Only the winner's lead was kept.
    const leads = await schema.query('SELECT 1 FROM leads WHERE id = ANY($1::text[])', [
      inputs.map((i) => i.booking.leadId),
    ]);
    expect(leads).toHaveLength(1);
  });

  it('keeps the buffer between bookings made at once on several instances', async () => {
    const stores = Array.from({ length: 4 }, () => open());
    const calendar = `buf-${randomUUID()}`;
    // 30-minute bookings starting 0, 5, …, 35 minutes in: any two are less than 10 minutes
    // apart (or overlap), so with a 10-minute buffer only one may stand.
    const inputs = Array.from({ length: 32 }, (_, i) => {
      const input = newBooking((i % 8) * 5, 30, 10);
      input.booking.calendar = calendar;
      return input;
    });
    const results = await Promise.all(inputs.map((input, i) => (stores[i % 4] as Store).saveBooking(input)));
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
  });

  it('answers slot_unavailable when the constraint, not the check, finds the meeting booking', async () => {
    const store = open();
    const calendar = `race-${randomUUID()}`;
    const rival = newBooking(0, 30);
    rival.booking.calendar = calendar;
    // Another instance's transaction has inserted the slot and not committed yet: the store's
    // check cannot see it, so its insert waits on the constraint and fails once that commits.
    const other = new Client({ connectionString: schema.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `INSERT INTO bookings (id, calendar, lead_id, idempotency_key, body_hash, status, start_at, end_at, buffer_ms, updated_at, data)
         VALUES ($1, $2, 'lead-x', $3, 'h', 'confirmed', $4, $5, 0, 0, '{}')`,
        [randomUUID(), calendar, randomUUID(), DAY0 + 10 * MIN, DAY0 + 40 * MIN],
      );
      const input = newBooking(0, 30);
      input.booking.calendar = calendar;
      const pending = store.saveBooking(input);
      await new Promise((r) => setTimeout(r, 200));
      await other.query('COMMIT');
      expect(await pending).toEqual({ kind: 'slot_unavailable' });
      expect(await store.getLead(input.booking.leadId)).toBeNull();
    } finally {
      await other.end();
    }
    // The database refuses a meeting booking whoever writes it.
    await expect(
      schema.query(
        `INSERT INTO bookings (id, calendar, lead_id, idempotency_key, body_hash, status, start_at, end_at, buffer_ms, updated_at, data)
         VALUES ($1, $2, 'lead-y', $3, 'h', 'confirmed', $4, $5, 0, 0, '{}')`,
        [randomUUID(), calendar, randomUUID(), DAY0 + 20 * MIN, DAY0 + 50 * MIN],
      ),
    ).rejects.toMatchObject({ code: '23P01' });
  });

  it('keeps the third-open signal single when the opens land on two instances at once', async () => {
    const a = open();
    const b = open();
    const emailId = `email-${randomUUID()}`;
    const leadId = `lead-${randomUUID()}`;
    const event = (store: string, at: number): TrackingEvent => ({
      id: `evt_${store}_${randomUUID()}`,
      kind: 'open',
      emailId,
      leadId,
      campaign: null,
      url: null,
      verdict: 'human',
      reason: 'browser',
      sourceHash: `src-${store}`,
      network: '203.0.113.0/24',
      counted: true,
      occurredAt: at,
    });
    // What record-tracking-fetch.ts does per open: read the counted opens, plan, record.
    async function openOnce(store: Store, name: string, at: number) {
      const previous = await store.listTrackingEvents({ emailId, kind: 'open', countedOnly: true });
      const plan = planOpenSignals({
        emailId,
        leadId,
        countedOpenTimes: previous.map((e) => e.occurredAt),
        now: at,
      });
      const signals = plan.signals.map(
        (s): IntentSignal => ({
          id: s.id,
          leadId,
          type: s.type,
          detail: { emailId },
          occurredAt: at,
          machine: false,
          source: 'email',
          eventId: null,
        }),
      );
      const deliveries = signals.map((s) => ({ signalId: s.id, id: `msg_${s.id}_hook`, backend: 'hook' }));
      await store.recordTrackingEvent({
        event: { ...event(name, at), counted: plan.counted },
        signals,
        deliveries,
      });
    }
    await openOnce(a, 'a', 0);
    await openOnce(b, 'b', 10 * MIN);
    // Six third opens at once, three per instance, all planned from the same two earlier ones.
    const at = 20 * MIN;
    await Promise.all([a, b, a, b, a, b].map((store, i) => openOnce(store, `r${i}`, at + i)));
    const signals = await a.listSignals({ leadId, limit: 100 });
    expect(signals.items.filter((s) => s.type === 'email_opened_3x')).toHaveLength(1);
    expect(signals.items.filter((s) => s.type === 'email_opened')).toHaveLength(3);
    const entries = await schema.query<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM deliveries WHERE lead_id = $1 AND kind = 'signal'`,
      [leadId],
    );
    expect(entries[0]?.n).toBe(4);
  });

  it('wakes the other instances after a commit that enqueued entries, with one NOTIFY for many', async () => {
    const appName = `leadkit-test-${randomUUID().slice(0, 8)}`;
    const watcher = open({ applicationName: appName });
    const writer = open({ notifyDebounceMs: 50 });
    const heard: Array<readonly string[] | null> = [];
    const stop = watcher.watchOutbox?.((backends) => heard.push(backends));
    if (!stop) throw new Error('the PostgreSQL store can watch the outbox');
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(check()).toBe(true);
    };
    const listening = async () =>
      (
        await schema.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1', [
          `${appName} listen`,
        ])
      ).length === 1;
    for (let i = 0; i < 100 && !(await listening()); i++) await new Promise((r) => setTimeout(r, 50));
    const backend = `wake-${randomUUID()}`;
    await Promise.all(Array.from({ length: 40 }, () => writer.saveLead(newLead([backend]))));
    await until(() => heard.some((b) => b?.includes(backend)));
    await new Promise((r) => setTimeout(r, 200));
    // Debounced: 40 commits within the window make a notice or two, not forty.
    expect(heard.filter((b) => b?.includes(backend)).length).toBeLessThanOrEqual(3);
    // The writer's own notices do not wake the writer.
    const own: unknown[] = [];
    const stopOwn = writer.watchOutbox?.((backends) => own.push(backends));
    // The LISTEN connection is cut (a failover): the watcher reconnects and wakes every backend.
    heard.length = 0;
    await schema.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
      `${appName} listen`,
    ]);
    await until(() => heard.includes(null));
    await writer.saveLead(newLead([`${backend}-after`]));
    await until(() => heard.some((b) => b?.includes(`${backend}-after`)));
    expect(own.filter((b) => Array.isArray(b) && b.includes(`${backend}-after`))).toEqual([]);
    stop();
    stopOwn?.();
  });

  it('wakes an idle outbox worker when another instance takes a lead, long before its poll', async () => {
    const workerStore = open();
    const intakeStore = open({ notifyDebounceMs: 10 });
    const name = `notified-${randomUUID()}`;
    const delivered: string[] = [];
    const backend: Backend = {
      name,
      type: 'fake',
      limits: {
        timeoutMs: 1_000,
        concurrency: 2,
        rateLimit: null,
        retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 40, maxAgeHours: 1 },
        batchSize: 1,
      },
      async deliverLead(lead) {
        delivered.push(lead.id);
        return { kind: 'ok' };
      },
    };
    const silent = { info() {}, warn() {}, error() {} };
    // Polls once a minute: only the NOTIFY can make it deliver within the test.
    const outbox = createOutbox({
      store: workerStore,
      backends: new Map([[name, backend]]),
      logger: silent,
      pollMs: 60_000,
    });
    outbox.start();
    try {
      await new Promise((r) => setTimeout(r, 500)); // its first claim found nothing; it sleeps
      const saved = newLead([name]);
      const started = Date.now();
      await intakeStore.saveLead(saved);
      for (let i = 0; i < 100 && !delivered.length; i++) await new Promise((r) => setTimeout(r, 50));
      expect(delivered).toEqual([saved.lead.id]);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await outbox.stop(1_000);
    }
  });

  it('recovers when its connections are cut, telling onError about the idle ones', async () => {
    const appName = `leadkit-test-${randomUUID().slice(0, 8)}`;
    const errors: string[] = [];
    const store = open({ applicationName: appName, onError: (_error, context) => errors.push(context) });
    await Promise.all(Array.from({ length: 4 }, () => store.getOutboxStats()));
    const cut = await schema.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [appName],
    );
    expect(cut.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(errors).toContain('idle connection lost');
    // The pool dropped the dead connections and opens new ones.
    const saved = newLead(['inbox']);
    expect((await store.saveLead(saved)).kind).toBe('created');
    expect((await store.getLead(saved.lead.id))?.lead.id).toBe(saved.lead.id);

    // A connection cut in the middle of a transaction (here waiting on another session's
    // row) fails that call, and is closed rather than lent again.
    const calendar = `cut-${randomUUID()}`;
    const other = new Client({ connectionString: schema.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `INSERT INTO bookings (id, calendar, lead_id, idempotency_key, body_hash, status, start_at, end_at, buffer_ms, updated_at, data)
         VALUES ($1, $2, 'lead-x', $3, 'h', 'confirmed', $4, $5, 0, 0, '{}')`,
        [randomUUID(), calendar, randomUUID(), DAY0, DAY0 + 30 * MIN],
      );
      const input = newBooking(0, 30);
      input.booking.calendar = calendar;
      const waiting = store.saveBooking(input);
      await new Promise((r) => setTimeout(r, 200));
      await schema.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND state <> 'idle'",
        [appName],
      );
      await expect(waiting).rejects.toThrow();
      await other.query('ROLLBACK');
    } finally {
      await other.end();
    }
    const retried = newBooking(0, 30);
    retried.booking.calendar = calendar;
    expect((await store.saveBooking(retried)).kind).toBe('created');
    const alive = await schema.query<{ n: number }>(
      'SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [appName],
    );
    expect(alive[0]?.n).toBeLessThanOrEqual(4);
  });
});
