import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/proxy/config/load-config';
import { createProxy, type LeadkitProxy } from '../../src/proxy/create-proxy';
import { createLogger } from '../../src/proxy/observability/create-logger';
import { createMemoryRateGate } from '../../src/store/memory-rate-gate';
import { createPostgresRateGate } from '../../src/store/postgres/postgres-rate-gate';
import type { RateGate } from '../../src/store/rate-gate';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { startQualifybaseFake } from '../fakes/qualifybase-fake';
import { makeLead } from '../store/store-suite';
import {
  createRateGateSchema,
  getMostInAnyWindow,
  PG_MISSING,
  type RateGateSchema,
} from '../support/rate-gate-pg-schema';
import { waitFor } from '../support/start-test-proxy';

/** The vendor's limit, scaled down from 120/min: strict, a sliding window of arrivals. */
const RATE = { count: 10, windowMs: 1_000 };
const LEADS = 40;

/**
 * Three proxies in this process on one outbox (one SQLite file, as three instances share one
 * database), each with its own rate gate, draining LEADS leads into one QualifyBase fake.
 * Returns the fake and how many requests each proxy sent.
 */
async function drainThroughThree(gates: RateGate[], until: 'delivered' | 'throttled') {
  const fake = await startQualifybaseFake({ rateLimit: RATE });
  const dir = mkdtempSync(join(tmpdir(), 'leadkit-shared-rate-'));
  const path = join(dir, 'leadkit.db');
  const parsed = parseConfig(
    {
      store: `sqlite:${path}`,
      adminToken: 'test-admin-token-0123456789',
      secret: 'test-secret-0123456789abcdef',
      backends: {
        qb: {
          type: 'qualifybase',
          baseUrl: fake.url,
          apiKey: fake.apiKey,
          rateLimit: `${RATE.count}/${RATE.windowMs / 1000}s`,
          timeoutMs: 5_000,
        },
      },
      forms: { contact: { fields: ['name', 'email'], deliver: ['qb'] } },
    },
    {},
    { source: 'test', baseDir: dir },
  );
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const sent = gates.map(() => 0);
  const proxies: LeadkitProxy[] = [];
  for (const [i, rateGate] of gates.entries()) {
    proxies.push(
      await createProxy(parsed.config, {
        store: createSqliteStore({ path }),
        rateGate,
        logger: createLogger({ level: 'silent' }),
        outboxPollMs: 20,
        fetch: (input, init) => {
          sent[i] = (sent[i] ?? 0) + 1;
          return fetch(input, init);
        },
      }),
    );
  }
  for (let i = 0; i < LEADS; i++) {
    const proxy = proxies[i % proxies.length] as LeadkitProxy;
    await proxy.store.saveLead({
      lead: makeLead(),
      idempotencyKey: randomUUID(),
      bodyHash: 'h',
      spam: null,
      deliveries: [{ id: `msg_${randomUUID()}`, backend: 'qb', kind: 'lead' }],
    });
    proxy.outbox.wake('qb');
  }
  const startedAt = Date.now();
  const store = (proxies[0] as LeadkitProxy).store;
  await waitFor(
    async () =>
      until === 'delivered'
        ? (await store.getOutboxStats()).byStatus.delivered === LEADS
        : fake.stats.rateLimited > 0,
    30_000,
    until,
  );
  const drainedMs = Date.now() - startedAt;
  await Promise.all(proxies.map((proxy) => proxy.close(2_000)));
  await fake.close();
  return { fake, sent, drainedMs };
}

describe.skipIf(PG_MISSING !== null)('vendor rate limits across instances on PostgreSQL', () => {
  let schema: RateGateSchema;
  beforeAll(async () => {
    schema = await createRateGateSchema();
  });
  afterAll(async () => {
    await schema?.drop();
  });

  it('three proxies, each with its own pool, drain to a strict vendor without one 429', async () => {
    const gates = [0, 1, 2].map(() => createPostgresRateGate(schema.pool(4)));
    const { fake, sent, drainedMs } = await drainThroughThree(gates, 'delivered');
    expect(fake.stats.rateLimited).toBe(0);
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/leads'));
    expect(posts).toHaveLength(LEADS);
    expect(fake.leads).toHaveLength(LEADS);
    expect(
      getMostInAnyWindow(
        posts.map((r) => r.at),
        RATE.windowMs,
      ),
    ).toBeLessThanOrEqual(RATE.count);
    // The instances really shared the work…
    expect(sent.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    // …and the shared limit was used, not merely kept: 40 at 10/s is 3 windows after the first 10.
    console.log(
      `3 instances drained ${LEADS} leads at ${RATE.count}/s in ${drainedMs} ms (requests: ${sent})`,
    );
    expect(drainedMs).toBeLessThan(8_000);
  });

  it('the same three counting alone in memory overrun the vendor (the check above can fail)', async () => {
    const { fake } = await drainThroughThree(
      [0, 1, 2].map(() => createMemoryRateGate()),
      'throttled',
    );
    expect(fake.stats.rateLimited).toBeGreaterThan(0);
  });
});

describe('vendor rate limits across backends on one API key', () => {
  it('two backend entries on one QualifyBase key share its limit in one proxy', async () => {
    const fake = await startQualifybaseFake({ rateLimit: RATE });
    const dir = mkdtempSync(join(tmpdir(), 'leadkit-shared-key-'));
    const backend = {
      type: 'qualifybase',
      baseUrl: fake.url,
      apiKey: fake.apiKey,
      rateLimit: `${RATE.count}/${RATE.windowMs / 1000}s`,
    };
    const parsed = parseConfig(
      {
        store: `sqlite:${join(dir, 'leadkit.db')}`,
        adminToken: 'test-admin-token-0123456789',
        secret: 'test-secret-0123456789abcdef',
        // Two clinics of one account: one key, one limit at the vendor.
        backends: { north: backend, south: { ...backend, externalSource: 'south' } },
        forms: { contact: { fields: ['name', 'email'], deliver: ['north', 'south'] } },
      },
      {},
      { source: 'test', baseDir: dir },
    );
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const proxy = await createProxy(parsed.config, {
      logger: createLogger({ level: 'silent' }),
      outboxPollMs: 20,
    });
    for (let i = 0; i < 12; i++) {
      await proxy.store.saveLead({
        lead: makeLead(),
        idempotencyKey: randomUUID(),
        bodyHash: 'h',
        spam: null,
        deliveries: ['north', 'south'].map((name) => ({
          id: `msg_${randomUUID()}`,
          backend: name,
          kind: 'lead',
        })),
      });
    }
    proxy.outbox.wake();
    await waitFor(
      async () => (await proxy.store.getOutboxStats()).byStatus.delivered === 24,
      30_000,
      'delivered',
    );
    await proxy.close(2_000);
    await fake.close();
    expect(fake.stats.rateLimited).toBe(0);
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/leads'));
    expect(posts).toHaveLength(24);
    expect(
      getMostInAnyWindow(
        posts.map((r) => r.at),
        RATE.windowMs,
      ),
    ).toBeLessThanOrEqual(RATE.count);
  });
});
