// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from '../../test/components/fake-proxy';
import { createLeadRef } from '../proxy/security/lead-ref';
import type { ClientDeps } from './client-deps';
import { storeLeadRef } from './lead-ref';
import { createSignalSender } from './signal-sender';

const SECRET = 'sender-test-secret-0123456789';
const NOW = Date.parse('2026-11-22T10:00:00Z');

interface Sent {
  url: string;
  init: RequestInit;
  body: Record<string, unknown>;
}

function setup(
  answer: (sent: Sent) => Promise<Response> | Response = () => new Response(null, { status: 202 }),
) {
  const sent: Sent[] = [];
  const deps = {
    storage: createMemoryStorage(),
    now: () => NOW,
    fetch: vi.fn(async (url: string, init: RequestInit = {}) => {
      const item = { url, init, body: JSON.parse(String(init.body)) };
      sent.push(item);
      return answer(item);
    }),
  } as unknown as ClientDeps;
  const sender = createSignalSender(() => deps);
  return { sender, deps, sent };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const setPrivacyControl = (value: unknown) =>
  Object.defineProperty(navigator, 'globalPrivacyControl', { value, configurable: true });

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => {
  setPrivacyControl(undefined);
  vi.restoreAllMocks();
});

describe('the page signal sender', () => {
  it('keeps signals until a lead reference is known, then posts each once, as the proxy reads them', async () => {
    const { sender, sent } = setup();
    sender.setEndpoint('https://leads.example.com/');
    sender.add('pricing_page_visit', { plan: 'pro' });
    sender.add('case_study_download');
    await settle();
    expect(sent).toEqual([]);
    expect(sender.pending().map((s) => s.type)).toEqual(['pricing_page_visit', 'case_study_download']);

    const leadRef = createLeadRef('lead-1', SECRET);
    expect(sender.identify(leadRef)).toBe(true);
    await settle();
    expect(sent.map((s) => s.body)).toEqual([
      {
        type: 'pricing_page_visit',
        leadRef,
        detail: { plan: 'pro' },
        occurredAt: '2026-11-22T10:00:00.000Z',
      },
      { type: 'case_study_download', leadRef, detail: {}, occurredAt: '2026-11-22T10:00:00.000Z' },
    ]);
    for (const { url, init } of sent) {
      expect(url).toBe('https://leads.example.com/v1/signals');
      expect(init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit' });
      expect(init.headers).toEqual({ 'content-type': 'application/json' });
      expect(init.signal).toBeInstanceOf(AbortSignal);
    }
    expect(sender.pending()).toEqual([]);
    sender.add('demo_requested');
    await settle();
    expect(sent).toHaveLength(3);
  });

  it('keeps at most 50 waiting, dropping the oldest, and copies what the page passed', () => {
    const { sender } = setup();
    const detail = { i: -1 };
    sender.add('manual', detail);
    detail.i = 99;
    expect(sender.pending()[0]?.detail).toEqual({ i: -1 });
    for (let i = 0; i < 60; i++) sender.add('manual', { i });
    const pending = sender.pending();
    expect(pending).toHaveLength(50);
    expect(pending[0]?.detail).toEqual({ i: 10 });
    expect(pending.at(-1)?.detail).toEqual({ i: 59 });
  });

  it('sends to the configured endpoint, else a leadkit element’s, else the fallback; waits without any', async () => {
    const { sender, deps, sent } = setup();
    storeLeadRef(createLeadRef('lead-2', SECRET), deps);
    sender.add('manual');
    await settle();
    expect(sent).toEqual([]);
    document.body.innerHTML = '<div endpoint="https://other.example.com"></div>';
    sender.setEndpoint('https://cdn.example.com/leadkit/', true);
    await settle();
    expect(sent.map((s) => s.url)).toEqual(['https://cdn.example.com/leadkit/v1/signals']);
    document.body.innerHTML += '<leadkit-form endpoint="/proxy" form="demo"></leadkit-form>';
    sender.add('manual');
    await settle();
    expect(sent.at(-1)?.url).toBe(`${location.origin}/proxy/v1/signals`);
    expect(sender.setEndpoint('https://leads.example.com')).toBe(true);
    sender.add('manual');
    await settle();
    expect(sent.at(-1)?.url).toBe('https://leads.example.com/v1/signals');
    expect(sender.setEndpoint('javascript:alert(1)')).toBe(false);
    expect(sender.setEndpoint(42 as unknown as string)).toBe(false);
    sender.add('manual');
    await settle();
    expect(sent.at(-1)?.url).toBe('https://leads.example.com/v1/signals');
  });

  it('sends nothing, and drops what waits, under Global Privacy Control', async () => {
    const { sender, deps, sent } = setup();
    sender.setEndpoint('https://leads.example.com');
    sender.add('pricing_page_visit');
    setPrivacyControl(true);
    storeLeadRef(createLeadRef('lead-3', SECRET), deps);
    sender.add('case_study_download');
    sender.identify(createLeadRef('lead-3', SECRET));
    await settle();
    expect(sent).toEqual([]);
    expect(sender.pending()).toEqual([]);
    setPrivacyControl(false);
    sender.add('case_study_download');
    await settle();
    expect(sent.map((s) => s.body.type)).toEqual(['case_study_download']);
  });

  it('sends once a form on the page stored the reference (leadkit:success)', async () => {
    const { sender, deps, sent } = setup();
    sender.setEndpoint('https://leads.example.com');
    sender.add('demo_requested');
    sender.add('pricing_page_visit');
    const leadRef = createLeadRef('lead-4', SECRET);
    storeLeadRef(leadRef, deps);
    document.body.append(document.createElement('leadkit-form'));
    document.body.firstElementChild?.dispatchEvent(new CustomEvent('leadkit:success', { bubbles: true }));
    await settle();
    expect(sent.map((s) => [s.body.type, s.body.leadRef])).toEqual([
      ['demo_requested', leadRef],
      ['pricing_page_visit', leadRef],
    ]);
  });

  it('keeps a reference for this page when storage refuses it', async () => {
    const { sender, deps, sent } = setup();
    (deps as { storage: Storage | undefined }).storage = undefined;
    sender.setEndpoint('https://leads.example.com');
    const leadRef = createLeadRef('lead-5', SECRET);
    expect(sender.identify(leadRef)).toBe(false);
    expect(sender.leadRef()).toBe(leadRef);
    sender.add('manual');
    await settle();
    expect(sent.map((s) => s.body.leadRef)).toEqual([leadRef]);
    expect(sender.identify('<script>')).toBe(false);
    expect(sender.leadRef()).toBe(leadRef);
    sender.clear();
    expect(sender.leadRef()).toBeUndefined();
  });

  it('never throws into the page: a network failure waits for the next flush, a refusal is warned about', async () => {
    let mode: 'offline' | 'throw' | 'refuse' | 'busy' | 'ok' = 'offline';
    const { sender, deps, sent } = setup(() => {
      if (mode === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
      if (mode === 'refuse') return new Response('{}', { status: 403 });
      if (mode === 'busy') return new Response('{}', { status: 429 });
      return new Response(null, { status: 202 });
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    sender.setEndpoint('https://leads.example.com');
    storeLeadRef(createLeadRef('lead-6', SECRET), deps);
    expect(() => sender.add('pricing_page_visit')).not.toThrow();
    await settle();
    expect(sender.pending().map((s) => s.type)).toEqual(['pricing_page_visit']);

    mode = 'ok';
    sender.add('case_study_download');
    await settle();
    expect(sent.slice(1).map((s) => s.body.type)).toEqual(['pricing_page_visit', 'case_study_download']);
    // The retry is the same signal (same time), which the proxy stores once.
    expect(sent[1]?.body.occurredAt).toBe(sent[0]?.body.occurredAt);
    expect(sender.pending()).toEqual([]);

    mode = 'busy';
    sender.add('manual');
    await settle();
    expect(warn).not.toHaveBeenCalled();
    mode = 'refuse';
    sender.add('manual');
    await settle();
    expect(warn).toHaveBeenCalledWith('leadkit: POST /v1/signals answered 403');
    expect(sender.pending()).toEqual([]);

    mode = 'throw';
    (deps as { fetch: unknown }).fetch = () => {
      throw new TypeError('broken fetch');
    };
    expect(() => sender.add('manual')).not.toThrow();
  });

  it('drops a signal type that could never be valid, with a warning', async () => {
    const { sender } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const type of ['bad type!', '', '9lives', 'x'.repeat(65), 42]) sender.add(type as string);
    expect(sender.pending()).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(5);
    expect(warn).toHaveBeenCalledWith('leadkit: "bad type!" is not a signal type');
  });

  it('sends a declarative signal once per page path for the same type and detail', () => {
    const { sender } = setup();
    sender.addOnce('case_study_download', { study: 'acme' });
    sender.addOnce('case_study_download', { study: 'acme' });
    sender.addOnce('case_study_download', { study: 'globex' });
    sender.addOnce('case_study_download');
    history.replaceState(null, '', '/pricing');
    sender.addOnce('case_study_download', { study: 'acme' });
    expect(sender.pending().map((s) => s.detail)).toEqual([
      { study: 'acme' },
      { study: 'globex' },
      {},
      { study: 'acme' },
    ]);
  });
});
