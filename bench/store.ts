import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore } from '../src/store/postgres/postgres-store';
import { createSqliteStore } from '../src/store/sqlite/sqlite-store';
import type { NewLead, Store } from '../src/store/store';
import { makeTestLead } from '../test/support/backend-test-kit';
import { createTestSchema } from '../test/support/postgres-test-schema';

const LEADS = Number(process.env.BENCH_STORE_LEADS ?? 5000);
const CALLERS = 50;

function newLead(backend: string): NewLead {
  const id = randomUUID();
  return {
    lead: makeTestLead({ id, leadRef: `ref-${id}`, createdAt: new Date().toISOString() }),
    idempotencyKey: randomUUID(),
    bodyHash: 'bench',
    spam: null,
    deliveries: [{ id: `msg_${randomUUID()}`, backend, kind: 'lead' }],
  };
}

/** `count` leads from CALLERS concurrent callers over `stores` (round robin); per second and p99 ms. */
async function saveLeads(stores: Store[], count: number, backend: string) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async (_, caller) => {
      while (next < count) {
        next++;
        const t = performance.now();
        await (stores[caller % stores.length] as Store).saveLead(newLead(backend));
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: count / seconds, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}

/** Claims (batches of 20, 8 claimers per store) and finishes every entry of `backend`; entries per second. */
async function drain(stores: Store[], backend: string, count: number) {
  const now = Date.now() + 1_000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    stores.flatMap((store) =>
      Array.from({ length: 8 }, async () => {
        for (;;) {
          const claimed = await store.claimDeliveries({ backend, limit: 20, now, leaseMs: 60_000 });
          if (!claimed.length) return;
          await Promise.all(
            claimed.map((d) => store.finishDelivery(d.id, d.leaseToken, { status: 'delivered' }, now)),
          );
          done += claimed.length;
        }
      }),
    ),
  );
  if (done !== count) throw new Error(`drained ${done} of ${count}`);
  return count / ((performance.now() - started) / 1000);
}

function line(name: string, saved: { perSecond: number; p99: number }, drained: number): string {
  return `${name.padEnd(40)} saveLead ${saved.perSecond.toFixed(0).padStart(6)}/s (p99 ${saved.p99.toFixed(1).padStart(5)} ms)   claim+finish ${drained.toFixed(0).padStart(6)}/s`;
}

/**
 * The stores alone, no HTTP: leads with one outbox entry each saved by 50 concurrent callers,
 * then drained by claim + finish. SQLite (group commit) beside PostgreSQL with one and two
 * store instances (each its own pool of 10) on one database. PostgreSQL needs LEADKIT_TEST_PG.
 */
export async function runStoreBench(): Promise<void> {
  console.log(`\n## Stores alone (${LEADS} leads, ${CALLERS} concurrent callers, one entry each)`);
  const sqlite = createSqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'leadkit-bench-')), 'bench.db') });
  await sqlite.migrate();
  console.log(
    line(
      'SQLite, group commit',
      await saveLeads([sqlite], LEADS, 'hook'),
      await drain([sqlite], 'hook', LEADS),
    ),
  );
  await sqlite.close();
  if (!process.env.LEADKIT_TEST_PG) {
    console.log('PostgreSQL skipped: LEADKIT_TEST_PG is not set');
    return;
  }
  for (const instances of [1, 2]) {
    const schema = await createTestSchema();
    try {
      const stores = Array.from({ length: instances }, () =>
        createPostgresStore({ url: schema.url, poolSize: 10 }),
      );
      await stores[0]?.migrate();
      const saved = await saveLeads(stores, LEADS, 'hook');
      const drained = await drain(stores, 'hook', LEADS);
      console.log(
        line(`PostgreSQL, ${instances} instance${instances > 1 ? 's' : ''} (pool 10 each)`, saved, drained),
      );
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await schema.drop();
    }
  }
}
