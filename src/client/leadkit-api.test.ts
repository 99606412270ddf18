// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeadRef, parseLeadRef } from '../proxy/security/lead-ref';
import { captureAttribution } from './attribution';
import { getBrowserDeps } from './client-deps';
import { LeadKit } from './leadkit-api';
import { enqueueSubmission, listQueued } from './offline-queue';
import { VERSION } from './version';

const SECRET = 'api-test-secret-0123456789';

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('LeadKit', () => {
  it('identifies the lead first-party with a reference the proxy minted, and refuses malformed ones', () => {
    const leadId = crypto.randomUUID();
    const leadRef = createLeadRef(leadId, SECRET);
    expect(LeadKit.version).toBe(VERSION);
    expect(LeadKit.getLeadRef()).toBeUndefined();
    expect(LeadKit.identify({ leadRef })).toBe(true);
    expect(LeadKit.getLeadRef()).toBe(leadRef);
    expect(parseLeadRef(LeadKit.getLeadRef() as string, SECRET)).toBe(leadId);
    expect(LeadKit.identify({ leadRef: '<script>' })).toBe(false);
    expect(LeadKit.identify({ leadRef: 42 } as unknown as { leadRef: string })).toBe(false);
    expect(LeadKit.getLeadRef()).toBe(leadRef);
  });

  it('queues signals (capped) while no lead is known, and ignores bad types', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (let i = 0; i < 60; i++) LeadKit.signal('pricing_page_visit', { plan: 'pro', i });
    LeadKit.signal('bad type!', {});
    const pending = LeadKit.pendingSignals();
    expect(pending).toHaveLength(50);
    expect(pending.at(-1)).toMatchObject({ type: 'pricing_page_visit', detail: { plan: 'pro', i: 59 } });
    LeadKit.forget();
  });

  it('sends them to the configured endpoint once the lead is known, and takes a custom refParam from the URL', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 202 }));
    vi.stubGlobal('fetch', fetch);
    LeadKit.signal('case_study_download', { study: 'acme' });
    expect(LeadKit.configure({ endpoint: 'mailto:x@example.com' })).toBe(false);
    expect(LeadKit.configure({ endpoint: 'https://leads.example.com' })).toBe(true);
    expect(fetch).not.toHaveBeenCalled();
    const leadRef = createLeadRef(crypto.randomUUID(), SECRET);
    history.replaceState(null, '', `/pricing?ref=${leadRef}&plan=pro`);
    expect(LeadKit.configure({ refParam: 'ref' })).toBe(true);
    expect(location.search).toBe('?plan=pro');
    expect(LeadKit.getLeadRef()).toBe(leadRef);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith('https://leads.example.com/v1/signals', expect.anything());
    const body = JSON.parse(String((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body));
    expect(body).toMatchObject({ type: 'case_study_download', leadRef, detail: { study: 'acme' } });
    expect(LeadKit.pendingSignals()).toEqual([]);
  });

  it('forgets everything leadkit keeps in this browser, and nothing else', () => {
    const deps = getBrowserDeps();
    captureAttribution({ url: 'https://www.example.com/?utm_source=google', referrer: '' }, deps);
    LeadKit.identify({ leadRef: createLeadRef('lead-1', SECRET) });
    enqueueSubmission(
      {
        endpoint: 'https://leads.example.com',
        form: 'demo',
        submission: { submissionId: 'q1', fields: { email: 'jane@example.com' } },
        savedAt: Date.now(),
      },
      deps,
    );
    localStorage.setItem('leadkit:some-later-key', '1');
    sessionStorage.setItem('leadkit:session', '1');
    localStorage.setItem('other-app', 'keep');
    LeadKit.signal('pricing_page_visit');

    expect(LeadKit.forget()).toBe(true);

    expect(Object.keys(localStorage)).toEqual(['other-app']);
    expect(Object.keys(sessionStorage)).toEqual([]);
    expect(LeadKit.getLeadRef()).toBeUndefined();
    expect(listQueued(deps)).toEqual([]);
    expect(LeadKit.pendingSignals()).toEqual([]);
  });
});
