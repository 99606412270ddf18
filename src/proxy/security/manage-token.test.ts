import { describe, expect, it } from 'vitest';
import { createLeadRef } from './lead-ref';
import { createManageToken, verifyManageToken } from './manage-token';

describe('manage token', () => {
  const secret = 's'.repeat(32);
  const bookingId = 'b_6f1c1d9e-7c55-4a43-b1c1-0d5b2f0f7a11';
  const expiresAt = new Date('2026-12-31T10:00:00Z');
  const before = new Date('2026-12-31T09:59:59Z');

  it('is URL-safe, opens its booking until it expires, then answers expired', () => {
    const token = createManageToken(bookingId, expiresAt, secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(token).not.toContain(bookingId.slice(2, 10));
    expect(verifyManageToken(token, bookingId, [secret], before)).toBe('ok');
    expect(verifyManageToken(token, bookingId, [secret], expiresAt)).toBe('expired');
    expect(verifyManageToken(token, bookingId, [secret], new Date('2027-06-01T00:00:00Z'))).toBe('expired');
  });

  it("refuses a tampered token, another booking's token and another secret's token", () => {
    const token = createManageToken(bookingId, expiresAt, secret);
    const bytes = Buffer.from(token, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const altered = Buffer.from(bytes);
      altered[i] = (altered[i] as number) ^ 0x01;
      expect(verifyManageToken(altered.toString('base64url'), bookingId, [secret], before)).toBe('invalid');
    }
    // Moving the expiry later (the tag then no longer matches) gains nothing, not even "expired".
    const later = Buffer.from(bytes);
    later.writeUInt32BE(later.readUInt32BE(1) + 86_400, 1);
    expect(verifyManageToken(later.toString('base64url'), bookingId, [secret], expiresAt)).toBe('invalid');
    expect(verifyManageToken(token, 'b_other', [secret], before)).toBe('invalid');
    expect(verifyManageToken(token, bookingId, ['t'.repeat(32)], before)).toBe('invalid');
    expect(verifyManageToken(token, bookingId, [], before)).toBe('invalid');
    // Expired and forged stays invalid: the expiry is believed only after the tag matched.
    expect(verifyManageToken(token, bookingId, ['t'.repeat(32)], new Date('2030-01-01T00:00:00Z'))).toBe(
      'invalid',
    );
  });

  it('accepts a token made with a rotated-out secret while it is still listed', () => {
    const old = createManageToken(bookingId, expiresAt, 'old-secret-'.repeat(3));
    expect(verifyManageToken(old, bookingId, [secret, 'old-secret-'.repeat(3)], before)).toBe('ok');
    expect(verifyManageToken(old, bookingId, [secret], before)).toBe('invalid');
  });

  it('never throws on junk and never confuses another signed value for a token', () => {
    const junk: unknown[] = [
      '',
      'x',
      '%%%',
      'a'.repeat(50),
      'A'.repeat(10_000),
      null,
      undefined,
      42,
      {},
      [],
      '\u0000',
    ];
    for (const value of junk) {
      expect(verifyManageToken(value as string, bookingId, [secret], before)).toBe('invalid');
    }
    const token = createManageToken(bookingId, expiresAt, secret);
    expect(verifyManageToken(token, undefined as unknown as string, [secret], before)).toBe('invalid');
    expect(verifyManageToken(token, bookingId, null as unknown as string[], before)).toBe('invalid');
    expect(verifyManageToken(token, bookingId, [secret], new Date('nope'))).toBe('invalid');
    expect(
      verifyManageToken(
        `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
        bookingId,
        [secret],
        before,
      ),
    ).toBe('invalid');
    expect(verifyManageToken(createLeadRef(bookingId, secret), bookingId, [secret], before)).toBe('invalid');
  });

  it('refuses to make a token that could not be checked', () => {
    expect(() => createManageToken('', expiresAt, secret)).toThrow(RangeError);
    expect(() => createManageToken(bookingId, expiresAt, '')).toThrow(RangeError);
    expect(() => createManageToken(bookingId, new Date('nope'), secret)).toThrow(RangeError);
    expect(() => createManageToken(bookingId, new Date('2200-01-01T00:00:00Z'), secret)).toThrow(RangeError);
  });
});
