import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredBooking } from '../../src/model/booking';
import type { IntentSignal, TrackingEvent } from '../../src/model/signal';
import { copyStore, StoreCopyRefused, type StoreCopySource } from '../../src/store/copy-store';
import { openPostgresCopySource } from '../../src/store/postgres/postgres-copy-source';
import { createPostgresCopyTarget } from '../../src/store/postgres/postgres-copy-target';
import { createPostgresStore } from '../../src/store/postgres/postgres-store';
import { openSqliteCopySource } from '../../src/store/sqlite/sqlite-copy-source';
import { createSqliteCopyTarget } from '../../src/store/sqlite/sqlite-copy-target';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { NewBooking, NewLead, Store } from '../../src/store/store';
import { createTestSchema, POSTGRES_MISSING, type TestSchema } from '../support/postgres-test-schema';
import { makeLead } from './store-suite';

/*
 * `leadkit store copy` at the store level: an SQLite store filled through the Store
 * interface, copied into a fresh PostgreSQL schema, then read back through the Store
 * interface of the PostgreSQL store (and copied back into a new SQLite file). The CLI end to end: test/proxy/store-copy-cli.test.ts.
 */

const MIN = 60_000;
/** After the leads' creation (the store tests' leads are made now): every entry is due by then. */
const T0 = Date.now() + MIN;
const SLOT = Date.parse('2026-12-07T09:00:00Z');
const BUFFER_MIN = 15;

function newLead(backends: string[], spam: NewLead['spam'] = null): NewLead {
  return {
    lead: makeLead(),
    idempotencyKey: randomUUID(),
    bodyHash: `hash-${randomUUID()}`,
    spam,
    deliveries: backends.map((backend) => ({ id: `msg_${randomUUID()}`, backend, kind: 'lead' as const })),
  };
}

function newBooking(startMin: number, lengthMin: number, calendar = 'demo'): NewBooking {
  const lead = newLead(['inbox']);
  const booking: StoredBooking = {
    id: randomUUID(),
    calendar,
    leadId: lead.lead.id,
    start: new Date(SLOT + startMin * MIN).toISOString(),
    end: new Date(SLOT + (startMin + lengthMin) * MIN).toISOString(),
    timezone: 'Europe/Berlin',
    status: 'confirmed',
    sequence: 0,
    previous: null,
    fields: lead.lead.fields,
    externalId: null,
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
  };
  return {
    booking,
    idempotencyKey: lead.idempotencyKey,
    bodyHash: 'booking-hash',
    lead,
    events: [{ id: `msg_${randomUUID()}`, backend: 'hook' }],
    overlap: { bufferMinutes: BUFFER_MIN },
  };
}

/** Claims every due entry of a backend and ends each attempt as `finish` says. */
async function work(
  store: Store,
  backend: string,
  now: number,
  finish: (id: string) => Parameters<Store['finishDelivery']>[2],
) {
  const claimed = await store.claimDeliveries({ backend, limit: 50, now, leaseMs: 30_000 });
  for (const entry of claimed) await store.finishDelivery(entry.id, entry.leaseToken, finish(entry.id), now);
  return claimed;
}

