import type { AvailableDay } from '../../backends/backend';

/**
 * A short-lived cache of availability answers per calendar, range, zone and duration.
 * Vendors' request limits are shared with lead delivery, so a page full of visitors must
 * not turn into a request each; and a local calendar's answer costs a slot computation.
 * Every booking change through the proxy drops the calendar's entries (`drop`), and a load
 * that started before a drop is not kept, so the cache never answers with a slot this proxy
 * has just booked. Concurrent loads of one key share one call.
 */
export interface AvailabilityCache {
  get(calendar: string, key: string, load: () => Promise<AvailableDay[]>): Promise<AvailableDay[]>;
  /** Forgets every entry of the calendar (after a booking, reschedule or cancel). */
  drop(calendar: string): void;
}

export function createAvailabilityCache(options: {
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
}): AvailabilityCache {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 1000;
  const entries = new Map<string, { at: number; days: AvailableDay[] }>();
  const loading = new Map<string, Promise<AvailableDay[]>>();
  const generations = new Map<string, number>();
  const fullKey = (calendar: string, key: string) => `${calendar}\u0000${key}`;

  return {
    async get(calendar, key, load) {
      const id = fullKey(calendar, key);
      const hit = entries.get(id);
      if (hit && now() - hit.at < options.ttlMs) return hit.days;
      const pending = loading.get(id);
      if (pending) return pending;
      const generation = generations.get(calendar) ?? 0;
      const started = now();
      const promise = load()
        .then((days) => {
          if ((generations.get(calendar) ?? 0) === generation) {
            if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
            entries.set(id, { at: started, days });
          }
          return days;
        })
        .finally(() => {
          if (loading.get(id) === promise) loading.delete(id);
        });
      loading.set(id, promise);
      return promise;
    },
    drop(calendar) {
      generations.set(calendar, (generations.get(calendar) ?? 0) + 1);
      const prefix = `${calendar}\u0000`;
      for (const id of [...entries.keys()]) if (id.startsWith(prefix)) entries.delete(id);
      for (const id of [...loading.keys()]) if (id.startsWith(prefix)) loading.delete(id);
    },
  };
}
