// @vitest-environment jsdom
import { waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SlotSelectedDetail } from '../../src/client/leadkit-events';
import { defineSlotPicker } from '../../widgets/slot-picker/define';
import { SlotPickerElement } from '../../widgets/slot-picker/slot-picker';
import { createFakeProxy, createTestDeps } from './fake-proxy';

let proxy = createFakeProxy();

beforeAll(() => {
  SlotPickerElement.createDeps = () => createTestDeps(proxy.fetch).deps;
  defineSlotPicker();
  defineSlotPicker(); // idempotent
});

afterEach(() => {
  document.body.innerHTML = '';
  proxy = createFakeProxy();
});

function createPicker(attributes: Record<string, string> = {}): SlotPickerElement {
  const el = document.createElement('leadkit-slot-picker');
  el.setAttribute('endpoint', 'https://leads.example.com');
  el.setAttribute('calendar', 'demo');
  el.setAttribute('locale', 'en-GB');
  el.setAttribute('timezone', 'Europe/Berlin');
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  return el;
}

const options = (el: SlotPickerElement) => [
  ...(el.shadowRoot?.querySelectorAll<HTMLElement>('[role=option]') ?? []),
];

describe('<leadkit-slot-picker> element', () => {
  it('emits a bubbling, composed leadkit:slot-selected with the calendar, and keeps it as `selected`', async () => {
    const el = createPicker();
    const heard: SlotSelectedDetail[] = [];
    document.addEventListener('leadkit:slot-selected', (e) =>
      heard.push((e as CustomEvent<SlotSelectedDetail>).detail),
    );
    document.body.append(el);
    await waitFor(() => expect(options(el)).toHaveLength(3));
    options(el)[1]?.click();
    expect(heard).toEqual([
      {
        start: '2026-11-24T14:00:00+01:00',
        end: '2026-11-24T14:30:00+01:00',
        timezone: 'Europe/Berlin',
        calendar: 'demo',
      },
    ]);
    expect(el.selected?.start).toBe('2026-11-24T14:00:00+01:00');
  });

  it('markTaken() removes the slot and clears the selection; refresh() loads again', async () => {
    const el = createPicker();
    document.body.append(el);
    await waitFor(() => expect(options(el)).toHaveLength(3));
    options(el)[1]?.click();
    el.markTaken('2026-11-24T13:00:00Z');
    await waitFor(() => expect(options(el).map((o) => o.textContent)).toEqual(['9:00', '14:30']));
    expect(el.selected).toBeUndefined();
    const before = proxy.requests.filter((r) => r.url.includes('/availability')).length;
    el.refresh();
    await waitFor(() =>
      expect(proxy.requests.filter((r) => r.url.includes('/availability')).length).toBeGreaterThan(before),
    );
  });

  it('shows times in a new zone when the timezone attribute changes', async () => {
    const el = createPicker();
    document.body.append(el);
    await waitFor(() => expect(options(el)).toHaveLength(3));
    el.setAttribute('timezone', 'Asia/Tokyo');
    await waitFor(() => expect(options(el)[0]?.textContent).toBe('17:009:00 in Europe/Berlin'));
    expect(el.shadowRoot?.textContent).toContain('Times in Asia/Tokyo');
  });

  it('1,000 pickers mounted, loading, then unmounted leave no request running', async () => {
    const proxy2 = createFakeProxy({ calendarReplies: Array.from({ length: 1000 }, () => 'hang' as const) });
    proxy = proxy2;
    const pickers = Array.from({ length: 1000 }, () => createPicker());
    document.body.append(...pickers);
    await waitFor(() => expect(proxy2.requests.length).toBe(1000), { timeout: 10_000 });
    for (const el of pickers) el.remove();
    expect(proxy2.requests.filter((r) => !r.signal?.aborted)).toEqual([]);
  }, 20_000);
});
