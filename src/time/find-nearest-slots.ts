import type { AvailabilityDay, AvailabilitySlot } from './availability-day';

/**
 * The `count` slots of `days` whose start is nearest to `start` (by absolute distance, either
 * side), nearest first, ties to the earlier slot; a slot starting exactly at `start` (the one
 * just refused) and repeated starts are left out. For the `alternatives` of a
 * `409 slot_unavailable` (CONTRACT §4).
 */
export function findNearestSlots(
  days: readonly AvailabilityDay[],
  start: Date,
  count = 3,
): Array<{ start: string; end: string }> {
  const target = start.getTime();
  const seen = new Set<number>();
  const candidates: Array<{ at: number; slot: AvailabilitySlot }> = [];
  for (const day of days) {
    for (const slot of day.slots) {
      const at = Date.parse(slot.start);
      if (Number.isNaN(at) || at === target || seen.has(at)) continue;
      seen.add(at);
      candidates.push({ at, slot });
    }
  }
  candidates.sort((a, b) => Math.abs(a.at - target) - Math.abs(b.at - target) || a.at - b.at);
  return candidates.slice(0, Math.max(0, count)).map(({ slot }) => ({ start: slot.start, end: slot.end }));
}
