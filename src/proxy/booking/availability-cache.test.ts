import { describe, expect, it } from 'vitest';
import type { AvailableDay } from '../../backends/backend';
import { createAvailabilityCache } from './availability-cache';

const day = (date: string): AvailableDay[] => [{ date, slots: [] }];

describe('createAvailabilityCache', () => {
  it('reuses an answer until it is ttlMs old, and shares one load between concurrent callers', async () => {
    let clock = 0;
    let loads = 0;
    const cache = createAvailabilityCache({ ttlMs: 1000, now: () => clock });
    const load = async () => {
      loads++;
      return day(`load-${loads}`);
    };
    const [a, b] = await Promise.all([cache.get('cal', 'k', load), cache.get('cal', 'k', load)]);
    expect(a).toBe(b);
    expect(loads).toBe(1);
    clock = 999;
    expect(await cache.get('cal', 'k', load)).toBe(a);
    clock = 1000;
    expect((await cache.get('cal', 'k', load))[0]?.date).toBe('load-2');
  });

  it("drops a calendar's answers on a change, and does not keep a load that started before it", async () => {
    const cache = createAvailabilityCache({ ttlMs: 60_000, now: () => 0 });
    await cache.get('cal', 'k', async () => day('before'));
    await cache.get('other', 'k', async () => day('other'));
    let release: (days: AvailableDay[]) => void = () => {};
    const slow = cache.get('cal', 'k2', () => new Promise<AvailableDay[]>((r) => (release = r)));
    cache.drop('cal');
    release(day('stale'));
    expect((await slow)[0]?.date).toBe('stale');
    expect((await cache.get('cal', 'k', async () => day('after')))[0]?.date).toBe('after');
    expect((await cache.get('cal', 'k2', async () => day('fresh')))[0]?.date).toBe('fresh');
    expect((await cache.get('other', 'k', async () => day('reloaded')))[0]?.date).toBe('other');
  });
});
