import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend, BackendLimits, DeliveryOutcome } from '../../src/backends/backend';
import type { CanonicalLead } from '../../src/model/lead';
import { createOutbox } from '../../src/proxy/outbox/outbox-worker';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/store';
import { makeLead } from '../store/store-suite';
import { waitFor } from '../support/start-test-proxy';

const silent = { info() {}, warn() {}, error() {} };

function limits(overrides: Partial<BackendLimits> = {}): BackendLimits {
  return {
    timeoutMs: 1000,
    concurrency: 4,
    rateLimit: null,
    retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 40, maxAgeHours: 1 },
    batchSize: 1,
    ...overrides,
  };
}

function fakeBackend(
  name: string,
  answer: (lead: CanonicalLead, n: number) => Promise<DeliveryOutcome> | DeliveryOutcome,
  l = limits(),
) {
  const calls: Array<{ leadId: string; deliveryId: string; at: number }> = [];
  let active = 0;
  let maxActive = 0;
  const backend: Backend = {
    name,
    type: 'fake',
    limits: l,
    async deliverLead(lead, attempt) {
      active++;
      maxActive = Math.max(maxActive, active);
      calls.push({ leadId: lead.id, deliveryId: attempt.deliveryId, at: Date.now() });
      try {
        return await answer(lead, calls.filter((c) => c.leadId === lead.id).length);
      } finally {
        active--;
      }
    },
  };
  return { backend, calls, maxActive: () => maxActive };
}

async function openStore(path = join(mkdtempSync(join(tmpdir(), 'leadkit-outbox-')), 'db')): Promise<Store> {
  const store = createSqliteStore({ path });
  await store.migrate();
  return store;
}

async function addLeads(store: Store, backend: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const lead = makeLead();
    ids.push(lead.id);
    await store.saveLead({
      lead,
      idempotencyKey: randomUUID(),
      bodyHash: 'h',
      spam: null,
      deliveries: [{ id: `msg_${randomUUID()}`, backend, kind: 'lead' }],
    });
  }
  return ids;
}

