import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/proxy/config/load-config';
import { createLogger } from '../../src/proxy/observability/create-logger';
import { type RunningServer, startServer } from '../../src/proxy/serve';
import { createTrackingToken } from '../../src/proxy/tracking/tracking-token';
import { HOSTILE_DESTINATIONS } from '../support/hostile-destinations';
import { runLeadkitCli } from '../support/run-leadkit-cli';

/*
 * Email tracking and page signals over real HTTP (issue 18, CONTRACT §4): the pixel, the
 * click redirect, the verdicts as a visitor's request meets them, minting, POST /v1/signals.
 */

const ORIGIN = 'https://www.example.com';
const SECRET = 'tracking-test-secret-0123456789abc';
const OLD_SECRET = 'tracking-old-secret-0123456789abcd';
const ADMIN = 'tracking-admin-token-0123456789';
const CONSENT = { granted: true, text: 'I agree to be contacted about my enquiry.', version: '1' };
const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const GIF_B64 = 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';
const MINUTE = 60_000;

let clock = Date.parse('2026-12-01T10:00:00Z');
let running: RunningServer;
let dir: string;
let configPath: string;
const rawConfig = {
  publicUrl: 'https://leads.example.com',
  secret: SECRET,
  secrets: { old: OLD_SECRET },
  adminToken: ADMIN,
  trustProxy: ['127.0.0.1'],
  limits: { perIp: '1000/min' },
  backends: { inbox: { type: 'local' } },
  forms: {
    contact: {
      origins: [ORIGIN],
      fields: ['name', 'email'],
      consent: { text: CONSENT.text, version: '1' },
      deliver: ['inbox'],
      minFillSeconds: 0,
    },
  },
  tracking: {
    origins: [ORIGIN],
    signalTypes: ['webinar_signup'],
    machineNetworks: [{ cidrs: ['40.92.0.0/15'], for: 'clicks', label: 'safe_links' }],
  },
};

let leadRef: string;
let leadId: string;
let noConsentRef: string;
let emailSeq = 0;

