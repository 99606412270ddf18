import type { MachineNetworks } from './machine-networks';

/** What a tracking route knows about one fetch, as the verdicts read it. */
export interface FetchFacts {
  /** `User-Agent`, '' when absent. */
  userAgent: string;
  /** Lowercase request header names to values. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The client IP as the proxy believes it (trustProxy). */
  ip: string;
  now: Date;
  /** When the token was minted (the email sent, near enough). */
  issuedAt: Date;
}

/** A reason a fetch is a machine's, shared by opens and clicks. */
export type MachineTrait =
  | 'prefetch_header'
  | 'empty_user_agent'
  | 'machine_network'
  | 'apple_privacy_proxy'
  | 'too_soon';

/** Seconds after minting within which a fetch is a machine's: a scanner at delivery, not a reader. */
export const TOO_SOON_MS = 60_000;

/**
 * The machine traits common to opens and clicks, in order of certainty: a browser says it
 * prefetches (`Purpose: prefetch`, `Sec-Purpose: prefetch…`, Firefox's `X-Moz: prefetch`);
 * no user agent at all; a configured scanner or relay network; Apple Mail Privacy
 * Protection, whose relay sends the bare `Mozilla/5.0`; a fetch within 60 s of minting.
 */
export function findMachineTrait(
  facts: FetchFacts,
  networks: MachineNetworks,
  kind: 'open' | 'click',
): MachineTrait | null {
  const h = facts.headers;
  const prefetch = [h.purpose, h['sec-purpose'], h['x-moz'], h['x-purpose']].some((v) =>
    (v ?? '').toLowerCase().includes('prefetch'),
  );
  if (prefetch) return 'prefetch_header';
  const ua = facts.userAgent.trim();
  if (!ua) return 'empty_user_agent';
  if (networks.match(facts.ip, kind)) return 'machine_network';
  if (ua === 'Mozilla/5.0') return 'apple_privacy_proxy';
  if (facts.now.getTime() - facts.issuedAt.getTime() < TOO_SOON_MS) return 'too_soon';
  return null;
}

/** Gmail's and Yahoo's image proxies: they fetch on a real open, then cache. */
export function isMailImageProxy(userAgent: string): boolean {
  return userAgent.includes('GoogleImageProxy') || userAgent.includes('YahooMailProxy');
}
