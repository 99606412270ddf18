import { describe, expect, it } from 'vitest';
import { createLeadRef, parseLeadRef } from './lead-ref';

describe('leadRef', () => {
  const secret = 's'.repeat(32);
  const leadId = '6f1c1d9e-7c55-4a43-b1c1-0d5b2f0f7a11';

  it('round-trips, is URL-safe and the same for the same lead', () => {
    const ref = createLeadRef(leadId, secret);
    expect(ref).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(ref)).toBe(ref);
    expect(parseLeadRef(ref, secret)).toBe(leadId);
    expect(createLeadRef(leadId, secret)).toBe(ref);
    expect(createLeadRef('6f1c1d9e-7c55-4a43-b1c1-0d5b2f0f7a12', secret)).not.toBe(ref);
  });

  it('does not show the lead id to whoever holds the reference', () => {
    const ref = createLeadRef(leadId, secret);
    const hex = leadId.replaceAll('-', '');
    for (const part of [ref, ...ref.split('.')]) {
      const bytes = Buffer.from(part, 'base64url');
      expect(bytes.includes(Buffer.from(leadId))).toBe(false);
      expect(bytes.includes(Buffer.from(hex, 'hex'))).toBe(false);
      expect(bytes.toString('latin1')).not.toContain(leadId.slice(0, 8));
    }
    expect(ref).not.toContain(Buffer.from(leadId).toString('base64url').slice(0, 12));
  });

  it('rejects a forged, altered or foreign reference', () => {
    const ref = createLeadRef('lead-1', secret);
    expect(parseLeadRef(ref, 't'.repeat(32))).toBeNull();
    const bytes = Buffer.from(ref, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const altered = Buffer.from(bytes);
      altered[i] = (altered[i] as number) ^ 0x01;
      expect(parseLeadRef(altered.toString('base64url'), secret)).toBeNull();
    }
    // The old readable format (`<base64url id>.<mac>`) names nobody.
    expect(parseLeadRef(`${Buffer.from('lead-1').toString('base64url')}.AAAA`, secret)).toBeNull();
  });

  it('never throws on junk', () => {
    const junk = ['', 'nonsense', '.', '..', 'a'.repeat(10_000), '%%%', '\u0000', 'AAAA', ref(), '==='];
    for (const value of junk) expect(parseLeadRef(value, secret)).toBeNull();
    expect(parseLeadRef(undefined as unknown as string, secret)).toBeNull();
    expect(parseLeadRef(42 as unknown as string, secret)).toBeNull();
    function ref() {
      return createLeadRef('lead-1', secret).slice(0, -3);
    }
  });

  it('accepts references minted with a rotated-out secret listed after the current one', () => {
    const old = 'o'.repeat(32);
    const minted = createLeadRef(leadId, old);
    expect(parseLeadRef(minted, secret)).toBeNull();
    expect(parseLeadRef(minted, [secret, old])).toBe(leadId);
    expect(parseLeadRef(createLeadRef(leadId, secret), [secret, old])).toBe(leadId);
    expect(parseLeadRef(minted, [secret])).toBeNull();
  });
});