/** Leads with pending, delivered and dead entries, spam, bookings, events, signals, settings, state. */
async function fill(store: Store) {
  const delivered = newLead(['hook', 'inbox']);
  const retrying = newLead(['hook']);
  const dead = newLead(['hook']);
  const waiting = newLead(['hook']);
  for (const lead of [delivered, retrying, dead]) await store.saveLead(lead);
  await store.saveLead(newLead([], 'honeypot'));
  const outcome = new Map([
    [delivered.deliveries[0]?.id, { status: 'delivered' as const, externalId: 'crm-1' }],
    [
      retrying.deliveries[0]?.id,
      { status: 'pending' as const, nextAttemptAt: T0 + 10 * MIN, lastError: 'HTTP 503: try later' },
    ],
    [dead.deliveries[0]?.id, { status: 'dead' as const, lastError: 'HTTP 400: bad phone' }],
  ]);
  await work(store, 'hook', T0, (id) => outcome.get(id) ?? { status: 'delivered' });
  await work(store, 'inbox', T0, () => ({ status: 'delivered', externalId: delivered.lead.id }));
  await store.markLocal(delivered.lead.id, 'inbox');
  await store.saveLead(waiting);

  const booked = newBooking(0, 30);
  const cancelled = newBooking(60, 30);
  expect((await store.saveBooking(booked)).kind).toBe('created');
  expect((await store.saveBooking(cancelled)).kind).toBe('created');
  await store.cancelBooking({
    id: cancelled.booking.id,
    now: new Date(T0 + MIN),
    events: [{ id: `msg_${randomUUID()}`, backend: 'hook' }],
  });

  const event: TrackingEvent = {
    id: `evt_${randomUUID()}`,
    kind: 'open',
    emailId: 'AAECAwQFBgc',
    leadId: delivered.lead.id,
    campaign: 'spring',
    url: null,
    verdict: 'human',
    reason: 'browser',
    sourceHash: 'src-a',
    network: '203.0.113.0/24',
    counted: true,
    occurredAt: T0,
  };
  const opened: IntentSignal = {
    id: `sig_${randomUUID()}`,
    leadId: delivered.lead.id,
    type: 'email_opened',
    detail: { emailId: event.emailId },
    occurredAt: T0,
    machine: false,
    source: 'email',
    eventId: event.id,
  };
  await store.recordTrackingEvent({
    event,
    signals: [opened],
    deliveries: [{ signalId: opened.id, id: `msg_${randomUUID()}`, backend: 'hook' }],
  });
  await store.recordTrackingEvent({
    event: { ...event, id: `evt_${randomUUID()}`, verdict: 'machine', counted: false, occurredAt: T0 + 1 },
    signals: [],
  });
  await store.recordSignal({
    id: `sig_${randomUUID()}`,
    leadId: retrying.lead.id,
    type: 'pricing_viewed',
    detail: { path: '/pricing' },
    occurredAt: T0 + 2,
    machine: true,
    source: 'page',
    eventId: null,
  });
  const secret = await store.getOrCreateSetting('secret', () => 'source-secret-0123456789');
  await store.getOrCreateSetting('adminToken', () => 'source-admin-token-0123456789');
  await store.setBackendState('lio', 'token', 'lio-bearer-abc');
  return { delivered, retrying, dead, waiting, booked, cancelled, event, secret };
}

/** Everything a store shows through its interface, to compare two stores by. */
async function snapshot(store: Store, filled: Awaited<ReturnType<typeof fill>>) {
  return {
    leads: (await store.listLeads({ includeSpam: true, limit: 500 })).items,
    local: (await store.listLeads({ backend: 'inbox' })).items.map((l) => l.lead.id),
    deliveries: (await store.listDeliveries({ limit: 500 })).items,
    stats: await store.getOutboxStats(),
    nextDue: [await store.getNextDueAt('hook'), await store.getNextDueAt('inbox')],
    bookings: [
      await store.getBooking(filled.booked.booking.id),
      await store.getBooking(filled.cancelled.booking.id),
      await store.getBookingByKey(filled.booked.idempotencyKey),
    ],
    busy: await store.listBusy({ calendar: 'demo', from: SLOT - 86_400_000, to: SLOT + 86_400_000 }),
    signals: (await store.listSignals({ limit: 500 })).items,
    events: await store.listTrackingEvents({ emailId: filled.event.emailId }),
    state: await store.getBackendState('lio', 'token'),
    spam: await store.getLead(
      (await store.listLeads({ includeSpam: true })).items.find((l) => l.spam)?.lead.id ?? '',
    ),
  };
}

const bufferOf = (calendar: string) => (calendar === 'demo' ? BUFFER_MIN * MIN : null);

