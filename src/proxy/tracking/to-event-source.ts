import { createHmac, hkdfSync } from 'node:crypto';
import { isIP } from 'node:net';
import { toClientKey } from '../intake/to-client-key';

/** How a client is kept with an event: never its address, only a keyed hash and a coarse network. */
export interface EventSource {
  /** HMAC of the client key (an IPv4 address, an IPv6 /64) under a key derived from `secret`: equal for one client, unreadable without the secret. */
  hash: string;
  /** The address cut to its /24 (IPv4) or /48 (IPv6), enough to recognise a scanner's network later. */
  network: string;
}

const keys = new Map<string, Buffer>();

/** The stored form of a client IP (see EventSource). */
export function toEventSource(ip: string, secret: string): EventSource {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'leadkit', 'tracking-source v1', 32));
    if (keys.size >= 32) keys.clear();
    keys.set(secret, key);
  }
  const clientKey = toClientKey(ip);
  const hash = createHmac('sha256', key).update(clientKey).digest().subarray(0, 12).toString('base64url');
  return { hash, network: truncate(ip) };
}

function truncate(ip: string): string {
  const plain = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (isIP(plain) === 4) return `${plain.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIP(plain) === 6) {
    // The /64 client key, cut further to its first three groups.
    const groups = toClientKey(plain).replace('::/64', '').split(':');
    return `${groups.slice(0, 3).join(':')}::/48`;
  }
  return 'unknown';
}
