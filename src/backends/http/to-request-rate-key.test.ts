import { describe, expect, it } from 'vitest';
import { toRequestRateKey } from './to-request-rate-key';

describe('toRequestRateKey', () => {
  it('gives backends on one vendor key one limit, and never contains the key', () => {
    const key = toRequestRateKey('qualifybase', 'https://app.qualifybase.com/api/v1', 'qbk_live_secret');
    expect(toRequestRateKey('qualifybase', 'https://app.qualifybase.com/api/v1/', 'qbk_live_secret')).toBe(
      key,
    );
    expect(key).not.toContain('qbk_live_secret');
    expect(key).toMatch(/^request:[\w-]{43}$/);
  });

  it('tells other keys, hosts and vendors apart', () => {
    const key = toRequestRateKey('lio', 'https://lio.example', 'a');
    expect(toRequestRateKey('lio', 'https://lio.example', 'b')).not.toBe(key);
    expect(toRequestRateKey('lio', 'https://other.example', 'a')).not.toBe(key);
    expect(toRequestRateKey('qvoo', 'https://lio.example', 'a')).not.toBe(key);
  });
});
