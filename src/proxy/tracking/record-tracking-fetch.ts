import type { Logger } from 'pino';
import type { IntentSignal, TrackingEvent } from '../../model/signal';
import type { NewSignalDeliveries, Store } from '../../store/store';
import { parseLeadRef } from '../security/lead-ref';
import { checkDestination } from './check-destination';
import type { FetchFacts } from './find-machine-trait';
import { judgeClick, LINK_BURST_MS } from './judge-click';
import { type Judgement, judgeOpen } from './judge-open';
import { planOpenSignals } from './plan-open-signals';
import type { TrackingSettings } from './resolve-tracking-settings';
import { toEventSource } from './to-event-source';
import { toStableId } from './to-stable-id';
import { parseTrackingToken } from './tracking-token';

/** What the tracking routes share with this module. */
export interface TrackingDeps {
  store: Store;
  /** Signs source hashes; the current secret. */
  secret: string;
  acceptedSecrets: readonly string[];
  settings: TrackingSettings;
  logger: Logger;
  /** The outbox entries of new signals of a lead of `form` (plan-signal-deliveries.ts). */
  deliveriesFor(form: string, signals: readonly IntentSignal[]): NewSignalDeliveries;
  /** Tells the outbox that entries wait for these backends. */
  wake(backends: readonly string[]): void;
}

/** One fetch of `/t/o/…` or `/t/c/…` as the route saw it. */
export interface TrackingFetch {
  kind: 'open' | 'click';
  token: string;
  /** HEAD: answered, never recorded (scanners probe links with it). */
  head: boolean;
  facts: Omit<FetchFacts, 'issuedAt'>;
}

/** What the route answers: for a click, where to (null: the 404 page). */
export type TrackingAnswer =
  | { kind: 'open'; recorded: boolean; judgement: Judgement | null }
  | { kind: 'click'; location: string | null; recorded: boolean; judgement: Judgement | null };

function withRef(url: string, param: string, leadRef: string): string {
  const target = new URL(url);
  // Appended, not set through searchParams: that would re-encode the rest of the query.
  target.search = `${target.search ? `${target.search}&` : '?'}${encodeURIComponent(param)}=${leadRef}`;
  return target.href;
}

/**
 * The shell around the pure verdicts: checks the token (and, for a click, the sealed URL
 * again, against today's `linkHosts`), finds the lead, respects consent and `Sec-GPC`,
 * judges the fetch, plans the signals and stores the event with them and their outbox
 * entries in one write. Never
 * throws: a store failure is logged and the visitor still gets the GIF or the redirect.
 */
export async function recordTrackingFetch(deps: TrackingDeps, fetch: TrackingFetch): Promise<TrackingAnswer> {
  const claims = parseTrackingToken(fetch.token, fetch.kind, deps.acceptedSecrets, fetch.facts.now);
  const none = (location: string | null): TrackingAnswer =>
    fetch.kind === 'open'
      ? { kind: 'open', recorded: false, judgement: null }
      : { kind: 'click', location, recorded: false, judgement: null };
  if (!claims) return none(null);
  let destination: string | null = null;
  if (claims.url !== null) {
    const checked = checkDestination(claims.url, deps.settings.links);
    if (!checked.ok) return none(null);
    destination = checked.url;
  }
  if (fetch.head) return none(destination);
  try {
    const leadId = parseLeadRef(claims.leadRef, deps.acceptedSecrets);
    const lead = leadId ? await deps.store.getLead(leadId) : null;
    // Unknown lead, no consent where it is required, or the browser's Global Privacy
    // Control: the visitor gets what they asked for and nothing is kept about them.
    if (!leadId || !lead || lead.spam) return none(destination);
    if (deps.settings.requireConsent && !lead.lead.consent?.granted) return none(destination);
    if (fetch.facts.headers['sec-gpc']?.trim() === '1') return none(destination);

    const facts: FetchFacts = { ...fetch.facts, issuedAt: claims.issuedAt };
    const now = facts.now.getTime();
    const source = toEventSource(facts.ip, deps.secret);
    let judgement: Judgement;
    if (fetch.kind === 'open') {
      judgement = judgeOpen(facts, deps.settings.machineNetworks);
    } else {
      const recent = await deps.store.listTrackingEvents({
        emailId: claims.emailId,
        kind: 'click',
        sourceHash: source.hash,
        since: now - LINK_BURST_MS,
      });
      const otherLinkWithinBurst = recent.some((e) => e.url !== destination);
      judgement = judgeClick({ ...facts, otherLinkWithinBurst }, deps.settings.machineNetworks);
    }
    // A replay is the same request again: same token, client and user agent, in the same second.
    const eventId = toStableId('evt', [fetch.token, source.hash, facts.userAgent, Math.floor(now / 1000)]);
    const detail: Record<string, unknown> = {
      emailId: claims.emailId,
      ...(claims.campaign ? { campaign: claims.campaign } : {}),
      ...(destination ? { url: destination } : {}),
    };
    const signal = (id: string, type: string): IntentSignal => ({
      id,
      leadId,
      type,
      detail,
      occurredAt: now,
      machine: judgement.verdict !== 'human',
      source: 'email',
      eventId,
    });
    let counted = false;
    const signals: IntentSignal[] = [];
    if (fetch.kind === 'open' && judgement.verdict !== 'machine') {
      const previous = await deps.store.listTrackingEvents({
        emailId: claims.emailId,
        kind: 'open',
        countedOnly: true,
      });
      const plan = planOpenSignals({
        emailId: claims.emailId,
        leadId,
        countedOpenTimes: previous.map((e) => e.occurredAt),
        now,
      });
      counted = plan.counted;
      for (const planned of plan.signals) signals.push(signal(planned.id, planned.type));
    } else if (fetch.kind === 'click' && judgement.verdict === 'human') {
      signals.push(signal(toStableId('sig', [eventId, 'link_clicked']), 'link_clicked'));
    }
    const event: TrackingEvent = {
      id: eventId,
      kind: fetch.kind,
      emailId: claims.emailId,
      leadId,
      campaign: claims.campaign,
      url: destination,
      verdict: judgement.verdict,
      reason: judgement.reason,
      sourceHash: source.hash,
      network: source.network,
      counted,
      occurredAt: now,
    };
    const deliveries = deps.deliveriesFor(lead.lead.form, signals);
    const { recorded } = await deps.store.recordTrackingEvent({ event, signals, deliveries });
    if (recorded && deliveries.length) deps.wake(deliveries.map((d) => d.backend));
    if (fetch.kind === 'open') return { kind: 'open', recorded, judgement };
    // Only a person's click carries the lead reference on: a scanner's page view must never
    // become the lead's visit (and its page signals).
    const location =
      judgement.verdict === 'human' && destination
        ? withRef(destination, deps.settings.refParam, claims.leadRef)
        : destination;
    return { kind: 'click', location, recorded, judgement };
  } catch (error) {
    deps.logger.error({ err: (error as Error).message, kind: fetch.kind }, 'tracking event not recorded');
    return none(destination);
  }
}
