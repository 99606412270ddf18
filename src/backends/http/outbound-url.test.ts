import { describe, expect, it } from 'vitest';
import { isAllowedOutboundUrl } from './outbound-url';

const allowed = (text: string) => isAllowedOutboundUrl(new URL(text));

describe('isAllowedOutboundUrl', () => {
  it('allows https anywhere', () => {
    expect(allowed('https://hooks.example.com/x')).toBe(true);
    expect(allowed('https://203.0.113.9:8443/')).toBe(true);
  });

  it('allows http only to loopback hosts', () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://127.45.6.7/',
      'http://2130706433/',
      'http://localhost:3000/',
      'http://LOCALHOST./',
      'http://receiver.localhost/',
      'http://[::1]:9000/',
      'http://[0:0:0:0:0:0:0:1]/',
    ])
      expect(allowed(url), url).toBe(true);
  });

  it('refuses http to any other host, and other schemes', () => {
    for (const url of [
      'http://hooks.example.com/x',
      'http://localhost.example.com/',
      'http://127.0.0.1.nip.io/',
      'http://10.0.0.5/',
      'http://[::2]/',
      'http://128.0.0.1/',
      'ftp://127.0.0.1/',
      'ws://localhost/',
    ])
      expect(allowed(url), url).toBe(false);
  });
});
