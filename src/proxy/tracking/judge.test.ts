import { describe, expect, it } from 'vitest';
import type { FetchFacts } from './find-machine-trait';
import { judgeClick } from './judge-click';
import { judgeOpen } from './judge-open';
import { createMachineNetworks } from './machine-networks';
import { planOpenSignals } from './plan-open-signals';
import { toEventSource } from './to-event-source';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const GMAIL = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const YAHOO = 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html';
const issuedAt = new Date('2026-12-01T10:00:00Z');
const networks = createMachineNetworks([
  { cidrs: ['40.92.0.0/15', '2a01:111::/32'], for: 'clicks', label: 'safe_links' },
  { cidrs: ['17.58.0.0/16'], for: 'opens', label: 'apple_relay' },
  { cidrs: ['198.51.100.7'], for: 'both', label: 'mimecast' },
]);

function facts(overrides: Partial<FetchFacts> = {}): FetchFacts {
  return {
    userAgent: CHROME,
    headers: {},
    ip: '203.0.113.9',
    now: new Date(issuedAt.getTime() + 3_600_000),
    issuedAt,
    ...overrides,
  };
}
const click = (o: Partial<FetchFacts> = {}, otherLinkWithinBurst = false) =>
  judgeClick({ ...facts(o), otherLinkWithinBurst }, networks);

describe('open verdicts', () => {
  it('a browser an hour after sending is a human', () => {
    expect(judgeOpen(facts(), networks)).toEqual({ verdict: 'human', reason: 'browser' });
  });
  it('Gmail and Yahoo image proxies are proxy opens', () => {
    expect(judgeOpen(facts({ userAgent: GMAIL }), networks)).toEqual({
      verdict: 'proxy',
      reason: 'image_proxy',
    });
    expect(judgeOpen(facts({ userAgent: YAHOO }), networks)).toEqual({
      verdict: 'proxy',
      reason: 'image_proxy',
    });
  });
  it('the bare Mozilla/5.0 of Apple Mail Privacy Protection is a machine', () => {
    expect(judgeOpen(facts({ userAgent: 'Mozilla/5.0' }), networks)).toEqual({
      verdict: 'machine',
      reason: 'apple_privacy_proxy',
    });
  });
  it('prefetch headers, in each spelling, make a machine', () => {
    for (const headers of [
      { purpose: 'prefetch' },
      { 'sec-purpose': 'prefetch;prerender' },
      { 'x-moz': 'prefetch' },
    ]) {
      expect(judgeOpen(facts({ headers }), networks)).toEqual({
        verdict: 'machine',
        reason: 'prefetch_header',
      });
    }
  });
  it('no user agent is a machine', () => {
    expect(judgeOpen(facts({ userAgent: '' }), networks)).toEqual({
      verdict: 'machine',
      reason: 'empty_user_agent',
    });
    expect(judgeOpen(facts({ userAgent: '   ' }), networks)).toEqual({
      verdict: 'machine',
      reason: 'empty_user_agent',
    });
  });
  it('a network listed for opens or both is a machine, one listed for clicks only is not', () => {
    expect(judgeOpen(facts({ ip: '17.58.1.2' }), networks)).toEqual({
      verdict: 'machine',
      reason: 'machine_network',
    });
    expect(judgeOpen(facts({ ip: '198.51.100.7' }), networks)).toEqual({
      verdict: 'machine',
      reason: 'machine_network',
    });
    expect(judgeOpen(facts({ ip: '40.93.1.1' }), networks).verdict).toBe('human');
  });
  it('a fetch within 60 s of minting is a machine, even through an image proxy', () => {
    const soon = new Date(issuedAt.getTime() + 59_000);
    expect(judgeOpen(facts({ now: soon }), networks)).toEqual({ verdict: 'machine', reason: 'too_soon' });
    expect(judgeOpen(facts({ now: soon, userAgent: GMAIL }), networks).reason).toBe('too_soon');
    expect(judgeOpen(facts({ now: new Date(issuedAt.getTime() + 61_000) }), networks).verdict).toBe('human');
  });
});

