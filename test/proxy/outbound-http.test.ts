import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryView } from '../../src/model/delivery';
import { startQualifybaseFake } from '../fakes/qualifybase-fake';
import {
  type MisbehavingServer,
  measurePeakRss,
  type StreamedBody,
  startMisbehavingServer,
  streamHugeBody,
} from '../support/misbehaving-server';
import { runLeadkitCli } from '../support/run-leadkit-cli';
import { ADMIN_TOKEN, startTestProxy, type TestProxy, waitFor } from '../support/start-test-proxy';
import { makeWebhookSecret } from '../support/webhook-receiver';

/*
 * Outbound HTTP is strict (issue 12, 13), seen from outside: a real proxy delivering to
 * real servers on 127.0.0.1 that redirect or answer without end.
 */

const ORIGIN = 'https://www.example.com';
const MB = 1024 * 1024;
const REDIRECT_REFUSED = /^301 redirect \(.+\) not followed: leadkit never follows redirects/;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function serve(handle: Parameters<typeof startMisbehavingServer>[0]): Promise<MisbehavingServer> {
  const server = await startMisbehavingServer(handle);
  closers.push(() => server.close());
  return server;
}

/** A proxy whose form `contact` delivers to `backends` only, retrying fast. */
async function startProxy(backends: Record<string, Record<string, unknown>>): Promise<TestProxy> {
  const retry = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 50 };
  const proxy = await startTestProxy({
    backends: Object.fromEntries(
      Object.entries(backends).map(([name, config]) => [name, { retry, timeoutMs: 5000, ...config }]),
    ),
    forms: { contact: { origins: [ORIGIN], fields: ['name', 'email'], deliver: Object.keys(backends) } },
  });
  closers.push(() => proxy.shutdown());
  return proxy;
}

async function submitLead(proxy: TestProxy): Promise<string> {
  const submissionId = randomUUID();
  const res = await proxy.post(
    '/v1/forms/contact/leads',
    {
      submissionId,
      fields: { name: 'Jane Doe', email: 'jane.doe@example.com' },
      context: { startedAt: new Date(Date.now() - 30_000).toISOString() },
    },
    { origin: ORIGIN, 'idempotency-key': submissionId },
  );
  expect(res.status).toBe(202);
  return ((await res.json()) as { leadId: string }).leadId;
}

/** The lead's one delivery, once it is delivered or dead, as the admin API shows it. */
async function settledDelivery(proxy: TestProxy, backend: string): Promise<DeliveryView> {
  let found: DeliveryView | undefined;
  await waitFor(
    async () => {
      const res = await fetch(`${proxy.url}/v1/admin/deliveries?backend=${backend}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      const { deliveries } = (await res.json()) as { deliveries: DeliveryView[] };
      found = deliveries.find((d) => d.status === 'delivered' || d.status === 'dead');
      return found !== undefined;
    },
    10_000,
    `${backend} delivery settled`,
  );
  return found as DeliveryView;
}

describe('outbound HTTP: redirects are never followed', () => {
  it('a webhook receiver that answers 301 sees no lead marked delivered: the delivery ends dead, saying why', async () => {
    // A strict receiver: POST to the configured path is moved; the new path answers a GET with 2xx.
    const receiver = await serve((req, res) => {
      if (req.method === 'POST' && req.path === '/hooks/leads')
        res.writeHead(301, { location: '/hooks/v2/leads' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const proxy = await startProxy({
      hook: { type: 'webhook', url: `${receiver.url}/hooks/leads`, secret: makeWebhookSecret() },
    });
    await submitLead(proxy);
    const delivery = await settledDelivery(proxy, 'hook');
    expect(delivery).toMatchObject({ status: 'dead', attempts: 1 });
    expect(delivery.lastError).toMatch(REDIRECT_REFUSED);
    expect(delivery.lastError).toContain('on the same origin');
    expect(receiver.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /hooks/leads']);
  });

  it('a vendor (QualifyBase) answering 301 to another origin: dead, and its API key never leaves for that origin', async () => {
    const fake = await startQualifybaseFake();
    closers.push(() => fake.close());
    // What the redirect points at would take the GET and answer like a created lead.
    const elsewhere = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { id: randomUUID(), external_id: 'x' } }));
    });
    fake.failNext(1, { kind: 'status', status: 301, headers: { location: `${elsewhere.url}/api/v1/leads` } });
    const proxy = await startProxy({
      clinic: { type: 'qualifybase', baseUrl: fake.url, apiKey: fake.apiKey },
    });
    await submitLead(proxy);
    const delivery = await settledDelivery(proxy, 'clinic');
    expect(delivery).toMatchObject({ status: 'dead', attempts: 1 });
    expect(delivery.lastError).toMatch(REDIRECT_REFUSED);
    expect(delivery.lastError).toContain('to another origin');
    expect(delivery.lastError).not.toContain(elsewhere.url);
    expect(elsewhere.requests).toEqual([]);
    expect(fake.leads).toEqual([]);
  });
});

describe('outbound HTTP: answers are read up to 1 MB', () => {
  it('a receiver streaming a 400 MB answer: delivered at once, the proxy reads 1 MB and hangs up', async () => {
    const bodies: StreamedBody[] = [];
    const receiver = await serve((_req, res) => void bodies.push(streamHugeBody(res, 200, 400 * MB)));
    const proxy = await startProxy({
      hook: { type: 'webhook', url: `${receiver.url}/hooks/leads`, secret: makeWebhookSecret() },
    });
    const {
      result: delivery,
      ms,
      rssGrowth,
    } = await measurePeakRss(async () => {
      await submitLead(proxy);
      return settledDelivery(proxy, 'hook');
    });
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(ms).toBeLessThan(5000);
    expect(rssGrowth).toBeLessThan(64 * MB);
    await Promise.all(bodies.map((b) => b.done));
    expect(bodies.map((b) => b.cutOff)).toEqual([true]);
  }, 60_000);
});

describe('outbound HTTP: https only', () => {
  it('check-config names each backend URL that is not https (loopback hosts excepted) by its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadkit-outbound-'));
    const path = join(dir, 'leadkit.config.json');
    writeFileSync(
      path,
      JSON.stringify({
        store: 'sqlite:./leadkit.db',
        backends: {
          zap: { type: 'webhook', url: 'http://hooks.example.com/catch/1', secret: makeWebhookSecret() },
          local: { type: 'webhook', url: 'http://localhost:9000/hook', secret: makeWebhookSecret() },
          lc: { type: 'leadcenter', baseUrl: 'http://crm.example.com/api', token: 't' },
        },
        forms: { contact: { fields: ['email'], deliver: ['zap', 'local', 'lc'] } },
      }),
    );
    const run = await runLeadkitCli(['check-config', '--config', path], { cwd: dir });
    expect(run.code).toBe(2);
    const problems = run.stderr
      .split('\n')
      .slice(1)
      .map((line) => line.trim())
      .filter(Boolean);
    expect(problems).toEqual([
      'backends.zap.url: must be https (loopback hosts excepted)',
      'backends.lc.baseUrl: must be https (loopback hosts excepted)',
    ]);
  }, 30_000);
});
