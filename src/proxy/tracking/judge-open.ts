import { type FetchFacts, findMachineTrait, isMailImageProxy, type MachineTrait } from './find-machine-trait';
import type { MachineNetworks } from './machine-networks';

/** Who fetched: a person, a mail image proxy on a person's open, or a machine on its own. */
export type Verdict = 'human' | 'proxy' | 'machine';

/** A verdict with the rule that gave it (stored with the event, shown by `signals list`). */
export interface Judgement {
  verdict: Verdict;
  reason: MachineTrait | 'image_proxy' | 'link_burst' | 'browser';
}

/**
 * Judges a pixel fetch. A Gmail or Yahoo image proxy counts as an open (`proxy`): it fetches
 * only when a person opens the mail, though it caches and so hides repeat opens. A proxy
 * fetch within 60 s of minting is still `too_soon`: those proxies do not prefetch, but a
 * scanner relaying through them might, and a false open costs more than a missed one.
 */
export function judgeOpen(facts: FetchFacts, networks: MachineNetworks): Judgement {
  const trait = findMachineTrait(facts, networks, 'open');
  if (trait) return { verdict: 'machine', reason: trait };
  if (isMailImageProxy(facts.userAgent)) return { verdict: 'proxy', reason: 'image_proxy' };
  return { verdict: 'human', reason: 'browser' };
}
