import { type TrackingConfig, trackingConfigSchema } from '../config/config-schema';
import type { ResolvedConfig } from '../config/load-config';
import type { LinkPolicy } from './check-destination';
import { createMachineNetworks, type MachineNetworks } from './machine-networks';

/** The `tracking` block with its defaults resolved, as minting and the tracking routes use it. */
export interface TrackingSettings {
  /** Where `/t/o/…` and `/t/c/…` links point: `publicUrl`, else the given fallback (serve's own address). */
  baseUrl: string;
  links: LinkPolicy;
  linkTtlDays: number;
  refParam: string;
  requireConsent: boolean;
  origins: readonly string[];
  /** Page signal types a caller may send: LIO's page-side types and `signalTypes`. */
  signalTypes: ReadonlySet<string>;
  machineNetworks: MachineNetworks;
}

/**
 * LIO's closed list of signal types (seed 003 §9.1), less the three only the tracking routes
 * emit: a page that could post `email_opened` or `link_clicked` could forge an email's reach.
 */
export const PAGE_SIGNAL_TYPES = [
  'pricing_page_visit',
  'demo_requested',
  'form_submitted',
  'reply_received',
  'case_study_download',
  'manual',
] as const;

/** Resolves the tracking settings of a checked config. */
export function resolveTrackingSettings(
  config: Pick<ResolvedConfig, 'publicUrl' | 'tracking'>,
  fallbackBaseUrl = 'http://127.0.0.1:8787',
): TrackingSettings {
  const tracking: TrackingConfig = config.tracking ?? trackingConfigSchema.parse({});
  // Default destinations: the sites this proxy serves (CONTRACT §5). IP literals and
  // localhost could never pass checkDestination, so they are not worth listing.
  const hosts = new Set(
    tracking.linkHosts?.map((h) => h.toLowerCase()) ??
      [config.publicUrl, ...tracking.origins].flatMap((u) => (u ? [new URL(u).hostname] : [])),
  );
  return {
    baseUrl: (config.publicUrl ?? fallbackBaseUrl).replace(/\/+$/, ''),
    links: { hosts, allowHttp: tracking.allowHttp },
    linkTtlDays: tracking.linkTtlDays,
    refParam: tracking.refParam,
    requireConsent: tracking.requireConsent,
    origins: tracking.origins,
    signalTypes: new Set([...PAGE_SIGNAL_TYPES, ...tracking.signalTypes]),
    machineNetworks: createMachineNetworks(tracking.machineNetworks),
  };
}
