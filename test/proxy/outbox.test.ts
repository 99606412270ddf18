import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend, BackendLimits, DeliveryOutcome } from '../../src/backends/backend';
import { createRequestLimiter } from '../../src/backends/http/request-limiter';
import {
  createLeadcenterBackend,
  leadcenterConfigSchema,
} from '../../src/backends/leadcenter/leadcenter-backend';
import { createWebhookBackend } from '../../src/backends/webhook/webhook-backend';
import type { CanonicalLead } from '../../src/model/lead';
import { createOutbox } from '../../src/proxy/outbox/outbox-worker';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/store';
import { startLoopbackServer } from '../fakes/fake-server-kit';
import { startLeadcenterFake } from '../fakes/leadcenter-fake';
import { makeLead } from '../store/store-suite';
import { createTestDeps } from '../support/backend-test-kit';
import { waitFor } from '../support/start-test-proxy';
import { makeWebhookSecret } from '../support/webhook-receiver';

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

describe('outbox through an outage', () => {
  /**
   * A webhook receiver that answers `failure()` while it returns a status, and 204 after,
   * counting the calls each webhook id got through.
   */
  async function startReceiver(failure: () => { status: number; headers?: Record<string, string> } | null) {
    const delivered = new Map<string, number>();
    let refused = 0;
    const server = await startLoopbackServer((req, res) => {
      const failing = failure();
      if (failing) {
        refused++;
        res.writeHead(failing.status, failing.headers).end();
        return;
      }
      const id = String(req.headers['webhook-id']);
      delivered.set(id, (delivered.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
    return { server, delivered, refused: () => refused };
  }

  async function deliverThrough(
    receiverUrl: string,
    retry: { maxAttempts?: number; baseDelayMs: number; maxDelayMs: number },
    leads: number,
    until: (store: Store) => Promise<boolean>,
  ) {
    const store = await openStore();
    const backend = createWebhookBackend(
      'hook',
      { type: 'webhook', url: `${receiverUrl}/hooks`, secret: makeWebhookSecret(), retry },
      createTestDeps(),
    );
    await addLeads(store, 'hook', leads);
    const outbox = createOutbox({
      store,
      backends: new Map([['hook', backend]]),
      logger: silent,
      pollMs: 10,
    });
    outbox.start();
    try {
      await waitFor(() => until(store), 10_000, 'outbox settled');
    } finally {
      await outbox.stop();
    }
    const deliveries = (await store.listDeliveries({ limit: 500 })).items;
    await store.close();
    return deliveries;
  }

  it('outlasts a receiver down for longer than 12 attempts of backoff, delivering each lead once', async () => {
    // The default schedule (no maxAttempts) at shortened delays: 12 attempts take at most 240 ms.
    const downUntil = Date.now() + 1200;
    const receiver = await startReceiver(() => (Date.now() < downUntil ? { status: 503 } : null));
    const deliveries = await deliverThrough(
      receiver.server.url,
      { baseDelayMs: 5, maxDelayMs: 20 },
      5,
      async (store) => {
        const { byStatus } = await store.getOutboxStats();
        return byStatus.delivered + byStatus.dead === 5;
      },
    );
    await receiver.server.close();
    expect(deliveries.map((d) => d.status)).toEqual(Array(5).fill('delivered'));
    expect(deliveries.every((d) => d.attempts > 12)).toBe(true);
    expect([...receiver.delivered.values()]).toEqual(Array(5).fill(1));
    expect(new Set(receiver.delivered.keys())).toEqual(new Set(deliveries.map((d) => d.id)));
  });

  it('uses up no attempt while the receiver answers 429', async () => {
    const throttledUntil = Date.now() + 800;
    const receiver = await startReceiver(() =>
      Date.now() < throttledUntil ? { status: 429, headers: { 'retry-after': '0.02' } } : null,
    );
    const deliveries = await deliverThrough(
      receiver.server.url,
      { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
      4,
      async (store) => {
        const { byStatus } = await store.getOutboxStats();
        return byStatus.delivered + byStatus.dead === 4;
      },
    );
    await receiver.server.close();
    expect(receiver.refused()).toBeGreaterThan(4 * 2);
    expect(deliveries.map((d) => [d.status, d.attempts])).toEqual(Array(4).fill(['delivered', 1]));
    expect([...receiver.delivered.values()]).toEqual(Array(4).fill(1));
  });

  it('keeps an entry leased while its delivery waits inside the backend, in one process or two', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'leadkit-outbox-')), 'db');
    const [a, b] = [await openStore(path), await openStore(path)];
    const running = new Map<string, number>();
    const sent: string[] = [];
    let overlaps = 0;
    // Like Qvoo, LIO and LeadCenter: the delivery waits for a slot under the vendor's request
    // rate after the outbox claimed it, longer than the lease.
    const make = () => {
      const vendorRate = createRequestLimiter({ count: 1, windowMs: 150 }, () => performance.now());
      return fakeBackend(
        'slow',
        async (lead) => {
          running.set(lead.id, (running.get(lead.id) ?? 0) + 1);
          if ((running.get(lead.id) ?? 0) > 1) overlaps++;
          try {
            const done = await vendorRate.acquire();
            sent.push(lead.id);
            done?.();
            return { kind: 'ok' };
          } finally {
            running.set(lead.id, (running.get(lead.id) ?? 1) - 1);
          }
        },
        limits({ concurrency: 8 }),
      );
    };
    await addLeads(a, 'slow', 8);
    const outboxes = [
      createOutbox({
        store: a,
        backends: new Map([['slow', make().backend]]),
        logger: silent,
        pollMs: 10,
        leaseMs: 400,
      }),
      createOutbox({
        store: b,
        backends: new Map([['slow', make().backend]]),
        logger: silent,
        pollMs: 10,
        leaseMs: 400,
      }),
    ];
    for (const o of outboxes) o.start();
    await waitFor(async () => (await a.getOutboxStats()).byStatus.delivered === 8, 10_000, 'delivered');
    await Promise.all(outboxes.map((o) => o.stop()));
    expect(overlaps).toBe(0);
    expect(sent).toHaveLength(8);
    expect(new Set(sent).size).toBe(8);
    const deliveries = (await a.listDeliveries({})).items;
    expect(deliveries.every((d) => d.attempts === 1)).toBe(true);
    await a.close();
    await b.close();
  });

  it('aborts an attempt whose lease was lost, and lets it finish nothing', async () => {
    const store = await openStore();
    // Another worker takes the entry over, as after a stall of this one past its lease's end.
    let taken = 0;
    const losing: Store = {
      ...store,
      async extendLeases(input) {
        const late = input.now + 10 * input.leaseMs;
        taken += (await store.claimDeliveries({ backend: 'stuck', limit: 10, now: late, leaseMs: 3_600_000 }))
          .length;
        return store.extendLeases(input);
      },
    };
    let aborted = 0;
    const stuck = fakeBackend('stuck', (_lead, n) =>
      n > 1
        ? { kind: 'ok' }
        : new Promise<DeliveryOutcome>(() => {
            // Never answers by itself: only the lease-lost abort ends it.
          }),
    );
    const abortable: Backend = {
      ...stuck.backend,
      deliverLead(lead, attempt) {
        return Promise.race([
          stuck.backend.deliverLead(lead, attempt),
          new Promise<DeliveryOutcome>((resolve) =>
            attempt.signal.addEventListener('abort', () => {
              aborted++;
              resolve({ kind: 'retry', message: 'aborted' });
            }),
          ),
        ]);
      },
    };
    await addLeads(store, 'stuck', 1);
    const outbox = createOutbox({
      store: losing,
      backends: new Map([['stuck', abortable]]),
      logger: silent,
      pollMs: 10,
      leaseMs: 90,
    });
    outbox.start();
    await waitFor(() => aborted === 1, 5000, 'aborted');
    await new Promise((r) => setTimeout(r, 50));
    expect(taken).toBe(1);
    // Its finish was refused: the entry stays with the worker that holds it now.
    expect((await store.listDeliveries({})).items[0]).toMatchObject({ status: 'in_flight', attempts: 2 });
    expect(stuck.calls).toHaveLength(1);
    await outbox.stop();
    await store.close();
  });

  it('replays a dead entry as a redelivery: LeadCenter.AI looks the lead up instead of creating it twice', async () => {
    const fake = await startLeadcenterFake({ rateLimit: { count: 1000, windowMs: 60_000 } });
    const store = await openStore();
    const config = leadcenterConfigSchema.parse({
      type: 'leadcenter',
      baseUrl: fake.url,
      token: fake.token,
      timeoutMs: 2_000,
      retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 20 },
    });
    const backend = createLeadcenterBackend('lc', config, createTestDeps());
    // The lead is created, but the answer never comes back: the one attempt allowed fails.
    fake.failNext(1, { kind: 'lose-response' });
    const [leadId] = await addLeads(store, 'lc', 1);
    const outbox = createOutbox({ store, backends: new Map([['lc', backend]]), logger: silent, pollMs: 10 });
    outbox.start();
    try {
      await waitFor(async () => (await store.getOutboxStats()).byStatus.dead === 1, 5000, 'dead');
      const [dead] = (await store.listDeliveries({})).items;
      expect(fake.countByLeadId(leadId ?? '')).toBe(1);
      // What `leadkit outbox retry ID` and POST /v1/admin/deliveries/:id/retry do.
      expect(await store.retryDelivery(dead?.id ?? '', Date.now())).toMatchObject({ attempts: 0 });
      outbox.wake('lc');
      await waitFor(async () => (await store.getOutboxStats()).byStatus.delivered === 1, 5000, 'delivered');
    } finally {
      await outbox.stop();
      await fake.close();
    }
    expect(fake.stats.searches).toBe(1);
    expect(fake.countByLeadId(leadId ?? '')).toBe(1);
    expect((await store.listDeliveries({})).items[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    await store.close();
  });
});
