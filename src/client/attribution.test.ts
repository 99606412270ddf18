import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../test/components/fake-proxy';
import { captureAttribution, readAttribution } from './attribution';

function clock(start: string) {
  let now = Date.parse(start);
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('attribution', () => {
  it('keeps the first touch and moves the last touch only on campaign or external visits', () => {
    const storage = createMemoryStorage();
    const time = clock('2026-11-20T09:12:00Z');
    const deps = { storage, now: time.now };
    captureAttribution(
      {
        url: 'https://www.example.com/offer?utm_source=google&utm_medium=cpc&gclid=abc&email=jane%40example.com#x',
        referrer: 'https://www.google.com/search?q=leads',
      },
      deps,
    );
    time.advance(60_000);
    // Internal navigation: nothing changes.
    captureAttribution(
      { url: 'https://www.example.com/pricing', referrer: 'https://www.example.com/offer' },
      deps,
    );
    time.advance(2 * 24 * 3600_000);
    captureAttribution(
      { url: 'https://www.example.com/pricing?utm_source=newsletter&utm_medium=email', referrer: '' },
      deps,
    );
    time.advance(60_000);
    // Three pages later, a direct visit to the contact page: the lead still carries both.
    const now = captureAttribution({ url: 'https://www.example.com/contact', referrer: '' }, deps);
    expect(now).toEqual({
      first: {
        utm_source: 'google',
        utm_medium: 'cpc',
        gclid: 'abc',
        referrer: 'https://www.google.com/search',
        // Only campaign parameters are kept: the prefilled address is not stored.
        landingPage: 'https://www.example.com/offer?utm_source=google&utm_medium=cpc&gclid=abc',
        at: '2026-11-20T09:12:00.000Z',
      },
      last: {
        utm_source: 'newsletter',
        utm_medium: 'email',
        landingPage: 'https://www.example.com/pricing?utm_source=newsletter&utm_medium=email',
        at: '2026-11-22T09:13:00.000Z',
      },
    });
    expect(readAttribution(deps)).toEqual(now);
  });

  it('records a direct first visit as both touches', () => {
    const deps = { storage: createMemoryStorage(), now: clock('2026-11-20T09:12:00Z').now };
    const touch = { landingPage: 'https://www.example.com/', at: '2026-11-20T09:12:00.000Z' };
    expect(captureAttribution({ url: 'https://www.example.com/', referrer: '' }, deps)).toEqual({
      first: touch,
      last: touch,
    });
  });

  it('forgets touches after 90 days and survives corrupt or blocked storage', () => {
    const storage = createMemoryStorage();
    const time = clock('2026-01-01T00:00:00Z');
    captureAttribution(
      { url: 'https://www.example.com/?utm_source=x', referrer: '' },
      { storage, now: time.now },
    );
    time.advance(91 * 24 * 3600_000);
    expect(readAttribution({ storage, now: time.now })).toEqual({});
    storage.setItem('leadkit:attribution', '{not json');
    expect(readAttribution({ storage, now: time.now })).toEqual({});
    expect(
      captureAttribution(
        { url: 'https://www.example.com/', referrer: '' },
        { storage: undefined, now: time.now },
      ).first?.landingPage,
    ).toBe('https://www.example.com/');
  });

  it('keeps only http(s) addresses, which the proxy accepts', () => {
    const deps = { storage: createMemoryStorage(), now: clock('2026-11-20T09:12:00Z').now };
    const fromApp = captureAttribution(
      { url: 'https://www.example.com/?utm_source=mail', referrer: 'android-app://com.google.android.gm/' },
      deps,
    );
    expect(fromApp.first).toEqual({
      utm_source: 'mail',
      landingPage: 'https://www.example.com/?utm_source=mail',
      at: '2026-11-20T09:12:00.000Z',
    });
    const local = { storage: createMemoryStorage(), now: deps.now };
    expect(captureAttribution({ url: 'file:///home/me/page.html', referrer: '' }, local)).toEqual({});
    local.storage.setItem(
      'leadkit:attribution',
      JSON.stringify({
        first: { landingPage: 'javascript:alert(1)', referrer: 'null/x', at: '2026-11-20T09:00:00.000Z' },
      }),
    );
    expect(readAttribution(local)).toEqual({ first: { at: '2026-11-20T09:00:00.000Z' } });
  });
});
