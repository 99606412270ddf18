import { BlockList, isIP } from 'node:net';

/**
 * Finds the client's IP: the peer's address, unless the peer is a trusted proxy
 * (`trustProxy` CIDRs), in which case `X-Forwarded-For` is read from the right, skipping
 * trusted hops, so a client cannot forge its address by sending the header itself.
 */
export function createClientIpResolver(
  trustProxy: readonly string[],
): (peer: string | undefined, forwardedFor: string | undefined) => string {
  const trusted = new BlockList();
  for (const cidr of trustProxy) {
    const [address, prefix] = cidr.split('/');
    const family = isIP(address ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (!address || !isIP(address))
      throw new Error(`trustProxy: "${cidr}" is not an IP address or CIDR range`);
    if (prefix === undefined) trusted.addAddress(address, family);
    else trusted.addSubnet(address, Number(prefix), family);
  }
  const isTrusted = (ip: string) => {
    const plain = ip.replace(/^::ffff:/, '');
    const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
    return isIP(plain) !== 0 && trusted.check(plain, family);
  };
  return (peer, forwardedFor) => {
    const peerIp = (peer ?? 'unknown').replace(/^::ffff:/, '');
    if (!forwardedFor || !isTrusted(peerIp)) return peerIp;
    const hops = forwardedFor
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i] as string;
      if (!isTrusted(hop)) return hop.replace(/^::ffff:/, '');
    }
    return hops[0] ?? peerIp;
  };
}
