import { describe, expect, it } from 'vitest';
import { createClientIpResolver } from './client-ip';

describe('createClientIpResolver', () => {
  it('ignores X-Forwarded-For from an untrusted peer', () => {
    const resolve = createClientIpResolver([]);
    expect(resolve('203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
  });
  it('reads the first untrusted hop from the right behind trusted proxies', () => {
    const resolve = createClientIpResolver(['10.0.0.0/8', '::1']);
    expect(resolve('10.1.2.3', 'spoofed, 198.51.100.7, 10.0.0.5')).toBe('198.51.100.7');
    expect(resolve('::ffff:10.1.2.3', '198.51.100.8')).toBe('198.51.100.8');
    expect(resolve('::1', '198.51.100.9')).toBe('198.51.100.9');
  });
  it('refuses a malformed range', () => {
    expect(() => createClientIpResolver(['ten.0.0.0/8'])).toThrow(/trustProxy/);
  });
});