async function createLead(consent: boolean): Promise<{ leadId: string; leadRef: string }> {
  const submissionId = randomUUID();
  const res = await fetch(`${running.url}/v1/forms/contact/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, 'idempotency-key': submissionId },
    body: JSON.stringify({
      submissionId,
      fields: { name: 'Jane Doe', email: `jane.${submissionId.slice(0, 8)}@example.com` },
      ...(consent ? { consent: CONSENT } : {}),
    }),
  });
  expect(res.status).toBe(202);
  return (await res.json()) as { leadId: string; leadRef: string };
}

/** A token as the proxy mints them, but issued an hour before the clock (past the 60 s rule). */
function token(
  type: 'open' | 'click',
  overrides: { url?: string; ref?: string; emailId?: string; issuedAt?: number; secret?: string } = {},
) {
  const issuedAt = new Date(overrides.issuedAt ?? clock - 60 * MINUTE);
  return createTrackingToken(
    {
      type,
      leadRef: overrides.ref ?? leadRef,
      campaign: 'spring',
      emailId: overrides.emailId ?? Buffer.alloc(8, ++emailSeq).toString('base64url'),
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + 86_400_000 * 30),
      url: type === 'click' ? (overrides.url ?? 'https://www.example.com/pricing?plan=pro') : null,
    },
    overrides.secret ?? SECRET,
  );
}

const hit = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${running.url}${path}`, {
    method,
    redirect: 'manual',
    headers: { 'user-agent': CHROME, 'x-forwarded-for': '203.0.113.9', ...headers },
    signal: AbortSignal.timeout(10_000),
  });

async function signalsOf(id: string, type?: string) {
  return (await running.proxy.store.listSignals({ leadId: id, type, limit: 500 })).items;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leadkit-tracking-'));
  const result = parseConfig(
    { store: `sqlite:${join(dir, 'leadkit.db')}`, ...rawConfig },
    {},
    { source: 'test', baseDir: dir },
  );
  if (!result.ok) throw new Error(result.problems.join('; '));
  configPath = join(dir, 'leadkit.config.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(configPath, JSON.stringify({ store: `sqlite:${join(dir, 'leadkit.db')}`, ...rawConfig }));
  running = await startServer(
    result.config,
    { port: 0, host: '127.0.0.1' },
    { logger: createLogger({ level: 'silent' }), now: () => new Date(clock), startOutbox: false },
  );
  ({ leadId, leadRef } = await createLead(true));
  noConsentRef = (await createLead(false)).leadRef;
});
afterAll(async () => {
  await running?.shutdown();
});

describe('GET /t/o/:token (the pixel)', () => {
  const expectGif = async (res: Response) => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('cache-control')).toBe('no-store, no-cache, must-revalidate, private, max-age=0');
    expect(res.headers.get('expires')).toBe('0');
    expect(res.headers.get('content-length')).toBe('43');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.toString('base64')).toBe(GIF_B64);
    expect(body.length).toBe(43);
  };

  it('answers the 43-byte GIF with the no-cache headers and records a human open', async () => {
    const before = (await signalsOf(leadId, 'email_opened')).length;
    await expectGif(await hit(`/t/o/${token('open')}`));
    const after = await signalsOf(leadId, 'email_opened');
    expect(after).toHaveLength(before + 1);
    expect(after[0]).toMatchObject({
      type: 'email_opened',
      machine: false,
      source: 'email',
      detail: { campaign: 'spring' },
    });
  });

  it('answers a bad, tampered, foreign, expired or click token with the GIF too, recording nothing', async () => {
    const before = (await signalsOf(leadId)).length;
    const good = token('open');
    const tampered = `${good.slice(0, 20)}${good[20] === 'A' ? 'B' : 'A'}${good.slice(21)}`;
    const expired = token('open', { issuedAt: clock - 31 * 86_400_000 });
    for (const bad of [
      '',
      'a/b',
      'x',
      'not-a-token',
      tampered,
      token('open', { secret: 'a-foreign-secret-0123456789abcdef' }),
      expired,
      token('click'),
      'A'.repeat(5000),
    ]) {
      await expectGif(await hit(`/t/o/${bad}`));
    }
    expect(await signalsOf(leadId)).toHaveLength(before);
  });

  it('accepts a token signed with a rotation key from secrets', async () => {
    const before = (await signalsOf(leadId)).length;
    await expectGif(await hit(`/t/o/${token('open', { secret: OLD_SECRET })}`));
    expect(await signalsOf(leadId)).toHaveLength(before + 1);
  });

  it('answers HEAD with the headers and no body, and records nothing', async () => {
    const before = (await signalsOf(leadId)).length;
    const res = await hit(`/t/o/${token('open')}`, {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('cache-control')).toBe('no-store, no-cache, must-revalidate, private, max-age=0');
    expect((await res.arrayBuffer()).byteLength).toBe(0);
    expect(await signalsOf(leadId)).toHaveLength(before);
  });

  it('keeps Apple MPP, prefetches, empty user agents and fresh emails as machine events, not signals', async () => {
    const before = (await signalsOf(leadId)).length;
    const email = Buffer.alloc(8, 200).toString('base64url');
    await expectGif(await hit(`/t/o/${token('open', { emailId: email })}`, { 'user-agent': 'Mozilla/5.0' }));
    await expectGif(await hit(`/t/o/${token('open', { emailId: email })}`, { 'sec-purpose': 'prefetch' }));
    await expectGif(await hit(`/t/o/${token('open', { emailId: email })}`, { 'user-agent': '' }));
    await expectGif(await hit(`/t/o/${token('open', { emailId: email, issuedAt: clock - 10_000 })}`));
    expect(await signalsOf(leadId)).toHaveLength(before);
    const events = await running.proxy.store.listTrackingEvents({ emailId: email });
    expect(events.map((e) => [e.verdict, e.reason])).toEqual([
      ['machine', 'apple_privacy_proxy'],
      ['machine', 'prefetch_header'],
      ['machine', 'empty_user_agent'],
      ['machine', 'too_soon'],
    ]);
    // Never the client address: a keyed hash and the /24.
    expect(events[0]?.network).toBe('203.0.113.0/24');
    expect(JSON.stringify(events)).not.toContain('203.0.113.9');
  });

  it('counts a Gmail image proxy fetch as an open marked machine', async () => {
    await hit(`/t/o/${token('open')}`, {
      'user-agent':
        'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
    });
    expect((await signalsOf(leadId, 'email_opened'))[0]).toMatchObject({ machine: true });
  });

  it('emits email_opened_3x once, on the third distinct open (opens within 5 minutes are one)', async () => {
    const email = Buffer.alloc(8, 201).toString('base64url');
    const start = clock;
    const openAt = async (minutes: number) => {
      clock = start + minutes * MINUTE;
      await hit(`/t/o/${token('open', { emailId: email, issuedAt: start - 60 * MINUTE })}`);
    };
    for (const m of [0, 2, 4, 10, 12, 30, 31, 50]) await openAt(m);
    clock = start + 60 * MINUTE;
    const opened = (await signalsOf(leadId)).filter((s) => s.detail.emailId === email);
    expect(opened.filter((s) => s.type === 'email_opened')).toHaveLength(4); // 0, 10, 30, 50
    expect(opened.filter((s) => s.type === 'email_opened_3x')).toHaveLength(1);
  });

  it('records nothing for a lead without consent, or a browser sending Sec-GPC', async () => {
    const email = Buffer.alloc(8, 202).toString('base64url');
    await hit(`/t/o/${token('open', { ref: noConsentRef, emailId: email })}`);
    await hit(`/t/o/${token('open', { emailId: email })}`, { 'sec-gpc': '1' });
    expect(await running.proxy.store.listTrackingEvents({ emailId: email })).toEqual([]);
    // The same email opened by the lead who consented, without Sec-GPC, is recorded.
    await hit(`/t/o/${token('open', { emailId: email })}`);
    expect(await running.proxy.store.listTrackingEvents({ emailId: email })).toHaveLength(1);
  });
});