describe.skipIf(POSTGRES_MISSING !== null)('store copy: SQLite to PostgreSQL', () => {
  let schema: TestSchema;
  let path: string;
  let sqlite: Store;
  const opened: Store[] = [];

  function openPostgres(): Store {
    const store = createPostgresStore({ url: schema.url, poolSize: 2 });
    opened.push(store);
    return store;
  }

  function copy(now = T0 + MIN, source: StoreCopySource = openSqliteCopySource(path)) {
    const target = createPostgresCopyTarget(schema.url);
    return copyStore(source, target, { bookingBufferOf: bufferOf, now, batchSize: 3 }).finally(async () => {
      await target.close();
      await source.close();
    });
  }

  async function targetRowCount(): Promise<number> {
    const [row] = await schema.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM leads) + (SELECT count(*) FROM deliveries) + (SELECT count(*) FROM settings)
        + (SELECT count(*) FROM bookings) + (SELECT count(*) FROM signals) AS n`,
    );
    return Number(row?.n);
  }

  beforeEach(async () => {
    schema = await createTestSchema();
    path = join(mkdtempSync(join(tmpdir(), 'leadkit-copy-')), 'leadkit.db');
    sqlite = createSqliteStore({ path });
    await sqlite.migrate();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await sqlite.close();
    await schema.drop();
  });

  it('copies every table: the PostgreSQL store shows exactly what the SQLite store showed', async () => {
    const filled = await fill(sqlite);
    const before = await snapshot(sqlite, filled);
    expect(before.stats.byStatus).toEqual({ pending: 8, in_flight: 0, delivered: 2, dead: 1 });
    await sqlite.close();
    const fileHash = createHash('sha256').update(readFileSync(path)).digest('hex');

    const report = await copy();
    expect(report.outcome).toBe('copied');
    expect(Object.fromEntries(report.tables.map((t) => [t.name, t.written]))).toEqual({
      settings: 2,
      backend_state: 1,
      leads: 7,
      local_leads: 1,
      bookings: 2,
      deliveries: 11,
      tracking_events: 2,
      signals: 2,
    });
    expect(report.recoveredLeases).toBe(0);

    // The source was read, never written.
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(fileHash);
    sqlite = createSqliteStore({ path });
    expect(await snapshot(sqlite, filled)).toEqual(before);

    const pg = openPostgres();
    const after = await snapshot(pg, filled);
    expect(after).toEqual(before);
    // Newest first, as before (the seq order was kept), and the leadRefs still name the leads.
    expect(after.leads[0]?.lead.id).toBe(filled.cancelled.lead?.lead.id);
    expect(after.leads.map((l) => l.lead.id)).toEqual(before.leads.map((l) => l.lead.id));
    // The generated secret survived: leadRefs, manage tokens and tracking links stay valid.
    expect(await pg.getOrCreateSetting('secret', () => 'a-new-secret')).toBe(filled.secret);
    expect(await pg.getOrCreateSetting('adminToken', () => 'a-new-token')).toBe(
      'source-admin-token-0123456789',
    );

    // The same due entries, with the same attempt numbers, on either store.
    const due = T0 + 11 * MIN;
    const fromPg = await pg.claimDeliveries({ backend: 'hook', limit: 50, now: due, leaseMs: 30_000 });
    const fromSqlite = await sqlite.claimDeliveries({
      backend: 'hook',
      limit: 50,
      now: due,
      leaseMs: 30_000,
    });
    const view = (list: typeof fromPg) =>
      list
        .map((d) => [d.id, d.kind, d.attempts, d.attemptNumber, d.ageFrom, d.externalId, d.event, d.signal])
        .sort();
    expect(view(fromPg)).toEqual(view(fromSqlite));
    expect(fromPg.find((d) => d.id === filled.retrying.deliveries[0]?.id)?.attemptNumber).toBe(2);
    expect(fromPg.find((d) => d.kind === 'signal')?.leadDelivery).toMatchObject({
      id: filled.delivered.deliveries[0]?.id,
      status: 'delivered',
      externalId: 'crm-1',
    });
  }, 60_000);

  it('gives each booking its calendar buffer: a copied booking still blocks an overlapping one on PostgreSQL', async () => {
    const filled = await fill(sqlite);
    await sqlite.close();
    await copy();
    const rows = await schema.query<{ id: string; buffer_ms: string | null }>(
      'SELECT id, buffer_ms FROM bookings',
    );
    expect(rows.map((r) => Number(r.buffer_ms))).toEqual([BUFFER_MIN * MIN, BUFFER_MIN * MIN]);

    const pg = openPostgres();
    // The slot itself, a slot overlapping it, and one inside its buffer: all taken.
    for (const [start, length] of [
      [0, 30],
      [15, 30],
      [30 + BUFFER_MIN - 5, 30],
    ] as const)
      expect((await pg.saveBooking(newBooking(start, length))).kind).toBe('slot_unavailable');
    // The cancelled booking's slot (60–90) is free again; the database itself refuses an
    // overlap with the copied booking, whatever the check before it says.
    expect((await pg.saveBooking(newBooking(60, 30))).kind).toBe('created');
    await expect(
      schema.query(
        `INSERT INTO bookings (id, calendar, lead_id, idempotency_key, body_hash, status, start_at, end_at, buffer_ms, updated_at, data)
         VALUES ('raw', 'demo', 'x', 'raw-key', 'h', 'confirmed', $1, $2, 0, 0, '{}')`,
        [SLOT + 10 * MIN, SLOT + 20 * MIN],
      ),
    ).rejects.toMatchObject({ code: '23P01' });
    expect((await pg.getBooking(filled.booked.booking.id))?.status).toBe('confirmed');
  }, 60_000);

  it('copies bookings the buffer now in force would not allow, as the constraints can hold them', async () => {
    const made = [
      { ...newBooking(0, 30), overlap: { bufferMinutes: 0 } },
      // Closer than today's 15 minutes: made before the buffer was raised.
      { ...newBooking(35, 30), overlap: { bufferMinutes: 0 } },
      // Overlapping: made while a vendor's calendar decided.
      { ...newBooking(50, 30), overlap: null },
    ];
    for (const booking of made) expect((await sqlite.saveBooking(booking)).kind).toBe('created');
    await sqlite.close();
    expect((await copy()).outcome).toBe('copied');
    const rows = await schema.query<{ id: string; buffer_ms: string | null }>(
      'SELECT id, buffer_ms FROM bookings ORDER BY seq',
    );
    expect(rows.map((r) => (r.buffer_ms === null ? null : Number(r.buffer_ms)))).toEqual([
      BUFFER_MIN * MIN,
      0,
      null,
    ]);
    const pg = openPostgres();
    expect((await pg.saveBooking(newBooking(30, 5))).kind).toBe('slot_unavailable');
    expect((await pg.saveBooking(newBooking(120, 30))).kind).toBe('created');
  }, 60_000);

  it('refuses while an entry is in flight under a live lease, and writes nothing', async () => {
    await fill(sqlite);
    await sqlite.saveLead(newLead(['hook']));
    await sqlite.claimDeliveries({ backend: 'hook', limit: 1, now: T0 + 11 * MIN, leaseMs: 30_000 });
    await expect(copy(T0 + 11 * MIN + 1_000)).rejects.toThrow(
      new StoreCopyRefused(
        `the source has 1 delivery in flight under a lease that runs until ${new Date(T0 + 11 * MIN + 30_000).toISOString()}: ` +
          'a proxy is still running on it. Stop the proxy first (if it crashed, run the copy again once that ' +
          'time has passed); nothing was copied',
      ),
    );
    const tables = await schema.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1', [
      schema.name,
    ]);
    expect(tables).toEqual([]);
  }, 60_000);

  it('copies an entry whose lease ran out as pending and due now, its attempt number kept', async () => {
    await fill(sqlite);
    const claimedAt = T0 + 11 * MIN;
    const [claimed] = await sqlite.claimDeliveries({
      backend: 'hook',
      limit: 1,
      now: claimedAt,
      leaseMs: 30_000,
    });
    expect(claimed?.attemptNumber).toBe(1);
    await sqlite.close();
    const copiedAt = claimedAt + 31_000;

    const report = await copy(copiedAt);
    expect(report.recoveredLeases).toBe(1);
    const pg = openPostgres();
    const [view] = (await pg.listDeliveries({ leadId: claimed?.lead.id })).items.filter(
      (d) => d.id === claimed?.id,
    );
    expect(view).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: new Date(copiedAt).toISOString(),
    });
    // Due at the copy, not before (the other due entries are leased here, out of the way).
    const earlier = await pg.claimDeliveries({ backend: 'hook', limit: 50, now: copiedAt - 1, leaseMs: 1 });
    expect(earlier.map((d) => d.id)).not.toContain(claimed?.id);
    expect(earlier.length).toBeGreaterThan(0);
    const again = await pg.claimDeliveries({ backend: 'hook', limit: 50, now: copiedAt, leaseMs: 30_000 });
    const redelivery = again.find((d) => d.id === claimed?.id);
    // The backend sees attempt 2: a redelivery, which a receiver dedupes by its id.
    expect(redelivery).toMatchObject({ attempts: 2, attemptNumber: 2 });
  }, 60_000);

  it('runs again without harm: the second run writes nothing, even after the target has delivered', async () => {
    await fill(sqlite);
    await sqlite.close();
    expect((await copy()).outcome).toBe('copied');
    const pg = openPostgres();
    const delivered = await work(pg, 'hook', T0 + 11 * MIN, () => ({ status: 'delivered' }));
    expect(delivered.length).toBeGreaterThan(0);
    const before = (await pg.listDeliveries({ limit: 500 })).items;

    const second = await copy(T0 + 12 * MIN);
    expect(second.outcome).toBe('already_copied');
    expect(second.tables.every((t) => t.written === 0)).toBe(true);
    // Delivered stays delivered: nothing was put back into the queue.
    expect((await pg.listDeliveries({ limit: 500 })).items).toEqual(before);
    expect(await pg.getNextDueAt('hook')).toBeNull();
  }, 60_000);

  it("refuses another installation's target, and a target missing rows of the source, changing neither", async () => {
    await fill(sqlite);
    const pg = openPostgres();
    await pg.migrate();
    // A proxy started on the target first: it generated a secret of its own.
    await pg.getOrCreateSetting('secret', () => 'the-target-s-own-secret');
    await expect(copy()).rejects.toThrow(/belongs to another installation/);
    expect(await targetRowCount()).toBe(1);

    // The same secret, but leads of its own and none of the source's.
    await pg.setSetting('secret', 'source-secret-0123456789');
    await pg.saveLead(newLead(['hook']));
    const rowsBefore = await targetRowCount();
    await expect(copy()).rejects.toThrow(/not empty and lacks 2\d rows of the source/);
    expect(await targetRowCount()).toBe(rowsBefore);
  }, 60_000);

  it('undoes the copy when the source changes while it is read (a proxy still taking leads)', async () => {
    await fill(sqlite);
    const real = openSqliteCopySource(path);
    const source: StoreCopySource = {
      ...real,
      async *rows(table, batchSize) {
        // The still-running proxy takes a lead in the middle of the copy.
        if (table === 'signals') await sqlite.saveLead(newLead(['hook']));
        yield* real.rows(table, batchSize);
      },
    };
    await expect(copy(T0 + MIN, source)).rejects.toThrow(/the source changed while it was copied/);
    expect(await targetRowCount()).toBe(0);
  }, 60_000);

  it('leaves the target unchanged when the copy fails part-way', async () => {
    await fill(sqlite);
    await sqlite.close();
    const real = openSqliteCopySource(path);
    const source: StoreCopySource = {
      ...real,
      async *rows(table, batchSize) {
        yield* real.rows(table, batchSize);
        if (table === 'deliveries') throw new Error('disk read error');
      },
    };
    await expect(copy(T0 + MIN, source)).rejects.toThrow('disk read error');
    expect(await targetRowCount()).toBe(0);
    // And a retry afterwards copies all of it.
    expect((await copy()).outcome).toBe('copied');
  }, 60_000);
});

describe.skipIf(POSTGRES_MISSING !== null)('store copy: PostgreSQL back to SQLite', () => {
  let schema: TestSchema;
  let dir: string;
  const stores: Store[] = [];

  beforeEach(async () => {
    schema = await createTestSchema();
    dir = mkdtempSync(join(tmpdir(), 'leadkit-copy-back-'));
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await schema.drop();
  });

  async function run(
    source: StoreCopySource,
    target: ReturnType<typeof createSqliteCopyTarget>,
    now = T0 + MIN,
  ) {
    try {
      return await copyStore(source, target, { bookingBufferOf: bufferOf, now, batchSize: 2 });
    } finally {
      await target.close();
      await source.close();
    }
  }

  /** An SQLite store filled, copied to PostgreSQL; returns what it showed. */
  async function toPostgres() {
    const first = join(dir, 'first.db');
    const sqlite = createSqliteStore({ path: first });
    await sqlite.migrate();
    const filled = await fill(sqlite);
    const shown = await snapshot(sqlite, filled);
    await sqlite.close();
    const target = createPostgresCopyTarget(schema.url);
    const source = openSqliteCopySource(first);
    await copyStore(source, target, { bookingBufferOf: bufferOf, now: T0 + MIN });
    await Promise.all([target.close(), source.close()]);
    return { filled, shown };
  }

  it('round-trips: SQLite to PostgreSQL to a new SQLite file shows the same store', async () => {
    const { filled, shown } = await toPostgres();
    const back = join(dir, 'nested', 'back.db');
    const report = await run(await openPostgresCopySource(schema.url), createSqliteCopyTarget(back));
    expect(report.outcome).toBe('copied');
    expect(report.tables.reduce((n, t) => n + t.written, 0)).toBe(28);
    // Created as the store creates its file: readable by its owner only.
    expect(statSync(back).mode & 0o077).toBe(0);
    const restored = createSqliteStore({ path: back });
    stores.push(restored);
    expect(await snapshot(restored, filled)).toEqual(shown);
    // The overlap rule holds there too, by the SQLite store's own check.
    expect((await restored.saveBooking(newBooking(15, 30))).kind).toBe('slot_unavailable');
    // And once more: nothing to do.
    const again = await run(await openPostgresCopySource(schema.url), createSqliteCopyTarget(back));
    expect(again.outcome).toBe('already_copied');
  }, 60_000);

  it('refuses a PostgreSQL source with a live lease, and one written to while it is read', async () => {
    await toPostgres();
    const pg = createPostgresStore({ url: schema.url, poolSize: 2 });
    stores.push(pg);
    const at = T0 + 11 * MIN;
    const [held] = await pg.claimDeliveries({ backend: 'hook', limit: 1, now: at, leaseMs: 30_000 });
    expect(held).toBeDefined();
    await expect(
      run(await openPostgresCopySource(schema.url), createSqliteCopyTarget(join(dir, 'a.db')), at + 1_000),
    ).rejects.toThrow(/Stop the proxy first/);
    await pg.finishDelivery(held?.id ?? '', held?.leaseToken ?? '', { status: 'delivered' }, at);

    const real = await openPostgresCopySource(schema.url);
    const source: StoreCopySource = {
      ...real,
      async *rows(table, batchSize) {
        // Another instance still running takes a lead in the middle of the copy.
        if (table === 'signals') await pg.saveLead(newLead(['hook']));
        yield* real.rows(table, batchSize);
      },
    };
    const path = join(dir, 'b.db');
    await expect(run(source, createSqliteCopyTarget(path), at + 1_000)).rejects.toThrow(
      /the source changed while it was copied/,
    );
    const left = createSqliteStore({ path });
    stores.push(left);
    expect((await left.listLeads({ includeSpam: true })).items).toEqual([]);
  }, 60_000);
});
