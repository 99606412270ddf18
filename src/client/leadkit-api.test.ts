// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { LeadKit } from './leadkit-api';
import { VERSION } from './version';

beforeEach(() => localStorage.clear());

describe('LeadKit', () => {
  it('identifies the lead first-party and refuses malformed references', () => {
    expect(LeadKit.version).toBe(VERSION);
    expect(LeadKit.getLeadRef()).toBeUndefined();
    expect(LeadKit.identify({ leadRef: 'lr_abc-123' })).toBe(true);
    expect(LeadKit.getLeadRef()).toBe('lr_abc-123');
    expect(LeadKit.identify({ leadRef: '<script>' })).toBe(false);
    expect(LeadKit.getLeadRef()).toBe('lr_abc-123');
  });

  it('queues signals (capped) until the tracking routes exist, and ignores bad types', () => {
    for (let i = 0; i < 60; i++) LeadKit.signal('pricing_page_visit', { plan: 'pro', i });
    LeadKit.signal('bad type!', {});
    const pending = LeadKit.pendingSignals();
    expect(pending).toHaveLength(50);
    expect(pending.at(-1)).toMatchObject({ type: 'pricing_page_visit', detail: { plan: 'pro', i: 59 } });
  });
});
