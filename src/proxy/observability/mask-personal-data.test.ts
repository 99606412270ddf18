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
  it('walks objects', () => {
    expect(maskLogObject({ a: { b: ['x@y.io'] } })).toEqual({ a: { b: ['x***@y.io'] } });
  });
});
