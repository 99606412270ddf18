import { describe, expect, it } from 'vitest';
import { maskLogObject, maskPersonalData } from './mask-personal-data';

describe('maskPersonalData', () => {
  it('masks e-mails and phones in vendor messages', () => {
    const text = 'Lead jane.doe@example.com with phone +49 151 12345678 already exists';
    const masked = maskPersonalData(text);
    expect(masked).not.toContain('jane.doe');
    expect(masked).not.toContain('12345678');
    expect(masked).toContain('j***@example.com');
  });
  it('keeps ids, counts and timestamps readable', () => {
    expect(
      maskPersonalData('delivery 0b7c6f1e-3c1a-4c39-9a53-2f4f1d8a9e21 failed after 3 attempts (503)'),
    ).toBe('delivery 0b7c6f1e-3c1a-4c39-9a53-2f4f1d8a9e21 failed after 3 attempts (503)');
  });
  it('masks internationalised addresses', () => {
    const masked = maskPersonalData('Duplicate lead: jürgen@müller-bau.de, also Ωmega.ßtraße@例え.jp');
    expect(masked).toBe('Duplicate lead: j***@müller-bau.de, also Ω***@例え.jp');
    expect(maskPersonalData('<zoë.o’brien@exämple.ie>')).toBe('<z***@exämple.ie>');
  });

  it('keeps delivery ids and other hex ids whole', () => {
    // 32 hex digits with runs of decimal digits: the phone pattern used to eat them.
    const ids = [
      'msg_1234567890abcdef1234567890abcdef',
      'msg_0b7c6f1e3c1a4c399a532f4f1d8a9e21',
      'msg_98765432109876543210987654321a0f',
      '0b7c6f1e-3c1a-4c39-9a53-2f4f1d8a9e21',
      'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4',
    ];
    for (const id of ids) expect(maskPersonalData(`delivery ${id} failed`)).toBe(`delivery ${id} failed`);
    expect(maskPersonalData('retry at 2026-11-22T10:01:00.000Z (attempt 3)')).toBe(
      'retry at 2026-11-22T10:01:00.000Z (attempt 3)',
    );
  });

  it('still masks a phone number written as a bare number or after an id', () => {
    expect(maskPersonalData('msg_1234abcd: phone 4915112345678 invalid')).toBe(
      'msg_1234abcd: phone 49*********78 invalid',
    );
    expect(maskPersonalData('lead_4915112345678')).not.toContain('15112345');
  });

  it('walks objects', () => {
    expect(maskLogObject({ a: { b: ['x@y.io'] } })).toEqual({ a: { b: ['x***@y.io'] } });
  });
});
