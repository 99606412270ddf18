import { isIP } from 'node:net';

/** Where a click link may lead: hosts (lowercase, as the URL parser writes them) and whether `http:` is allowed. */
export interface LinkPolicy {
  hosts: ReadonlySet<string>;
  allowHttp: boolean;
}

/** Why a destination was refused; the code reaches the admin API's per-item error. */
export type DestinationProblem =
  | 'not_a_url'
  | 'control_characters'
  | 'scheme_not_allowed'
  | 'userinfo'
  | 'ip_literal'
  | 'localhost'
  | 'host_not_allowed';

export type DestinationCheck = { ok: true; url: string } | { ok: false; problem: DestinationProblem };

/**
 * Checks a click destination with the WHATWG URL parser alone (never `url.parse`, never a
 * regex): an absolute `https:` URL (`http:` only when allowed), no userinfo, no IP literal in
 * any spelling (the parser canonicalises `0x7f.1`, `2130706433` and `[::1]`, so the host it
 * returns is what we judge), not `localhost`, and a host on the list. The answer's `url` is
 * the parser's own serialisation: that, and nothing the caller wrote, is what is sealed and
 * later sent as `Location`. Run at mint and again at follow (the list may have changed).
 */
export function checkDestination(input: string, policy: LinkPolicy): DestinationCheck {
  if (typeof input !== 'string') return { ok: false, problem: 'not_a_url' };
  // The parser silently drops tabs, newlines and leading/trailing C0 controls and spaces
  // ("java\tscript:"); a link with them was written to fool someone, so it is refused whole.
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f))
      return { ok: false, problem: 'control_characters' };
  }
  let url: URL;
  try {
    // No base: a relative or protocol-relative ("//evil.example") link does not parse.
    url = new URL(input);
  } catch {
    return { ok: false, problem: 'not_a_url' };
  }
  if (!(url.protocol === 'https:' || (policy.allowHttp && url.protocol === 'http:')))
    return { ok: false, problem: 'scheme_not_allowed' };
  if (url.username || url.password) return { ok: false, problem: 'userinfo' };
  const host = url.hostname;
  if (host.startsWith('[') || isIP(host)) return { ok: false, problem: 'ip_literal' };
  // A trailing dot names the same host through a second spelling: refused, not normalised.
  const bare = host.endsWith('.') ? host.slice(0, -1) : host;
  if (bare === 'localhost' || bare.endsWith('.localhost')) return { ok: false, problem: 'localhost' };
  if (host !== bare || !policy.hosts.has(host)) return { ok: false, problem: 'host_not_allowed' };
  return { ok: true, url: url.href };
}
