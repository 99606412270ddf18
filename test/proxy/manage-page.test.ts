import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy';

const HOURS = ['09:00-17:00'];
const FORMS = {
  clinic: { origins: ['https://clinic.example.com'], fields: ['name', 'email'], deliver: ['inbox'] },
};

describe('the manage page behind the default manageUrl', () => {
  let withCalendar: TestProxy;
  let withoutCalendar: TestProxy;

  beforeAll(async () => {
    withCalendar = await startTestProxy({
      demo: false,
      backends: { inbox: { type: 'local' } },
      forms: FORMS,
      calendars: {
        clinic: {
          origins: ['https://clinic.example.com'],
          backend: 'inbox',
          form: 'clinic',
          timezone: 'Europe/Berlin',
          durationMinutes: 30,
          hours: { mon: HOURS },
        },
      },
    });
    withoutCalendar = await startTestProxy({
      demo: false,
      backends: { inbox: { type: 'local' } },
      forms: FORMS,
    });
  });
  afterAll(async () => {
    await withCalendar?.shutdown();
    await withoutCalendar?.shutdown();
  });

  it('serves a page with <leadkit-booking> in manage mode, without demo, under the demo CSP', async () => {
    const res = await fetch(`${withCalendar.url}/manage/b_123abc?token=secret-token-value`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<leadkit-booking endpoint="/" booking="b_123abc"></leadkit-booking>');
    expect(html).toContain('<script src="/leadkit.js" defer></script>');
    // The token is read by the element from the page URL; the server never echoes it.
    expect(html).not.toContain('secret-token-value');
    expect(html).not.toMatch(/<script>|<style>|style=/);
  });

  it('refuses an id that is not a booking id', async () => {
    const res = await fetch(`${withCalendar.url}/manage/%3Cscript%3E`);
    expect(res.status).toBe(404);
  });

  it('is not there when no calendar is configured', async () => {
    const res = await fetch(`${withoutCalendar.url}/manage/b_123abc?token=x`);
    expect(res.status).toBe(404);
  });
});
