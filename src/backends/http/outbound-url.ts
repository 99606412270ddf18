/**
 * Where the proxy may send a lead: `https:` only, except to hosts that never leave this
 * machine (tests, a local receiver), which may use `http:`. One rule for the config check
 * and for every outbound call, so a config that skipped the check still cannot send a lead
 * and its credentials in clear text across a network.
 */

/** The reason given, by path, for a URL the rule refuses (`check-config`, start-up). */
export const OUTBOUND_URL_RULE = 'must be https (loopback hosts excepted)';

/**
 * True for `localhost`, `*.localhost` (RFC 6761 keeps both on the loopback interface),
 * 127.0.0.0/8 and `[::1]`. Takes a WHATWG `URL.hostname`, which already writes every IPv4
 * spelling (`2130706433`, `0x7f.1`) and IPv6 spelling (`[0:0::1]`) in its one canonical form.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** True when `url` may receive an outbound call: `https:`, or `http:` to a loopback host. */
export function isAllowedOutboundUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/** `text` as a URL, or null when it is not one. */
export function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
