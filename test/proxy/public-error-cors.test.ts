/**
 * The public routes' error answers are readable from any page (so the widget can say
 * `origin_not_allowed`, `form_not_found`, `rate_limited`), without credentials, and a
 * disallowed origin's lead is still refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestProxy, type TestProxy } from '../support/start-test-proxy';

const LISTED = 'https://www.example.com';
const OTHER = 'https://app.example';

describe("CORS on the public routes' error answers", () => {
  let proxy: TestProxy;
  beforeAll(async () => {
    proxy = await startTestProxy({
      backends: { inbox: { type: 'local' } },
      forms: {
        contact: { origins: [LISTED], fields: ['email'], deliver: ['inbox'], limits: { perIp: '1/min' } },
      },
    });
  });
  afterAll(async () => {
    await proxy?.shutdown();
  });

  const lead = (id: string) => ({
    submissionId: id,
    fields: { email: 'jane@example.com' },
  });

  it('a wrong form id: 404 form_not_found readable by any origin, without credentials', async () => {
    const res = await fetch(`${proxy.url}/v1/forms/nope`, { headers: { origin: OTHER } });
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe(OTHER);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toContain('Origin');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('form_not_found');
  });

  it('a disallowed origin: 403 origin_not_allowed readable by it, and the lead is still refused', async () => {
    const id = '0b7c6f1e-3c1a-4c39-9a53-2f4f1d8a9e31';
    const res = await proxy.post('/v1/forms/contact/leads', lead(id), {
      origin: OTHER,
      'idempotency-key': id,
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe(OTHER);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
    const leads = await fetch(`${proxy.url}/v1/admin/leads?limit=100&spam=include`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(((await leads.json()) as { leads: unknown[] }).leads).toEqual([]);
  });

  it('rate_limited keeps Retry-After readable; preflights and successes are as before', async () => {
    const ids = ['0b7c6f1e-3c1a-4c39-9a53-2f4f1d8a9e32', '0b7c6f1e-3c1a-4c39-9a53-2f4f1d8a9e33'];
    const answers = [];
    for (const id of ids)
      answers.push(
        await proxy.post('/v1/forms/contact/leads', lead(id), { origin: LISTED, 'idempotency-key': id }),
      );
    expect(answers.map((a) => a.status)).toEqual([202, 429]);
    expect(answers[1]?.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(answers[1]?.headers.get('access-control-expose-headers')).toContain('retry-after');
    const preflight = await fetch(`${proxy.url}/v1/forms/contact/leads`, {
      method: 'OPTIONS',
      headers: { origin: OTHER, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const definition = await fetch(`${proxy.url}/v1/forms/contact`, { headers: { origin: OTHER } });
    expect(definition.status).toBe(200);
    expect(definition.headers.get('access-control-allow-origin')).toBeNull();
  });
});
