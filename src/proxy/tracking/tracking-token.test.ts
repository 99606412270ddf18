import { describe, expect, it } from 'vitest';
import { createLeadRef } from '../security/lead-ref';
import {
  createTrackingToken,
  MAX_TOKEN_CHARS,
  parseTrackingToken,
  type TrackingClaims,
} from './tracking-token';

const secret = 'current-secret-0123456789abcdef';
const old = 'previous-secret-0123456789abcdef';
const leadRef = createLeadRef('6f1c1d9e-7c55-4a43-b1c1-0d5b2f0f7a11', secret);
const now = new Date('2026-12-01T10:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);

function claims(overrides: Partial<TrackingClaims> = {}): TrackingClaims {
  return {
    type: 'click',
    leadRef,
    campaign: 'spring',
    emailId: 'AAECAwQFBgc',
    issuedAt: now,
    expiresAt: later(365),
    url: 'https://www.example.com/pricing?plan=pro&x=1',
    ...overrides,
  };
}

describe('tracking tokens', () => {
  it('round-trip a click and an open, URL-safe, every claim intact', () => {
    const click = createTrackingToken(claims(), secret);
    expect(click).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parseTrackingToken(click, 'click', [secret], later(1))).toEqual(claims());
    const open = createTrackingToken(claims({ type: 'open', url: null }), secret);
    expect(parseTrackingToken(open, 'open', [secret], later(1))).toEqual(claims({ type: 'open', url: null }));
  });

  it('refuses a token with any one bit flipped', () => {
    const token = createTrackingToken(claims(), secret);
    const bytes = Buffer.from(token, 'base64url');
    for (let i = 0; i < bytes.length * 8; i++) {
      const copy = Buffer.from(bytes);
      copy[i >> 3] = (copy[i >> 3] as number) ^ (1 << (i & 7));
      expect(parseTrackingToken(copy.toString('base64url'), 'click', [secret], later(1))).toBeNull();
    }
  });

  it('refuses a truncated or extended token, and an overlong one before decoding it', () => {
    const token = createTrackingToken(claims(), secret);
    for (let n = 0; n < token.length; n++) {
      expect(parseTrackingToken(token.slice(0, n), 'click', [secret], later(1))).toBeNull();
    }
    expect(parseTrackingToken(`${token}A`, 'click', [secret], later(1))).toBeNull();
    expect(parseTrackingToken('A'.repeat(MAX_TOKEN_CHARS + 1), 'click', [secret], later(1))).toBeNull();
    expect(parseTrackingToken('not a token!', 'click', [secret], later(1))).toBeNull();
  });

  it('accepts a token of a rotation key and refuses one whose key id is not configured', () => {
    const token = createTrackingToken(claims(), old);
    expect(parseTrackingToken(token, 'click', [secret, old], later(1))).toEqual(claims());
    expect(parseTrackingToken(token, 'click', [secret], later(1))).toBeNull();
  });

  it('refuses a token whose key id is rewritten to another configured key', () => {
    const token = Buffer.from(createTrackingToken(claims(), old), 'base64url');
    const other = Buffer.from(createTrackingToken(claims(), secret), 'base64url');
    other.copy(token, 0, 0, 2);
    expect(parseTrackingToken(token.toString('base64url'), 'click', [secret, old], later(1))).toBeNull();
  });

  it('refuses an expired token', () => {
    const token = createTrackingToken(claims({ expiresAt: later(2) }), secret);
    expect(parseTrackingToken(token, 'click', [secret], later(1))).not.toBeNull();
    expect(parseTrackingToken(token, 'click', [secret], later(3))).toBeNull();
  });

  it('refuses a token made with a foreign secret', () => {
    const token = createTrackingToken(claims(), 'someone-elses-secret-0123456789');
    expect(parseTrackingToken(token, 'click', [secret, old], later(1))).toBeNull();
  });

  it('never takes an open token for a click token or the reverse', () => {
    const open = createTrackingToken(claims({ type: 'open', url: null }), secret);
    const click = createTrackingToken(claims(), secret);
    expect(parseTrackingToken(open, 'click', [secret], later(1))).toBeNull();
    expect(parseTrackingToken(click, 'open', [secret], later(1))).toBeNull();
    // Flipping the type byte alone is caught by the tag.
    const bytes = Buffer.from(open, 'base64url');
    bytes[2] = 2;
    expect(parseTrackingToken(bytes.toString('base64url'), 'click', [secret], later(1))).toBeNull();
  });

  it('refuses to mint a click without a URL or an open with one, and oversized claims', () => {
    expect(() => createTrackingToken(claims({ url: null }), secret)).toThrow();
    expect(() => createTrackingToken(claims({ type: 'open' }), secret)).toThrow();
    expect(() => createTrackingToken(claims({ campaign: 'x'.repeat(200) }), secret)).toThrow(/campaign/);
    expect(() =>
      createTrackingToken(claims({ url: `https://www.example.com/${'a'.repeat(3000)}` }), secret),
    ).toThrow(/URL/);
  });
});
