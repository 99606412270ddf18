import { isIP } from 'node:net';

/**
 * The key a client's requests are counted under for the per-IP limit: an IPv4 address as
 * it is, an IPv6 address by its /64. One subscriber, host or cloud instance is usually
 * given a whole /64 (RFC 6177), so counting single IPv6 addresses would let one client
 * rotate through 2^64 of them and trip any per-form budget on its own.
 *
 * @example toClientKey('2001:db8:1:2::7') // '2001:db8:1:2::/64'
 */
export function toClientKey(ip: string): string {
  const plain = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (isIP(plain) !== 6) return plain;
  // Drop a zone index (fe80::1%eth0); it names an interface, not a client.
  const address = plain.split('%')[0] as string;
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  // An embedded IPv4 tail (…:1.2.3.4) fills the last two groups.
  const groupsOf = (list: string[]) => list.length + (list.at(-1)?.includes('.') ? 1 : 0);
  const missing = 8 - groupsOf(headGroups) - groupsOf(tailGroups);
  const groups = [...headGroups, ...Array.from({ length: Math.max(0, missing) }, () => '0'), ...tailGroups];
  const prefix = groups.slice(0, 4).map((g) => (Number.parseInt(g, 16) || 0).toString(16));
  return `${prefix.join(':')}::/64`;
}
