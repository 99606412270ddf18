// @vitest-environment jsdom

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SlotPicker, type SlotPickerProps } from '../../widgets/slot-picker/slot-picker-view';
import { createFakeProxy, createTestDeps, DEMO_CALENDAR, json } from './fake-proxy';

afterEach(cleanup);

// The test clock is Sunday 2026-11-22, 10:03 UTC.
function setup(props: Partial<SlotPickerProps> = {}, proxy = createFakeProxy()) {
  const test = createTestDeps(proxy.fetch);
  const events: Array<{ name: string; detail: unknown }> = [];
  const view = render(
    <SlotPicker
      endpoint="https://leads.example.com"
      calendar="demo"
      locale="en-GB"
      timezone="Europe/Berlin"
      zoneFromDevice
      deps={test.deps}
      taken={new Set()}
      refreshKey={0}
      emit={(name, detail) => events.push({ name, detail })}
      onZoneChange={() => undefined}
      {...props}
    />,
  );
  return { ...view, ...test, proxy, events };
}

const cell = (name: string) => screen.getByRole('gridcell', { name });

describe('<SlotPicker> month grid', () => {
  it('names each day with its full date and number of free times, and preselects the first free day', async () => {
    setup();
    const first = await screen.findByRole('gridcell', { name: 'Tuesday 24 November, 3 times available' });
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(first.getAttribute('tabindex')).toBe('0');
    expect(cell('Thursday 26 November, 1 time available').getAttribute('aria-disabled')).toBeNull();
    const empty = cell('Wednesday 25 November, no times available');
    expect(empty.getAttribute('aria-disabled')).toBe('true');
    expect(empty.getAttribute('tabindex')).toBe('-1');
    expect(screen.getByRole('grid', { name: 'November 2026' })).toBeTruthy();
    // The times of the preselected day are shown, in the visitor's zone, 24 h for en-GB.
    expect(screen.getByRole('listbox', { name: /Times on Tuesday 24 November/ })).toBeTruthy();
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['9:00', '14:00', '14:30']);
    // No focus stealing on load.
    expect(document.activeElement).toBe(document.body);
  });

  it('shows a busy skeleton while loading and fetches the next month before it is asked for', async () => {
    const { proxy } = setup();
    expect(screen.getByRole('status').textContent).toBe('Loading free times…');
    await waitFor(() => expect(screen.getByRole('grid').getAttribute('aria-busy')).toBe('true'));
    await screen.findByRole('gridcell', { name: /3 times available/ });
    expect(screen.getByRole('grid').getAttribute('aria-busy')).toBeNull();
    const ranges = proxy.requests
      .filter((r) => r.url.includes('/availability'))
      .map((r) => new URL(r.url).searchParams.toString());
    expect(ranges).toEqual([
      'from=2026-11-22&to=2026-11-30&tz=Europe%2FBerlin',
      'from=2026-12-01&to=2026-12-31&tz=Europe%2FBerlin',
    ]);
  });

  it('moves focus with arrows, Home/End and PageDown, announcing the month; Enter moves to the times', async () => {
    setup();
    const first = await screen.findByRole('gridcell', { name: /24 November, 3 times/ });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2026-11-25'));
    expect(document.activeElement?.getAttribute('aria-disabled')).toBe('true');
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2026-11-29'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2026-11-16'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'PageDown' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2026-12-16'));
    expect(screen.getByRole('grid', { name: 'December 2026' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('December 2026: 1 day with free times');
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2026-11-30'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2026-12-01'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'Enter' });
    await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('option'));
    expect(document.activeElement?.textContent).toBe('11:00');
  });

  it('Enter on the preselected day moves focus to its times', async () => {
    setup();
    const first = await screen.findByRole('gridcell', { name: /24 November, 3 times/ });
    first.focus();
    fireEvent.keyDown(first, { key: 'Enter' });
    await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('option'));
    expect(document.activeElement?.textContent).toBe('9:00');
  });

  it('"Next available time" chooses the next day with free times, across months, and focuses its times', async () => {
    setup();
    await screen.findByRole('gridcell', { name: /24 November, 3 times/ });
    fireEvent.click(screen.getByRole('button', { name: 'Next available time' }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('10:00'));
    expect(screen.getByRole('gridcell', { name: /26 November/ }).getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Next available time' }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('11:00'));
    expect(screen.getByRole('grid', { name: 'December 2026' })).toBeTruthy();
  });

  it('End past the week’s last free day jumps to the next free day (APG End otherwise, above)', async () => {
    setup();
    const first = await screen.findByRole('gridcell', { name: /24 November, 3 times/ });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2026-11-26'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2026-12-01'));
    expect(screen.getByRole('grid', { name: 'December 2026' })).toBeTruthy();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Tuesday 1 December, 2 times available');
    expect(screen.getByRole('status').textContent).toBe('December 2026: 1 day with free times');
  });

  it('End and "Next available time" reach a free time past the months loaded, loading the ones on the way', async () => {
    const calendar = { ...DEMO_CALENDAR, starts: ['2026-11-24T08:00:00Z', '2027-01-15T09:00:00Z'] };
    const { proxy } = setup({}, createFakeProxy({ calendar }));
    const first = await screen.findByRole('gridcell', { name: /24 November, 1 time available/ });
    first.focus();
    fireEvent.keyDown(first, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2027-01-15'));
    expect(screen.getByRole('grid', { name: 'January 2027' })).toBeTruthy();
    expect(
      proxy.requests
        .filter((r) => r.url.includes('/availability'))
        .map((r) => new URL(r.url).searchParams.get('from')),
    ).toContain('2027-01-01');

    cleanup();
    setup({}, createFakeProxy({ calendar }));
    await screen.findByRole('gridcell', { name: /24 November, 1 time available/ });
    fireEvent.click(screen.getByRole('button', { name: 'Next available time' }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('10:00'));
    expect(screen.getByRole('gridcell', { name: /15 January/ }).getAttribute('aria-selected')).toBe('true');
  });

  it('says when the next free time is for a week without any', async () => {
    const proxy = createFakeProxy({
      calendar: { ...DEMO_CALENDAR, starts: [...DEMO_CALENDAR.starts, '2026-12-30T09:00:00Z'] },
    });
    setup({}, proxy);
    const first = await screen.findByRole('gridcell', { name: /24 November, 3 times/ });
    expect(screen.queryByText(/No free times this week/)).toBeNull();
    first.focus();
    fireEvent.keyDown(first, { key: 'PageDown' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2026-12-24'));
    expect(screen.getByText('No free times this week. The next is on Wednesday 30 December.')).toBeTruthy();
    // The week strip shows the focused day's week.
    expect(document.activeElement?.closest('tr')?.className).toBe('week current');
  });

  it('mirrors the arrows in a right-to-left locale', async () => {
    setup({ locale: 'ar' });
    const grid = await screen.findByRole('grid');
    await waitFor(() => expect(grid.getAttribute('aria-busy')).toBeNull());
    const start = grid.querySelector<HTMLElement>('[tabindex="0"]') as HTMLElement;
    expect(start.getAttribute('data-date')).toBe('2026-11-24');
    start.focus();
    fireEvent.keyDown(start, { key: 'ArrowLeft' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2026-11-25'));
  });

  it('speaks Arabic from the proxy, with its plural forms, and follows a locale change without a reload of times', async () => {
    const { rerender, proxy, deps } = setup({ locale: 'ar' });
    await screen.findByRole('button', { name: 'الشهر التالي' });
    // Tuesday 24 November has three free times: Arabic's `few` form.
    expect(await screen.findByRole('gridcell', { name: /، 3 مواعيد متاحة$/ })).toBeTruthy();
    const availability = () => proxy.requests.filter((r) => r.url.includes('/availability')).length;
    const before = availability();
    rerender(
      <SlotPicker
        endpoint="https://leads.example.com"
        calendar="demo"
        locale="de-DE"
        timezone="Europe/Berlin"
        zoneFromDevice
        deps={deps}
        taken={new Set()}
        refreshKey={0}
        emit={() => undefined}
        onZoneChange={() => undefined}
      />,
    );
    await screen.findByRole('button', { name: 'Nächster Monat' });
    expect(screen.getByRole('grid').closest('[dir]')?.getAttribute('dir')).toBe('ltr');
    expect(proxy.requests.map((r) => r.url)).toContain(
      'https://leads.example.com/v1/calendars/demo?locale=de-DE',
    );
    expect(availability()).toBe(before);
  });

  it('choosing a time by typeahead and Enter emits leadkit:slot-selected in the visitor zone', async () => {
    const { events } = setup();
    await screen.findAllByRole('option');
    const options = screen.getAllByRole('option');
    (options[0] as HTMLElement).focus();
    fireEvent.keyDown(options[0] as HTMLElement, { key: '1' });
    fireEvent.keyDown(document.activeElement as Element, { key: '4' });
    expect(document.activeElement?.textContent).toBe('14:00');
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'Enter' });
    expect(events.at(-1)).toEqual({
      name: 'leadkit:slot-selected',
      detail: {
        start: '2026-11-24T14:30:00+01:00',
        end: '2026-11-24T15:00:00+01:00',
        timezone: 'Europe/Berlin',
      },
    });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('14:30 selected'));
    expect(document.activeElement?.getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Choose another day' }));
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2026-11-24'));
  });

  it('uses 12 h times where the locale does, with the calendar’s own time beside each when zones differ', async () => {
    setup({ locale: 'en-US', timezone: 'America/New_York' });
    await screen.findAllByRole('option');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      '3:00 AM9:00 AM in Europe/Berlin',
      '8:00 AM2:00 PM in Europe/Berlin',
      '8:30 AM2:30 PM in Europe/Berlin',
    ]);
    expect(screen.getByText(/Times in America\/New York \(from your device\)/)).toBeTruthy();
  });

  it('shows each time’s UTC offset on a day the clocks change', async () => {
    const proxy = createFakeProxy({
      calendar: {
        ...DEMO_CALENDAR,
        // 2026-10-25 in Berlin: 02:30 happens twice (CEST, then CET).
        starts: ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z'],
      },
    });
    setup({}, proxy);
    // A clock in October, so the day is ahead.
    cleanup();
    const test = createTestDeps(proxy.fetch, { now: () => Date.parse('2026-10-20T10:00:00Z') });
    render(
      <SlotPicker
        endpoint="https://leads.example.com"
        calendar="demo"
        locale="en-GB"
        timezone="Europe/Berlin"
        zoneFromDevice={false}
        deps={test.deps}
        taken={new Set()}
        refreshKey={0}
        emit={() => undefined}
        onZoneChange={() => undefined}
      />,
    );
    await screen.findAllByRole('option');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['02:30 GMT+2', '02:30 GMT+1']);
  });

  it('removes a slot marked taken and says so in the live region', async () => {
    const { rerender, deps } = setup();
    await screen.findAllByRole('option');
    rerender(
      <SlotPicker
        endpoint="https://leads.example.com"
        calendar="demo"
        locale="en-GB"
        timezone="Europe/Berlin"
        zoneFromDevice
        deps={deps}
        taken={new Set([Date.parse('2026-11-24T13:00:00Z')])}
        refreshKey={0}
        emit={() => undefined}
        onZoneChange={() => undefined}
      />,
    );
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('That time was just taken. Please choose another.'),
    );
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['9:00', '14:30']);
    expect(screen.getByRole('gridcell', { name: /24 November, 2 times available/ })).toBeTruthy();
  });

  it('says the times could not be loaded, emits leadkit:error, and retries', async () => {
    const proxy = createFakeProxy({
      calendarReplies: [
        json(404, { error: { code: 'calendar_not_found', message: 'There is no calendar "demo".' } }),
      ],
    });
    const { events } = setup({}, proxy);
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(screen.getByRole('alert').textContent).toBe('The free times could not be loaded.');
    expect(events).toContainEqual({
      name: 'leadkit:error',
      detail: { code: 'calendar_not_found', message: 'There is no calendar "demo".' },
    });
    fireEvent.click(retry);
    expect(await screen.findByRole('gridcell', { name: /3 times available/ })).toBeTruthy();
  });
});
