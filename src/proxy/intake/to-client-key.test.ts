import { describe, expect, it } from 'vitest';
import { toClientKey } from './to-client-key';

describe('toClientKey', () => {
  it('keeps an IPv4 address, also when IPv4-mapped', () => {
    expect(toClientKey('203.0.113.9')).toBe('203.0.113.9');
    expect(toClientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });
  it('counts every address of one IPv6 /64 as one client, however it is written', () => {
    const key = toClientKey('2001:db8:1:2::1');
    for (const ip of ['2001:0db8:0001:0002:ffff:0:0:9', '2001:DB8:1:2:a:b:c:d', '2001:db8:1:2::1.2.3.4']) {
      expect(toClientKey(ip)).toBe(key);
    }
    expect(key).toBe('2001:db8:1:2::/64');
    expect(toClientKey('2001:db8:1:3::1')).not.toBe(key);
    expect(toClientKey('::a:b:c:d:1.2.3.4')).toBe('0:0:a:b::/64');
    expect(toClientKey('::1')).toBe('0:0:0:0::/64');
    expect(toClientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
  it('leaves what is not an address alone', () => {
    expect(toClientKey('unknown')).toBe('unknown');
  });
});
