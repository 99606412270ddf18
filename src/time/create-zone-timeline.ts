import { getZoneOffset } from './get-zone-offset';

/** A span `[start, end)` of epoch ms over which a zone keeps one UTC offset (ms). */
export interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

/** The offsets of one zone over a window, found once so per-slot lookups need no Intl call. */
export interface ZoneTimeline {
  zone: string;
  /** Contiguous, increasing, covering the window; a new segment starts at each transition. */
  segments: readonly OffsetSegment[];
  /** The offset at `instant`; outside the window it asks Intl. */
  offsetAt(instant: number): number;
}

// Real zones never change offset twice within six hours, so sampling at this step finds
// every transition, which bisection then pins to the second (tzdata has second resolution).
const STEP_MS = 6 * 3_600_000;

/**
 * The offset segments of `zone` between the instants `from` and `to` (epoch ms).
 * Throws a RangeError for an unknown zone.
 */
export function createZoneTimeline(zone: string, from: number, to: number): ZoneTimeline {
  const segments: OffsetSegment[] = [];
  let segmentStart = Math.floor(from / 1000) * 1000;
  let offset = getZoneOffset(zone, segmentStart);
  let probe = segmentStart;
  while (probe < to) {
    const next = Math.min(probe + STEP_MS, Math.ceil(to / 1000) * 1000);
    if (getZoneOffset(zone, next) === offset) {
      probe = next;
      continue;
    }
    let lo = probe;
    let hi = next;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (getZoneOffset(zone, mid) === offset) lo = mid;
      else hi = mid;
    }
    segments.push({ start: segmentStart, end: hi, offset });
    segmentStart = hi;
    offset = getZoneOffset(zone, hi);
    probe = hi;
  }
  segments.push({ start: segmentStart, end: Math.max(segmentStart, to), offset });
  const first = segments[0] as OffsetSegment;
  const last = segments[segments.length - 1] as OffsetSegment;

  return {
    zone,
    segments,
    offsetAt(instant) {
      if (instant < first.start || instant >= last.end) return getZoneOffset(zone, instant);
      let lo = 0;
      let hi = segments.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((segments[mid] as OffsetSegment).start <= instant) lo = mid;
        else hi = mid - 1;
      }
      return (segments[lo] as OffsetSegment).offset;
    },
  };
}