describe('click verdicts', () => {
  it('a browser click is human', () => {
    expect(click()).toEqual({ verdict: 'human', reason: 'browser' });
  });
  it('scanner networks listed for clicks (IPv4 and IPv6, mapped addresses too) are machines', () => {
    expect(click({ ip: '40.92.3.4' })).toEqual({ verdict: 'machine', reason: 'machine_network' });
    expect(click({ ip: '::ffff:40.93.255.1' }).reason).toBe('machine_network');
    expect(click({ ip: '2a01:111:f400::1' }).reason).toBe('machine_network');
    expect(click({ ip: '17.58.1.2' }).verdict).toBe('human');
  });
  it('another link of the same email from the same source within 5 s is a machine', () => {
    expect(click({}, true)).toEqual({ verdict: 'machine', reason: 'link_burst' });
  });
  it('an image proxy, a bare Mozilla/5.0, prefetch, empty UA and too soon are machines on clicks too', () => {
    expect(click({ userAgent: GMAIL }).reason).toBe('image_proxy');
    expect(click({ userAgent: 'Mozilla/5.0' }).reason).toBe('apple_privacy_proxy');
    expect(click({ headers: { 'sec-purpose': 'prefetch' } }).reason).toBe('prefetch_header');
    expect(click({ userAgent: '' }).reason).toBe('empty_user_agent');
    expect(click({ now: new Date(issuedAt.getTime() + 1000) }).reason).toBe('too_soon');
  });
});

describe('distinct opens and email_opened_3x', () => {
  const base = { emailId: 'AAECAwQFBgc', leadId: 'lead-1' };
  it('folds opens within 5 minutes of the last counted one and emits email_opened_3x on the third, once', () => {
    const counted: number[] = [];
    const emitted: string[] = [];
    const ids = new Set<string>();
    const minute = 60_000;
    for (const at of [0, 1, 4, 6, 7, 20, 21, 40, 60]) {
      const plan = planOpenSignals({ ...base, countedOpenTimes: counted, now: at * minute });
      if (plan.counted) counted.push(at * minute);
      for (const s of plan.signals) {
        if (ids.has(s.id)) continue;
        ids.add(s.id);
        emitted.push(s.type);
      }
    }
    expect(counted.map((t) => t / minute)).toEqual([0, 6, 20, 40, 60]);
    expect(emitted.filter((t) => t === 'email_opened_3x')).toHaveLength(1);
    expect(emitted.filter((t) => t === 'email_opened')).toHaveLength(5);
  });
  it('gives two racing third opens the same signal ids', () => {
    const a = planOpenSignals({ ...base, countedOpenTimes: [0, 600_000], now: 1_200_000 });
    const b = planOpenSignals({ ...base, countedOpenTimes: [0, 600_000], now: 1_200_500 });
    expect(a.signals.map((s) => s.id)).toEqual(b.signals.map((s) => s.id));
    expect(a.signals.map((s) => s.type)).toEqual(['email_opened', 'email_opened_3x']);
  });
});

describe('client addresses at rest', () => {
  it('keeps a keyed hash and a truncated network, never the address', () => {
    const secret = 'a-secret-of-enough-length-01234';
    const a = toEventSource('203.0.113.9', secret);
    expect(a.network).toBe('203.0.113.0/24');
    expect(a.hash).not.toContain('203');
    expect(toEventSource('::ffff:203.0.113.9', secret)).toEqual(a);
    expect(toEventSource('203.0.113.9', 'another-secret-of-enough-length').hash).not.toBe(a.hash);
    // One IPv6 /64 is one client.
    const v6 = toEventSource('2001:db8:1:2::7', secret);
    expect(toEventSource('2001:db8:1:2:ffff::1', secret).hash).toBe(v6.hash);
    expect(v6.network).toBe('2001:db8:1::/48');
  });
});
