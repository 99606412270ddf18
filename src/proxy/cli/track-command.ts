import { randomBytes } from 'node:crypto';
import { parseLeadRef } from '../security/lead-ref';
import { createTrackingLinks } from '../tracking/create-tracking-links';
import { resolveTrackingSettings } from '../tracking/resolve-tracking-settings';
import { loadCliConfig } from './load-cli-config';
import { openCliStore } from './open-cli-store';
import { parseCliArgs, UsageError } from './parse-cli-args';

export const TRACK_LINK_HELP = `Usage: leadkit track-link --lead REF --url URL [--campaign C] [--config FILE]

Prints a signed click link for one lead: it redirects to URL (an https URL on a host of
tracking.linkHosts) and records the click. REF is the leadRef the lead's 202 answered.`;

export const TRACK_PIXEL_HELP = `Usage: leadkit track-pixel --lead REF [--campaign C] [--config FILE]

Prints a signed open-pixel URL for one lead (an <img> for an HTML email).`;

/** `leadkit track-link` and `leadkit track-pixel`: signed tracking URLs for one lead. */
export async function runTrack(kind: 'link' | 'pixel', args: string[]): Promise<number> {
  const help = kind === 'link' ? TRACK_LINK_HELP : TRACK_PIXEL_HELP;
  const { values } = parseCliArgs(args, {
    config: { type: 'string' },
    lead: { type: 'string' },
    campaign: { type: 'string' },
    ...(kind === 'link' ? { url: { type: 'string' as const } } : {}),
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (!values.lead) throw new UsageError('--lead is required');
  const url = (values as { url?: string }).url;
  if (kind === 'link' && !url) throw new UsageError('--url is required');
  const config = loadCliConfig(values.config);
  const store = await openCliStore(values.config);
  try {
    // The secret the proxy signs with: the config's, else the one the store generated
    // (and serve reads the same way, so these links work there).
    const secret =
      config.secret ??
      (await store.getOrCreateSetting('secret', () => randomBytes(32).toString('base64url')));
    const acceptedSecrets = [secret, ...Object.values(config.secrets ?? {})];
    const leadId = parseLeadRef(values.lead, acceptedSecrets);
    if (!leadId) throw new UsageError('--lead is not a leadRef of this proxy');
    if (!(await store.getLead(leadId))) {
      console.error('leadkit: no lead in the store has this leadRef.');
      return 1;
    }
    if (!config.publicUrl)
      console.error('leadkit: publicUrl is not set; the link points at http://127.0.0.1:8787.');
    const links = createTrackingLinks(
      { leadRef: values.lead, url, campaign: values.campaign },
      { secret, acceptedSecrets, settings: resolveTrackingSettings(config) },
    );
    if (!links.ok) throw new UsageError(`${links.code}: ${links.message}`);
    console.log(kind === 'link' ? links.click : links.pixel);
    return 0;
  } finally {
    await store.close();
  }
}
