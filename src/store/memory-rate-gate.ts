import type { RateAdmission, RateGate, RateGateRequest, RateTicket } from './rate-gate';

/** A taken slot: its window runs from `at`; `heldUntil` is set while it is in flight. */
interface Slot {
  at: number;
  heldUntil: number | null;
}

/**
 * The rate gate of one process (SQLite, or any single instance): per key, the slots taken
 * in the last window, in memory. Exact within the process; several processes on one
 * database each keep their own count, which is what `createPostgresRateGate` is for.
 *
 * @example
 * const gate = createMemoryRateGate();
 * const { tickets } = await gate.tryAdmit({ key: 'delivery:crm', count: 120, windowMs: 60_100, holdMs: 90_000 });
 * // …send, then: await tickets[0]?.settle();
 */
export function createMemoryRateGate(options: { now?: () => number } = {}): RateGate {
  // The real clock by default: the gate paces real calls.
  const now = options.now ?? (() => performance.now());
  const rings = new Map<string, Slot[]>();

  const isFree = (slot: Slot, t: number, windowMs: number): boolean =>
    slot.heldUntil === null ? slot.at <= t - windowMs : slot.heldUntil <= t;

  return {
    async tryAdmit(request: RateGateRequest, max = 1): Promise<RateAdmission> {
      const t = now();
      const taken = (rings.get(request.key) ?? []).filter((slot) => !isFree(slot, t, request.windowMs));
      const tickets: RateTicket[] = [];
      while (tickets.length < max && taken.length < request.count) {
        const slot: Slot = { at: t, heldUntil: t + request.holdMs };
        taken.push(slot);
        tickets.push(createTicket(request.key, slot));
      }
      if (taken.length) rings.set(request.key, taken);
      else rings.delete(request.key);
      if (taken.length < request.count) return { tickets, retryInMs: 0 };
      // An in-flight slot settles no sooner than now, so it frees no sooner than a window from now.
      let soonest = Number.POSITIVE_INFINITY;
      for (const slot of taken) {
        const freeAt =
          slot.heldUntil === null
            ? slot.at + request.windowMs
            : Math.min(slot.heldUntil, t + request.windowMs);
        soonest = Math.min(soonest, freeAt);
      }
      return { tickets, retryInMs: soonest - t };
    },
  };

  function createTicket(key: string, slot: Slot): RateTicket {
    let done = false;
    return {
      async settle() {
        if (done) return;
        done = true;
        // A slot whose hold ran out was already given to another call: leave it alone.
        if (slot.heldUntil === null || slot.heldUntil <= now()) return;
        slot.at = Math.max(slot.at, now());
        slot.heldUntil = null;
      },
      async release() {
        if (done) return;
        done = true;
        const ring = rings.get(key);
        const index = ring?.indexOf(slot) ?? -1;
        if (ring && index >= 0 && slot.heldUntil !== null && slot.heldUntil > now()) ring.splice(index, 1);
      },
    };
  }
}
