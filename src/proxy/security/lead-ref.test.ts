import { describe, expect, it } from 'vitest';
import { createLeadRef, parseLeadRef } from './lead-ref';

describe('leadRef', () => {
  const secret = 's'.repeat(32);
  it('round-trips and is URL-safe', () => {
    const ref = createLeadRef('6f1c1d9e-7c55-4a43-b1c1-0d5b2f0f7a11', secret);
    expect(ref).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(parseLeadRef(ref, secret)).toBe('6f1c1d9e-7c55-4a43-b1c1-0d5b2f0f7a11');
  });
  it('rejects a forged or foreign reference', () => {
    const ref = createLeadRef('lead-1', secret);
    const forged = `${Buffer.from('lead-2').toString('base64url')}.${ref.split('.')[1]}`;
    expect(parseLeadRef(forged, secret)).toBeNull();
    expect(parseLeadRef(ref, 't'.repeat(32))).toBeNull();
    expect(parseLeadRef('nonsense', secret)).toBeNull();
  });
});