describe('GET /t/c/:token (the click)', () => {
  it('redirects a human click to the sealed URL with lk_ref, and records link_clicked', async () => {
    const before = (await signalsOf(leadId, 'link_clicked')).length;
    const res = await hit(`/t/c/${token('click')}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`https://www.example.com/pricing?plan=pro&lk_ref=${leadRef}`);
    expect(res.headers.get('content-type') ?? '').not.toContain('json');
    const clicks = await signalsOf(leadId, 'link_clicked');
    expect(clicks).toHaveLength(before + 1);
    expect(clicks[0]?.detail).toMatchObject({
      url: 'https://www.example.com/pricing?plan=pro',
      campaign: 'spring',
    });
  });

  it('redirects a scanner without the lead reference and records no signal', async () => {
    const before = (await signalsOf(leadId)).length;
    const res = await hit(`/t/c/${token('click')}`, { 'x-forwarded-for': '40.92.7.7' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://www.example.com/pricing?plan=pro');
    const fresh = await hit(`/t/c/${token('click', { issuedAt: clock - 5_000 })}`);
    expect(fresh.headers.get('location')).toBe('https://www.example.com/pricing?plan=pro');
    expect(await signalsOf(leadId)).toHaveLength(before);
  });

  it('judges a second, different link of one email from one source within 5 s a machine', async () => {
    const email = Buffer.alloc(8, 203).toString('base64url');
    const first = await hit(`/t/c/${token('click', { emailId: email, url: 'https://www.example.com/a' })}`, {
      'x-forwarded-for': '198.51.100.20',
    });
    expect(first.headers.get('location')).toContain('lk_ref=');
    clock += 2_000;
    const second = await hit(`/t/c/${token('click', { emailId: email, url: 'https://www.example.com/b' })}`, {
      'x-forwarded-for': '198.51.100.20',
    });
    expect(second.headers.get('location')).toBe('https://www.example.com/b');
    const events = await running.proxy.store.listTrackingEvents({ emailId: email });
    expect(events.map((e) => e.reason)).toEqual(['browser', 'link_burst']);
  });

  it('does not record a replayed request twice', async () => {
    const email = Buffer.alloc(8, 204).toString('base64url');
    const t = token('click', { emailId: email });
    await hit(`/t/c/${t}`);
    await hit(`/t/c/${t}`);
    expect(await running.proxy.store.listTrackingEvents({ emailId: email })).toHaveLength(1);
  });

  it('answers HEAD with the redirect and records nothing; Sec-GPC gets no lk_ref', async () => {
    const email = Buffer.alloc(8, 205).toString('base64url');
    const head = await hit(`/t/c/${token('click', { emailId: email })}`, {}, 'HEAD');
    expect(head.status).toBe(302);
    const gpc = await hit(`/t/c/${token('click', { emailId: email })}`, { 'sec-gpc': '1' });
    expect(gpc.headers.get('location')).toBe('https://www.example.com/pricing?plan=pro');
    expect(await running.proxy.store.listTrackingEvents({ emailId: email })).toEqual([]);
  });

  it('answers a bad or open token with a plain 404 HTML page', async () => {
    for (const bad of [
      'nope',
      '',
      'a/b',
      token('open'),
      token('click', { secret: 'a-foreign-secret-0123456789abcdef' }),
    ]) {
      const res = await hit(`/t/c/${bad}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('Link not found');
    }
  });

  it(`never redirects to any of ${HOSTILE_DESTINATIONS.length} hostile destinations sealed in a token`, async () => {
    for (const url of HOSTILE_DESTINATIONS) {
      // Forged by a holder of the secret, past the mint check: the follow check still refuses.
      let forged: string;
      try {
        forged = token('click', { url: url || 'x' });
      } catch {
        continue; // too long to encode: cannot exist
      }
      const res = await hit(`/t/c/${forged}`);
      expect({
        url,
        status: res.status,
        location: res.headers.get('location'),
        type: res.headers.get('content-type'),
      }).toEqual({ url, status: 404, location: null, type: 'text/html; charset=utf-8' });
    }
    // The same forging with an allowed URL does redirect: the refusals above are the check's.
    const allowed = await hit(`/t/c/${token('click', { url: 'https://www.example.com/ok' })}`);
    expect(allowed.status).toBe(302);
  });
});

describe('POST /v1/admin/tracking-links', () => {
  const mint = (body: unknown, auth = `Bearer ${ADMIN}`) =>
    fetch(`${running.url}/v1/admin/tracking-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify(body),
    });

  it('needs the admin token', async () => {
    expect((await mint({ links: [{ leadRef }] }, 'Bearer wrong')).status).toBe(403);
    expect((await mint({ links: [{ leadRef }] })).status).toBe(200);
  });

  it('mints many, with an error per refused item, and every hostile destination refused', async () => {
    const res = await mint({
      links: [
        { leadRef, url: 'https://www.example.com/demo', campaign: 'spring' },
        { leadRef },
        { leadRef: 'not-a-ref' },
        ...HOSTILE_DESTINATIONS.map((url) => ({ leadRef, url })),
      ],
    });
    expect(res.status).toBe(200);
    const { links } = (await res.json()) as {
      links: Array<{ click?: string; pixel?: string; error?: { code: string } }>;
    };
    expect(links[0]?.click).toMatch(/^https:\/\/leads\.example\.com\/t\/c\/[A-Za-z0-9_-]+$/);
    expect(links[0]?.pixel).toMatch(/^https:\/\/leads\.example\.com\/t\/o\/[A-Za-z0-9_-]+$/);
    expect(links[1]).toEqual({ pixel: expect.stringMatching(/\/t\/o\//) });
    expect(links[2]).toMatchObject({ error: { code: 'invalid_lead_ref' } });
    const hostile = links.slice(3);
    expect(hostile).toHaveLength(HOSTILE_DESTINATIONS.length);
    for (const [i, item] of hostile.entries())
      expect({ url: HOSTILE_DESTINATIONS[i], code: item.error?.code.startsWith('url_') }).toEqual({
        url: HOSTILE_DESTINATIONS[i],
        code: true,
      });
    // The minted click link works on this proxy.
    clock += 120 * MINUTE;
    const follow = await hit(new URL(links[0]?.click as string).pathname);
    expect(follow.headers.get('location')).toBe(`https://www.example.com/demo?lk_ref=${leadRef}`);
  });

  it('answers 400 for a malformed batch', async () => {
    expect((await mint({ links: [] })).status).toBe(400);
    expect((await mint({ links: [{ url: 'https://www.example.com/' }] })).status).toBe(400);
  });
});

describe('POST /v1/signals', () => {
  const send = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${running.url}/v1/signals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('answers the preflight for tracking origins only', async () => {
    const ok = await fetch(`${running.url}/v1/signals`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const bad = await fetch(`${running.url}/v1/signals`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(bad.status).toBe(403);
  });

  it('stores a signal for a known lead with consent, once per replay', async () => {
    const body = {
      type: 'pricing_page_visit',
      leadRef,
      detail: { plan: 'pro' },
      occurredAt: new Date(clock - 1000).toISOString(),
    };
    const res = await send(body);
    expect(res.status).toBe(202);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await res.json()).toEqual({ status: 'accepted' });
    await send(body);
    const stored = await signalsOf(leadId, 'pricing_page_visit');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      detail: { plan: 'pro' },
      source: 'page',
      machine: false,
      occurredAt: clock - 1000,
    });
    expect((await send({ type: 'webinar_signup', leadRef })).status).toBe(202);
    expect(await signalsOf(leadId, 'webinar_signup')).toHaveLength(1);
  });

  it('answers 202 and keeps nothing without a lead, a known lead, consent, or with Sec-GPC', async () => {
    const before = (await running.proxy.store.listSignals({ limit: 500 })).items.length;
    for (const [body, headers] of [
      [{ type: 'demo_requested' }, {}],
      [{ type: 'demo_requested', leadRef: 'not-a-ref' }, {}],
      [{ type: 'demo_requested', leadRef: noConsentRef }, {}],
      [{ type: 'demo_requested', leadRef }, { 'sec-gpc': '1' }],
    ] as const) {
      const res = await send(body, headers);
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ status: 'accepted' });
    }
    expect((await running.proxy.store.listSignals({ limit: 500 })).items).toHaveLength(before);
  });

  it('refuses other origins, calls without Origin or admin token, unknown types and bad bodies', async () => {
    expect((await send({ type: 'demo_requested', leadRef }, { origin: 'https://evil.example' })).status).toBe(
      403,
    );
    const noOrigin = await fetch(`${running.url}/v1/signals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'demo_requested', leadRef }),
    });
    expect(noOrigin.status).toBe(403);
    const server = await fetch(`${running.url}/v1/signals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ type: 'demo_requested', leadRef }),
    });
    expect(server.status).toBe(202);
    for (const body of [
      { type: 'email_opened', leadRef },
      { type: 'link_clicked', leadRef },
      { type: 'nope', leadRef },
      { type: 'demo_requested', leadRef, extra: 1 },
      { type: 'demo_requested', leadRef, detail: { nested: { a: 1 } } },
      { type: 'demo_requested', leadRef, occurredAt: new Date(clock + 3_600_000).toISOString() },
      { type: 'demo_requested', leadRef, occurredAt: 'yesterday' },
    ]) {
      const res = await send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    }
    expect((await send('{')).status).toBe(400);
    expect(
      (
        await send({
          type: 'demo_requested',
          leadRef,
          detail: { a: 'x'.repeat(400), b: 'y'.repeat(400) },
          pad: 'z'.repeat(9000),
        })
      ).status,
    ).toBe(413);
  });
});

describe('GET /v1/admin/signals', () => {
  const list = (query: string, headers: Record<string, string> = { authorization: `Bearer ${ADMIN}` }) =>
    fetch(`${running.url}/v1/admin/signals${query}`, { headers, signal: AbortSignal.timeout(10_000) });

  it('lists the stored signals newest first, by lead and type, a page at a time, behind the admin token', async () => {
    const own = await createLead(true);
    const types = ['pricing_page_visit', 'case_study_download', 'demo_requested'];
    for (const [i, type] of types.entries()) {
      const res = await fetch(`${running.url}/v1/signals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({
          type,
          leadRef: own.leadRef,
          detail: { i },
          occurredAt: new Date(clock - 10_000 + i).toISOString(),
        }),
      });
      expect(res.status).toBe(202);
    }
    const first = await list(`?lead=${own.leadId}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const page1 = (await first.json()) as {
      signals: Array<Record<string, unknown>>;
      nextCursor: string | null;
    };
    expect(page1.signals.map((s) => s.type)).toEqual(['demo_requested', 'case_study_download']);
    expect(page1.signals[0]).toEqual({
      id: expect.stringMatching(/^sig_/),
      type: 'demo_requested',
      leadId: own.leadId,
      detail: { i: 2 },
      occurredAt: new Date(clock - 10_000 + 2).toISOString(),
      machine: false,
      source: 'page',
    });
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = (await (await list(`?lead=${own.leadId}&limit=2&cursor=${page1.nextCursor}`)).json()) as {
      signals: Array<{ type: string }>;
      nextCursor: string | null;
    };
    expect(page2).toEqual({
      signals: [expect.objectContaining({ type: 'pricing_page_visit' })],
      nextCursor: null,
    });
    const byType = (await (await list(`?lead=${own.leadId}&type=case_study_download`)).json()) as {
      signals: unknown[];
    };
    expect(byType.signals).toHaveLength(1);

    expect((await list('', {})).status).toBe(403);
    expect((await list('', { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(403);
    expect((await list('?limit=0')).status).toBe(400);
    expect((await list('?limit=lots')).status).toBe(400);
  });
});

describe('leadkit track-link, track-pixel, signals list', () => {
  it('prints signed URLs that this proxy follows, and lists the signals', async () => {
    const link = await runLeadkitCli([
      'track-link',
      '--config',
      configPath,
      '--lead',
      leadRef,
      '--url',
      'https://www.example.com/cli',
      '--campaign',
      'cli',
    ]);
    expect(link).toMatchObject({ code: 0 });
    expect(link.stdout.trim()).toMatch(/^https:\/\/leads\.example\.com\/t\/c\/[A-Za-z0-9_-]+$/);
    clock = Date.now() + 3_600_000;
    const follow = await hit(new URL(link.stdout.trim()).pathname);
    expect(follow.headers.get('location')).toBe(`https://www.example.com/cli?lk_ref=${leadRef}`);
    const pixel = await runLeadkitCli(['track-pixel', '--config', configPath, '--lead', leadRef]);
    expect(pixel.code).toBe(0);
    expect(pixel.stdout.trim()).toMatch(/^https:\/\/leads\.example\.com\/t\/o\/[A-Za-z0-9_-]+$/);
    expect(
      (
        await runLeadkitCli([
          'track-link',
          '--config',
          configPath,
          '--lead',
          leadRef,
          '--url',
          'https://evil.example/',
        ])
      ).code,
    ).toBe(2);
    expect(
      (
        await runLeadkitCli([
          'track-link',
          '--config',
          configPath,
          '--lead',
          'bogus',
          '--url',
          'https://www.example.com/',
        ])
      ).code,
    ).toBe(2);
    expect((await runLeadkitCli(['track-pixel', '--config', configPath])).code).toBe(2);
    const list = await runLeadkitCli(['signals', 'list', '--config', configPath, '--lead', leadId]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('link_clicked');
    expect(list.stdout).toContain('pricing_page_visit');
    expect(list.stdout).toContain(leadId);
  });
});
