/**
 * Headers a reverse proxy, CDN or load balancer adds when it relays a request. Any of them
 * means the TCP peer is a relay, not the client, so "the peer is loopback" says nothing.
 */
const FORWARDING_HEADERS = [
  'forwarded',
  'via',
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
  'cf-connecting-ip',
  'fastly-client-ip',
  'x-cluster-client-ip',
];

/** Whether an IP address (as Node reports a socket's peer) is a loopback address. */
export function isLoopbackAddress(ip: string | undefined): boolean {
  return !!ip && (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.'));
}

/** Whether a `Host` header names this machine by a loopback name or address (port optional). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host
    .trim()
    .toLowerCase()
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

/**
 * Whether a request comes from this machine itself: a loopback peer, a loopback `Host`
 * (a page on another site that rebinds its DNS name to 127.0.0.1 still sends its own name
 * as Host), and no forwarding header of any kind (behind a reverse proxy on the same
 * machine every peer is loopback).
 */
export function isLoopbackRequest(
  peer: string | undefined,
  header: (name: string) => string | undefined,
  headerNames: Iterable<string>,
): boolean {
  if (!isLoopbackAddress(peer) || !isLoopbackHost(header('host'))) return false;
  for (const name of headerNames) {
    const lower = name.toLowerCase();
    if (lower.startsWith('x-forwarded-') || FORWARDING_HEADERS.includes(lower)) return false;
  }
  return true;
}
