import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDeps, makeAttempt, makeTestLead } from '../../../test/support/backend-test-kit';
import {
  measurePeakRss,
  type StreamedBody,
  startMisbehavingServer,
  streamHugeBody,
} from '../../../test/support/misbehaving-server';
import {
  makeWebhookSecret,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../../test/support/webhook-receiver';
import { createWebhookBackend, webhookConfigSchema } from './webhook-backend';
import { signWebhook, verifyWebhook } from './webhook-signature';

const deps = () => createTestDeps();
const attempt = (deliveryId = 'msg_test1') => makeAttempt({ deliveryId });

describe('webhook backend', () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('delivers a lead.created event that a Standard Webhooks library verifies', async () => {
    const secret = makeWebhookSecret();
    receiver = await startWebhookReceiver({ secret });
    const backend = createWebhookBackend('hook', { type: 'webhook', url: receiver.url, secret }, deps());
    const lead = makeTestLead();
    expect(await backend.deliverLead(lead, attempt('msg_abc'))).toEqual({ kind: 'ok' });
    expect(receiver.rejected).toBe(0);
    const [call] = receiver.received;
    expect(call?.id).toBe('msg_abc');
    expect(call?.payload).toMatchObject({ type: 'lead.created', data: { id: lead.id, form: 'contact' } });
    expect(Number.isNaN(Date.parse(call?.payload.timestamp ?? ''))).toBe(false);
  });

  it('delivers a signal as a signed signal.<type> event with the CONTRACT §4 data', async () => {
    const secret = makeWebhookSecret();
    receiver = await startWebhookReceiver({ secret });
    const backend = createWebhookBackend('hook', { type: 'webhook', url: receiver.url, secret }, deps());
    const data = {
      id: 'sig_1',
      type: 'email_opened',
      leadId: 'lead-1',
      detail: { emailId: 'e1' },
      occurredAt: '2026-12-01T10:00:00.000Z',
      machine: true,
    };
    const outcome = await backend.deliverSignal?.({ data, leadDelivery: null }, attempt('msg_sig'));
    expect(outcome).toEqual({ kind: 'ok' });
    expect(receiver.rejected).toBe(0);
    expect(receiver.received[0]?.id).toBe('msg_sig');
    expect(receiver.received[0]?.payload).toMatchObject({ type: 'signal.email_opened', data });
  });

  it('keeps the same webhook-id on a retry of the same delivery', async () => {
    const secret = makeWebhookSecret();
    receiver = await startWebhookReceiver({ secret });
    const backend = createWebhookBackend('hook', { type: 'webhook', url: receiver.url, secret }, deps());
    const lead = makeTestLead();
    await backend.deliverLead(lead, attempt('msg_same'));
    await backend.deliverLead(lead, { ...attempt('msg_same'), attempt: 2 });
    expect([...receiver.ids()]).toEqual(['msg_same']);
    expect(receiver.received).toHaveLength(2);
  });

  it('produces signatures that fail for a tampered body or a stale timestamp', async () => {
    const secret = makeWebhookSecret();
    const verifier = new Webhook(secret);
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: 'lead.created', data: { id: 'x' } });
    const signature = signWebhook({ secret, id: 'msg_1', timestamp: now, body });
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(now),
      'webhook-signature': signature,
    };
    expect(verifier.verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => verifier.verify(body.replace('"x"', '"y"'), headers)).toThrow();
    const stale = now - 3600;
    const staleHeaders = {
      ...headers,
      'webhook-timestamp': String(stale),
      'webhook-signature': signWebhook({ secret, id: 'msg_1', timestamp: stale, body }),
    };
    expect(() => verifier.verify(body, staleHeaders)).toThrow(/timestamp/i);
    expect(verifyWebhook({ secret, id: 'msg_1', timestamp: now, body, signatureHeader: signature })).toBe(
      true,
    );
    expect(
      verifyWebhook({
        secret,
        id: 'msg_1',
        timestamp: stale,
        body,
        signatureHeader: staleHeaders['webhook-signature'],
      }),
    ).toBe(false);
  });

  it('classifies 410 as permanent and other failures as retry', async () => {
    const secret = makeWebhookSecret();
    receiver = await startWebhookReceiver({ secret, status: 410 });
    const gone = createWebhookBackend('hook', { type: 'webhook', url: receiver.url, secret }, deps());
    expect((await gone.deliverLead(makeTestLead(), attempt())).kind).toBe('permanent');
    await receiver.close();
    receiver = await startWebhookReceiver({ secret, status: 400 });
    const bad = createWebhookBackend('hook', { type: 'webhook', url: receiver.url, secret }, deps());
    expect((await bad.deliverLead(makeTestLead(), attempt())).kind).toBe('retry');
    const unreachable = createWebhookBackend(
      'hook',
      { type: 'webhook', url: 'http://127.0.0.1:9/x', secret },
      deps(),
    );
    const outcome = await unreachable.deliverLead(makeTestLead(), attempt());
    expect(outcome).toEqual({ kind: 'retry', message: expect.stringMatching(/^network error: /) });
  });

  it('times out a receiver that never answers', async () => {
    const { createServer } = await import('node:http');
    const server = createServer(() => {});
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const secret = makeWebhookSecret();
    const backend = createWebhookBackend(
      'hook',
      { type: 'webhook', url: `http://127.0.0.1:${port}/`, secret, timeoutMs: 200 },
      deps(),
    );
    expect(await backend.deliverLead(makeTestLead(), attempt())).toEqual({
      kind: 'retry',
      message: 'timed out after 200 ms',
    });
    server.closeAllConnections();
    server.close();
  });

  it('does not follow a redirect: a 301 fails for good and the GET it would become never happens', async () => {
    const server = await startMisbehavingServer((req, res) => {
      if (req.method === 'POST') res.writeHead(301, { location: '/elsewhere' }).end();
      else res.writeHead(200).end('ok');
    });
    try {
      const secret = makeWebhookSecret();
      const backend = createWebhookBackend(
        'hook',
        { type: 'webhook', url: `${server.url}/hooks/leads`, secret },
        deps(),
      );
      expect(await backend.deliverLead(makeTestLead(), attempt())).toEqual({
        kind: 'permanent',
        message:
          "301 redirect (on the same origin) not followed: leadkit never follows redirects; set the backend's URL to the final address",
      });
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /hooks/leads']);
    } finally {
      await server.close();
    }
  });

  it('counts a 2xx with a 400 MB answer as delivered, reading only the first MB of it', async () => {
    let body: StreamedBody | undefined;
    const server = await startMisbehavingServer((_req, res) => {
      body = streamHugeBody(res, 200, 400 * 1024 * 1024);
    });
    try {
      const secret = makeWebhookSecret();
      const backend = createWebhookBackend('hook', { type: 'webhook', url: server.url, secret }, deps());
      const { result, ms, rssGrowth } = await measurePeakRss(() =>
        backend.deliverLead(makeTestLead(), attempt()),
      );
      expect(result).toEqual({ kind: 'ok' });
      expect(ms).toBeLessThan(3000);
      expect(rssGrowth).toBeLessThan(64 * 1024 * 1024);
      await body?.done;
      expect(body?.cutOff).toBe(true);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('refuses a secret not in whsec_ form', () => {
    expect(
      webhookConfigSchema.safeParse({ type: 'webhook', url: 'https://h.example/x', secret: 'plain' }).success,
    ).toBe(false);
    expect(
      webhookConfigSchema.safeParse({
        type: 'webhook',
        url: 'https://h.example/x',
        secret: makeWebhookSecret(),
      }).success,
    ).toBe(true);
  });
});
