import { type FetchFacts, findMachineTrait, isMailImageProxy } from './find-machine-trait';
import type { Judgement } from './judge-open';
import type { MachineNetworks } from './machine-networks';

/** Two different links of one email followed from one source this close together: a scanner walking the links. */
export const LINK_BURST_MS = 5_000;

/**
 * Judges a click. Scanners (Safe Links, Mimecast, Proofpoint, Barracuda) mostly send an
 * ordinary browser user agent, so besides the shared traits the tell is behaviour: another
 * link of the same email followed from the same source within 5 s (`otherLinkWithinBurst`).
 * An image proxy never clicks, so its user agent on a click is a machine's.
 */
export function judgeClick(
  facts: FetchFacts & { otherLinkWithinBurst: boolean },
  networks: MachineNetworks,
): Judgement {
  const trait = findMachineTrait(facts, networks, 'click');
  if (trait) return { verdict: 'machine', reason: trait };
  if (isMailImageProxy(facts.userAgent)) return { verdict: 'machine', reason: 'image_proxy' };
  if (facts.otherLinkWithinBurst) return { verdict: 'machine', reason: 'link_burst' };
  return { verdict: 'human', reason: 'browser' };
}
