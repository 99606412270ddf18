import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTextDirection } from '../../src/i18n/get-messages';
import { LOCALE_CATALOGUES } from '../../src/proxy/locales/get-locale-messages';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy';

const ORIGIN = 'https://shop.example.com';
const HOURS = ['09:00-17:00'];
type Answer = {
  locale?: string;
  messages?: { locale: string; form?: unknown; slotPicker?: unknown; booking?: unknown };
};

describe('messages with the definitions (only English is in the bundle)', () => {
  let proxy: TestProxy;

  beforeAll(async () => {
    proxy = await startTestProxy({
      backends: { inbox: { type: 'local' } },
      forms: {
        contact: { origins: [ORIGIN], fields: ['name', 'email'], deliver: ['inbox'] },
        kontakt: { origins: [ORIGIN], fields: ['name', 'email'], deliver: ['inbox'], locale: 'de-AT' },
      },
      calendars: {
        visit: {
          origins: [ORIGIN],
          backend: 'inbox',
          form: 'kontakt',
          timezone: 'Europe/Vienna',
          durationMinutes: 30,
          hours: { mon: HOURS, tue: HOURS, wed: HOURS, thu: HOURS, fri: HOURS },
          minNoticeMinutes: 0,
        },
      },
    });
  });
  afterAll(async () => {
    await proxy?.shutdown();
  });

  const get = async (path: string) => {
    const res = await fetch(`${proxy.url}${path}`, {
      headers: { origin: ORIGIN },
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status, path).toBe(200);
    return { res, body: (await res.json()) as Answer };
  };

  it('resolves like the widget: the attribute or page locale wins over the form’s, which wins over the browser’s', async () => {
    expect((await get('/v1/forms/kontakt?locale=fr-CA&fallback=es')).body.messages?.locale).toBe('fr-CA');
    expect((await get('/v1/forms/kontakt?fallback=es')).body.messages?.locale).toBe('de-AT');
    expect((await get('/v1/forms/contact?fallback=es')).body.messages?.locale).toBe('es');
    // An ill-formed tag is passed over, as in the browser.
    expect((await get('/v1/forms/contact?locale=not%20a%20tag!&fallback=ar')).body.messages?.locale).toBe(
      'ar',
    );
  });

  it('sends the form’s catalogue of that language, and nothing for English or an unknown language', async () => {
    const { res, body } = await get('/v1/forms/contact?locale=de');
    expect(body.messages).toEqual({ locale: 'de', form: LOCALE_CATALOGUES.de?.form });
    // The documented fields are unchanged; the query is part of the cached URL.
    expect(body).toMatchObject({ id: 'contact', fields: expect.any(Array) });
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect((await get('/v1/forms/contact')).body.messages).toBeUndefined();
    expect((await get('/v1/forms/contact?locale=en-GB&fallback=de')).body.messages).toBeUndefined();
    expect((await get('/v1/forms/contact?locale=pt-BR')).body.messages).toBeUndefined();
    // The form's own locale applies without any query.
    expect((await get('/v1/forms/kontakt')).body.messages?.locale).toBe('de-AT');
  });

  it('sends Arabic for `ar`, which the widget writes right-to-left', async () => {
    const { body } = await get('/v1/forms/contact?locale=ar');
    expect(body.messages?.form).toMatchObject({ submit: 'إرسال' });
    expect(getTextDirection(body.messages?.locale ?? '')).toBe('rtl');
  });

  it('sends the form’s, the picker’s and the booking catalogues with a calendar', async () => {
    const { body } = await get('/v1/calendars/visit?locale=es-MX');
    expect(body.messages?.locale).toBe('es-MX');
    expect(body.messages?.form).toEqual(LOCALE_CATALOGUES.es?.form);
    expect(body.messages?.slotPicker).toEqual(LOCALE_CATALOGUES.es?.slotPicker);
    expect(body.messages?.booking).toMatchObject({ book: 'Reservar' });
    // The calendar's form is configured in de-AT: it comes before the browser's language.
    expect((await get('/v1/calendars/visit?fallback=fr')).body.messages?.locale).toBe('de-AT');
    expect((await get('/v1/calendars/visit?locale=en')).body.messages).toBeUndefined();
  });

  it('sends the booking sentences with a booking for its manage view', async () => {
    // A week from four days ahead holds working days.
    const from = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const day = await get(`/v1/calendars/visit/availability?from=${from}&to=${to}`);
    const days = (day.body as { days?: Array<{ slots: Array<{ start: string; end: string }> }> }).days ?? [];
    const slot = days.find((d) => d.slots.length)?.slots[0];
    if (!slot) throw new Error('no free slot');
    const submissionId = randomUUID();
    const created = await proxy.post(
      '/v1/calendars/visit/bookings',
      {
        submissionId,
        ...slot,
        fields: { name: 'Jane Doe', email: 'jane@example.com' },
        context: { pageUrl: `${ORIGIN}/`, startedAt: new Date(Date.now() - 30_000).toISOString(), hp: '' },
      },
      { origin: ORIGIN, 'idempotency-key': submissionId },
    );
    expect(created.status, await created.clone().text()).toBe(201);
    const { bookingId, manageToken } = (await created.json()) as { bookingId: string; manageToken: string };
    const view = await get(`/v1/bookings/${bookingId}?token=${manageToken}&locale=fr`);
    expect(view.body.messages).toEqual({ locale: 'fr', booking: LOCALE_CATALOGUES.fr?.booking });
    expect(view.body).toMatchObject({ bookingId, status: 'confirmed' });
    expect((await get(`/v1/bookings/${bookingId}?token=${manageToken}`)).body.messages?.locale).toBe('de-AT');
  });
});
