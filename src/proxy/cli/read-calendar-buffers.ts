import { DEFAULT_CONFIG } from '../config/default-config';
import { ConfigError } from './load-cli-config';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Each calendar's overlap buffer (ms) as the config sets it, for the bookings
 * `leadkit store copy` moves: a calendar on a `local` backend books under its
 * `bufferMinutes` (default 0), any other calendar (a vendor's decides) under none (null).
 * Only `backends.*.type` and `calendars.*.backend|bufferMinutes` are read, so the copy
 * needs none of the vendors' secrets in its environment. `raw` null: the embedded default.
 */
export function readCalendarBuffers(
  raw: Record<string, unknown> | null,
): (calendar: string) => number | null {
  const config: Record<string, unknown> = raw ?? DEFAULT_CONFIG;
  const backends = isRecord(config.backends) ? config.backends : {};
  const calendars = isRecord(config.calendars) ? config.calendars : {};
  const buffers = new Map<string, number | null>();
  const problems: string[] = [];
  for (const [id, calendar] of Object.entries(calendars)) {
    if (!isRecord(calendar)) continue;
    const backend = typeof calendar.backend === 'string' ? backends[calendar.backend] : undefined;
    if (!isRecord(backend) || backend.type !== 'local') {
      buffers.set(id, null);
      continue;
    }
    const minutes = calendar.bufferMinutes ?? 0;
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
      problems.push(`calendars.${id}.bufferMinutes: must be a whole number of minutes from 0 to 1440`);
      continue;
    }
    buffers.set(id, minutes * 60_000);
  }
  if (problems.length) throw new ConfigError(problems);
  // A calendar the config no longer has takes no more bookings: its bookings keep no rule.
  return (calendar) => buffers.get(calendar) ?? null;
}