describe('outbox worker', () => {
  it('retries with backoff until ok, and dead-letters a permanent failure with its message', async () => {
    const store = await openStore();
    const flaky = fakeBackend('flaky', (_lead, n) =>
      n < 3 ? { kind: 'retry', message: '503: busy' } : { kind: 'ok', externalId: 'v-1' },
    );
    const broken = fakeBackend('broken', () => ({
      kind: 'permanent',
      message: '422: invalid',
      fieldErrors: { email: ['is taken'] },
    }));
    await addLeads(store, 'flaky', 2);
    await addLeads(store, 'broken', 1);
    const outbox = createOutbox({
      store,
      backends: new Map([
        ['flaky', flaky.backend],
        ['broken', broken.backend],
      ]),
      logger: silent,
      pollMs: 20,
    });
    outbox.start();
    await waitFor(
      async () =>
        (await store.getOutboxStats()).byStatus.delivered === 2 &&
        (await store.getOutboxStats()).byStatus.dead === 1,
      5000,
      'settle',
    );
    await outbox.stop();
    expect(flaky.calls).toHaveLength(6);
    const delivered = (await store.listDeliveries({ backend: 'flaky' })).items;
    expect(delivered.every((d) => d.attempts === 3 && d.externalId === 'v-1')).toBe(true);
    const [dead] = (await store.listDeliveries({ backend: 'broken' })).items;
    expect(dead).toMatchObject({ status: 'dead', attempts: 1, lastError: '422: invalid (email: is taken)' });
    await store.close();
  });

  it('gives up after maxAttempts', async () => {
    const store = await openStore();
    const down = fakeBackend(
      'down',
      () => ({ kind: 'retry', message: 'timed out after 1000 ms' }),
      limits({ retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10, maxAgeHours: 1 } }),
    );
    await addLeads(store, 'down', 1);
    const outbox = createOutbox({
      store,
      backends: new Map([['down', down.backend]]),
      logger: silent,
      pollMs: 20,
    });
    outbox.start();
    await waitFor(async () => (await store.getOutboxStats()).byStatus.dead === 1, 5000, 'dead');
    await outbox.stop();
    expect(down.calls).toHaveLength(3);
    expect((await store.listDeliveries({})).items[0]?.lastError).toBe(
      'gave up after 3 attempts: timed out after 1000 ms',
    );
    await store.close();
  });

  it('honours Retry-After and pauses the backend', async () => {
    const store = await openStore();
    const limited = fakeBackend('limited', (_lead, n) =>
      n === 1 ? { kind: 'retry', message: '429', delayMs: 300, pauseBackendMs: 300 } : { kind: 'ok' },
    );
    await addLeads(store, 'limited', 1);
    const outbox = createOutbox({
      store,
      backends: new Map([['limited', limited.backend]]),
      logger: silent,
      pollMs: 20,
    });
    outbox.start();
    await waitFor(async () => (await store.getOutboxStats()).byStatus.delivered === 1, 5000, 'delivered');
    await outbox.stop();
    expect((limited.calls[1]?.at ?? 0) - (limited.calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(290);
    await store.close();
  });

  it('keeps to the concurrency and rate limits', async () => {
    const store = await openStore();
    const slow = fakeBackend(
      'slow',
      () => new Promise<DeliveryOutcome>((r) => setTimeout(() => r({ kind: 'ok' }), 30)),
      limits({ concurrency: 3, rateLimit: { count: 5, windowMs: 400 } }),
    );
    await addLeads(store, 'slow', 15);
    const outbox = createOutbox({
      store,
      backends: new Map([['slow', slow.backend]]),
      logger: silent,
      pollMs: 20,
    });
    outbox.start();
    await waitFor(async () => (await store.getOutboxStats()).byStatus.delivered === 15, 10_000, 'delivered');
    await outbox.stop();
    expect(slow.maxActive()).toBeLessThanOrEqual(3);
    const times = slow.calls.map((c) => c.at);
    for (const t of times) expect(times.filter((s) => s > t - 400 && s <= t).length).toBeLessThanOrEqual(5);
    await store.close();
  });

  it('lets two workers on one database share entries without delivering one twice at once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'leadkit-outbox-')), 'db');
    const [a, b] = [await openStore(path), await openStore(path)];
    const inFlight = new Set<string>();
    let overlaps = 0;
    const make = () =>
      fakeBackend('hook', async (lead) => {
        if (inFlight.has(lead.id)) overlaps++;
        inFlight.add(lead.id);
        await new Promise((r) => setTimeout(r, 5));
        inFlight.delete(lead.id);
        return { kind: 'ok' };
      });
    const [wa, wb] = [make(), make()];
    await addLeads(a, 'hook', 60);
    const outboxes = [
      createOutbox({ store: a, backends: new Map([['hook', wa.backend]]), logger: silent, pollMs: 10 }),
      createOutbox({ store: b, backends: new Map([['hook', wb.backend]]), logger: silent, pollMs: 10 }),
    ];
    for (const o of outboxes) o.start();
    await waitFor(async () => (await a.getOutboxStats()).byStatus.delivered === 60, 10_000, 'delivered');
    await Promise.all(outboxes.map((o) => o.stop()));
    expect(overlaps).toBe(0);
    expect(wa.calls.length + wb.calls.length).toBe(60);
    expect(new Set([...wa.calls, ...wb.calls].map((c) => c.deliveryId)).size).toBe(60);
    await a.close();
    await b.close();
  });

  it('finishes in-flight deliveries on stop and resumes pending ones on restart', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'leadkit-outbox-')), 'db');
    const store = await openStore(path);
    const slow = fakeBackend(
      'hook',
      () => new Promise<DeliveryOutcome>((r) => setTimeout(() => r({ kind: 'ok' }), 100)),
      limits({ concurrency: 2 }),
    );
    await addLeads(store, 'hook', 6);
    const first = createOutbox({
      store,
      backends: new Map([['hook', slow.backend]]),
      logger: silent,
      pollMs: 10,
    });
    first.start();
    await waitFor(() => slow.calls.length >= 2, 5000, 'started');
    await first.stop();
    const stats = await store.getOutboxStats();
    expect(stats.byStatus.in_flight).toBe(0);
    expect(stats.byStatus.delivered).toBe(slow.calls.length);
    await store.close();
    const reopened = await openStore(path);
    const second = createOutbox({
      store: reopened,
      backends: new Map([['hook', slow.backend]]),
      logger: silent,
      pollMs: 10,
    });
    second.start();
    await waitFor(async () => (await reopened.getOutboxStats()).byStatus.delivered === 6, 5000, 'resumed');
    await second.stop();
    expect(new Set(slow.calls.map((c) => c.deliveryId)).size).toBe(6);
    await reopened.close();
  });
});
