// @vitest-environment jsdom
/**
 * `<leadkit-signal>` and `data-leadkit-signal` in a DOM (jsdom has no IntersectionObserver:
 * a fake one lets the test say when the element comes into view): each sends its signal once
 * per page view, only when seen or clicked, and leaves no observer behind when removed.
 * `defineSignal()` takes `lk_ref` from the address bar and adds one click listener, once.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LeadKit } from '../../src/client/leadkit-api';
import { createLeadRef } from '../../src/proxy/security/lead-ref';
import { defineSignal } from '../../widgets/signal/define';

const SECRET = 'signal-element-secret-0123456789';

class FakeIntersectionObserver {
  static live = new Set<FakeIntersectionObserver>();
  readonly targets = new Set<Element>();
  constructor(readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.live.add(this);
  }
  observe(target: Element) {
    this.targets.add(target);
  }
  disconnect() {
    this.targets.clear();
    FakeIntersectionObserver.live.delete(this);
  }
  static show(target: Element, isIntersecting = true) {
    for (const observer of [...FakeIntersectionObserver.live])
      if (observer.targets.has(target))
        observer.callback(
          [{ target, isIntersecting } as IntersectionObserverEntry],
          observer as unknown as IntersectionObserver,
        );
  }
}

const fetch = vi.fn(async (_url: string, _init?: RequestInit) => new Response(null, { status: 202 }));
const sentTypes = () =>
  fetch.mock.calls.map(([, init]) => {
    const body = JSON.parse(String(init?.body)) as { type: string; detail: Record<string, unknown> };
    return [body.type, body.detail];
  });

const leadRef = createLeadRef(crypto.randomUUID(), SECRET);

beforeAll(() => {
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  vi.stubGlobal('fetch', fetch);
  history.replaceState(null, '', `/landing?utm_source=mail&lk_ref=${leadRef}#top`);
  const listen = vi.spyOn(document, 'addEventListener');
  defineSignal();
  defineSignal();
  expect(listen.mock.calls.filter(([type]) => type === 'click')).toHaveLength(1);
  listen.mockRestore();
  LeadKit.configure({ endpoint: 'https://leads.example.com' });
});

beforeEach(() => {
  fetch.mockClear();
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('page signals in the DOM', () => {
  it('takes lk_ref from the address bar at define(), keeping the rest of the URL', () => {
    expect(`${location.pathname}${location.search}${location.hash}`).toBe('/landing?utm_source=mail#top');
    expect(LeadKit.getLeadRef()).toBe(leadRef);
  });

  it('<leadkit-signal> sends once when it comes into view, not before, and renders nothing', () => {
    history.replaceState(null, '', '/pricing-a');
    document.body.innerHTML =
      '<leadkit-signal type="pricing_page_visit" detail=\'{"plan":"pro"}\'></leadkit-signal>';
    const el = document.querySelector('leadkit-signal') as HTMLElement;
    expect(el.shadowRoot).toBeNull();
    expect(el.childNodes).toHaveLength(0);
    FakeIntersectionObserver.show(el, false);
    expect(fetch).not.toHaveBeenCalled();
    FakeIntersectionObserver.show(el);
    FakeIntersectionObserver.show(el);
    expect(sentTypes()).toEqual([['pricing_page_visit', { plan: 'pro' }]]);
    expect(FakeIntersectionObserver.live.size).toBe(0);

    // The same signal again on this page view (the element re-added, a second copy) is not sent.
    el.remove();
    document.body.append(el, el.cloneNode());
    for (const copy of document.querySelectorAll('leadkit-signal')) FakeIntersectionObserver.show(copy);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('watches again for a new type, and sends it without a malformed detail', () => {
    history.replaceState(null, '', '/pricing-b');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const el = document.createElement('leadkit-signal');
    el.setAttribute('type', 'pricing_page_visit');
    document.body.append(el);
    FakeIntersectionObserver.show(el);
    el.setAttribute('type', 'demo_requested');
    el.setAttribute('detail', '{not json');
    FakeIntersectionObserver.show(el);
    expect(sentTypes()).toEqual([
      ['pricing_page_visit', {}],
      ['demo_requested', {}],
    ]);
    expect(warn).toHaveBeenCalledWith('leadkit: the detail of signal "demo_requested" is not valid JSON');
    warn.mockRestore();
  });

  it('leaves no observer behind after 1,000 mounts and unmounts', () => {
    history.replaceState(null, '', '/pricing-c');
    for (let i = 0; i < 1000; i++) {
      const el = document.createElement('leadkit-signal');
      el.setAttribute('type', 'pricing_page_visit');
      document.body.append(el);
      el.remove();
    }
    expect(FakeIntersectionObserver.live.size).toBe(0);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('data-leadkit-signal sends on click, once per page view, from anywhere inside the link or button', () => {
    history.replaceState(null, '', '/resources');
    document.body.innerHTML = `
      <a href="#study" data-leadkit-signal="case_study_download" data-leadkit-detail='{"study":"acme"}'><span>Acme</span></a>
      <button type="button" data-leadkit-signal="demo_requested">Demo</button>
      <button type="button" id="plain">Plain</button>`;
    // A page handler that stops the click does not hide it (the listener captures).
    document.querySelector('a')?.addEventListener('click', (event) => {
      event.stopPropagation();
      event.preventDefault();
    });
    document.querySelector('span')?.click();
    document.querySelector('a')?.click();
    (document.querySelector('#plain') as HTMLButtonElement).click();
    (document.querySelector('[data-leadkit-signal="demo_requested"]') as HTMLButtonElement).click();
    expect(sentTypes()).toEqual([
      ['case_study_download', { study: 'acme' }],
      ['demo_requested', {}],
    ]);
    history.replaceState(null, '', '/resources/next');
    document.querySelector('a')?.click();
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('sends nothing under Global Privacy Control', () => {
    history.replaceState(null, '', '/private');
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      document.body.innerHTML =
        '<button data-leadkit-signal="demo_requested">Demo</button><leadkit-signal type="pricing_page_visit"></leadkit-signal>';
      document.querySelector('button')?.click();
      FakeIntersectionObserver.show(document.querySelector('leadkit-signal') as Element);
      LeadKit.signal('manual');
      expect(fetch).not.toHaveBeenCalled();
      expect(LeadKit.pendingSignals()).toEqual([]);
    } finally {
      Object.defineProperty(navigator, 'globalPrivacyControl', { value: undefined, configurable: true });
    }
  });
});
