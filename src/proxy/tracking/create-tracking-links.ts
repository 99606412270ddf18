import { randomBytes } from 'node:crypto';
import { parseLeadRef } from '../security/lead-ref';
import { checkDestination, type DestinationProblem } from './check-destination';
import type { TrackingSettings } from './resolve-tracking-settings';
import { createTrackingToken } from './tracking-token';

/** One email's links for one lead: the pixel, and a click link when a URL is given. */
export interface TrackingLinksInput {
  leadRef: string;
  url?: string;
  campaign?: string;
}

/** What minting needs: the signing secret (and rotation keys a leadRef may be made with), the settings, a clock. */
export interface TrackingMintOptions {
  secret: string;
  /** Secrets a leadRef is checked against (default `[secret]`). */
  acceptedSecrets?: readonly string[];
  settings: Pick<TrackingSettings, 'baseUrl' | 'links' | 'linkTtlDays' | 'refParam'>;
  now?: Date;
  /** The email these links belong to (11 base64url characters); a fresh one by default. */
  emailId?: string;
}

export type TrackingLinksResult =
  | { ok: true; pixel: string; click?: string; emailId: string }
  | {
      ok: false;
      code: 'invalid_lead_ref' | 'invalid_campaign' | 'url_carries_ref_param' | `url_${DestinationProblem}`;
      message: string;
    };

/** A fresh email id: what ties a pixel and the links of one email together. */
export function createEmailId(): string {
  return randomBytes(8).toString('base64url');
}

/**
 * Mints the signed tracking URLs of one email for one lead: `pixel` (`/t/o/<token>`) and,
 * for `url`, `click` (`/t/c/<token>`, which redirects to the checked URL). Pure apart from
 * the random email id: no store, no network. Refusals are results, not exceptions, so a
 * batch can report each item.
 *
 * @example
 * const links = createTrackingLinks(
 *   { leadRef, url: 'https://www.example.com/pricing', campaign: 'spring' },
 *   { secret: process.env.LEADKIT_SECRET, settings: resolveTrackingSettings(config) },
 * );
 * if (links.ok) html = html.replace('{{pricing}}', links.click) + `<img src="${links.pixel}" alt="">`;
 */
export function createTrackingLinks(
  input: TrackingLinksInput,
  options: TrackingMintOptions,
): TrackingLinksResult {
  const secrets = options.acceptedSecrets ?? [options.secret];
  if (typeof input.leadRef !== 'string' || parseLeadRef(input.leadRef, secrets) === null)
    return { ok: false, code: 'invalid_lead_ref', message: 'leadRef is not a lead reference of this proxy.' };
  const campaign = input.campaign ?? null;
  if (campaign !== null && (typeof campaign !== 'string' || !campaign || Buffer.byteLength(campaign) > 64))
    return { ok: false, code: 'invalid_campaign', message: 'campaign must be 1 to 64 bytes of text.' };
  let url: string | null = null;
  if (input.url !== undefined) {
    const checked = checkDestination(input.url, options.settings.links);
    if (!checked.ok)
      return { ok: false, code: `url_${checked.problem}`, message: describeProblem(checked.problem) };
    url = checked.url;
    // The proxy alone adds the lead reference, on a human click; one sealed in the URL would
    // reach the page on a scanner's visit too (or name another lead).
    if (new URL(url).searchParams.has(options.settings.refParam))
      return {
        ok: false,
        code: 'url_carries_ref_param',
        message: `url must not carry the ${options.settings.refParam} parameter; it is added on a human click.`,
      };
    if (Buffer.byteLength(url) > 2048)
      return { ok: false, code: 'url_not_a_url', message: 'url is longer than 2048 bytes.' };
  }
  const now = options.now ?? new Date();
  const emailId = options.emailId ?? createEmailId();
  const base = {
    leadRef: input.leadRef,
    campaign,
    emailId,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + options.settings.linkTtlDays * 86_400_000),
  };
  const root = options.settings.baseUrl;
  const pixel = `${root}/t/o/${createTrackingToken({ ...base, type: 'open', url: null }, options.secret)}`;
  if (url === null) return { ok: true, pixel, emailId };
  const click = `${root}/t/c/${createTrackingToken({ ...base, type: 'click', url }, options.secret)}`;
  return { ok: true, pixel, click, emailId };
}

function describeProblem(problem: DestinationProblem): string {
  switch (problem) {
    case 'not_a_url':
      return 'url must be an absolute URL.';
    case 'control_characters':
      return 'url must not contain spaces or control characters.';
    case 'scheme_not_allowed':
      return 'url must be https (http only with tracking.allowHttp).';
    case 'userinfo':
      return 'url must not carry a user name or password.';
    case 'ip_literal':
      return 'url must name a host, not an IP address.';
    case 'localhost':
      return 'url must not lead to localhost.';
    case 'host_not_allowed':
      return "url's host is not on tracking.linkHosts.";
  }
}
