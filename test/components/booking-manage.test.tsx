// @vitest-environment jsdom

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { BookingFlow } from '../../widgets/booking/booking-flow-view';
import { BookingManage, type BookingManageProps } from '../../widgets/booking/booking-manage-view';
import { ALTERNATIVES, createFakeBookingProxy, SLOT } from './fake-booking-proxy';
import { createTestDeps } from './fake-proxy';

afterEach(cleanup);

type Seen = { name: string; detail: Record<string, unknown> };

function pick(slot: { start: string; end: string }) {
  const picker = document.querySelector('leadkit-slot-picker') as HTMLElement;
  picker.dispatchEvent(
    new CustomEvent('leadkit:slot-selected', {
      detail: { ...slot, timezone: 'Europe/Berlin', calendar: 'demo' },
      bubbles: true,
      composed: true,
    }),
  );
}

function setupManage(proxy = createFakeBookingProxy(), props: Partial<BookingManageProps> = {}) {
  proxy.seed('b_9', SLOT);
  const test = createTestDeps(proxy.fetch);
  const events: Seen[] = [];
  render(
    <BookingManage
      endpoint="https://leads.example.com"
      bookingId="b_9"
      locale="en-GB"
      timezone="Europe/Berlin"
      pageUrl="https://leads.example.com/manage/b_9?token=tok-b_9"
      deps={test.deps}
      emit={(name, detail) => events.push({ name, detail: detail as Record<string, unknown> })}
      {...props}
    />,
  );
  return { proxy, events };
}

describe('manage view', () => {
  it('shows the booking with the token from the page URL, and add-to-calendar', async () => {
    const { proxy } = setupManage();
    await screen.findByText('Your booking', { selector: 'h2' });
    expect(proxy.requests[0]?.url).toBe('https://leads.example.com/v1/bookings/b_9?token=tok-b_9');
    expect(document.querySelector('.slot-summary')?.textContent).toMatch(/14:00.*14:30/);
    expect(screen.getByRole('link', { name: /Download \.ics/ }).getAttribute('href')).toContain(
      '/v1/bookings/b_9/calendar.ics?token=tok-b_9',
    );
  });

  it('cancels only after a confirmation; "Keep it" keeps it', async () => {
    const { proxy, events } = setupManage();
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel booking' }));
    const question = screen.getByText(/Cancel this booking\?/);
    await waitFor(() => expect(document.activeElement).toBe(question));
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Cancel booking'));
    expect(proxy.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel booking' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, cancel it' }));
    await screen.findByText('This booking is cancelled.', { selector: 'h2' });
    expect(proxy.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(events.find((e) => e.name === 'leadkit:cancelled')?.detail).toEqual({
      bookingId: 'b_9',
      start: SLOT.start,
      end: SLOT.end,
      timezone: 'Europe/Berlin',
    });
    expect(screen.queryByRole('button', { name: 'Reschedule' })).toBeNull();
  });

  it('reschedules with the picker after a confirmation; a taken slot offers alternatives', async () => {
    const proxy = createFakeBookingProxy();
    proxy.takeSlot('2026-11-25T10:00:00+01:00');
    const { events } = setupManage(proxy);
    fireEvent.click(await screen.findByRole('button', { name: 'Reschedule' }));
    const picker = document.querySelector('leadkit-slot-picker');
    expect(picker?.getAttribute('calendar')).toBe('demo');
    expect(picker?.getAttribute('timezone')).toBe('Europe/Berlin');
    pick({ start: '2026-11-25T10:00:00+01:00', end: '2026-11-25T10:30:00+01:00' });
    fireEvent.click(await screen.findByRole('button', { name: 'Move it' }));
    const list = await screen.findByRole('list', { name: 'Free times nearby' });
    fireEvent.click(list.querySelectorAll('button')[0] as HTMLButtonElement);
    expect(screen.getByText(/Move your booking to/).textContent).toMatch(/14:30/);
    fireEvent.click(screen.getByRole('button', { name: 'Move it' }));
    await screen.findByText('Your booking has been moved.', { selector: 'p' });
    expect(events.find((e) => e.name === 'leadkit:rescheduled')?.detail).toMatchObject({
      bookingId: 'b_9',
      start: ALTERNATIVES[0]?.start,
    });
  });

  it('offers only what the calendar allows', async () => {
    setupManage(createFakeBookingProxy({ canReschedule: false }));
    await screen.findByRole('button', { name: 'Cancel booking' });
    expect(screen.queryByRole('button', { name: 'Reschedule' })).toBeNull();
  });

  it('a wrong token says the link is not valid and reports invalid_token', async () => {
    const { events } = setupManage(undefined, { token: 'wrong' });
    await screen.findByText(/This link is not valid/);
    expect(events[0]).toMatchObject({ name: 'leadkit:error', detail: { code: 'invalid_token' } });
  });
});

describe('booking flow', () => {
  it('picker → details → back keeps what was typed → booked', async () => {
    const proxy = createFakeBookingProxy();
    const test = createTestDeps(proxy.fetch);
    const events: Seen[] = [];
    render(
      <BookingFlow
        endpoint="https://leads.example.com"
        calendar="demo"
        locale="en-GB"
        timezone="Europe/Berlin"
        pageUrl="https://www.example.com/book"
        deps={test.deps}
        emit={(name, detail) => events.push({ name, detail: detail as Record<string, unknown> })}
      />,
    );
    pick(SLOT);
    const heading = await screen.findByText('Confirm your booking', { selector: 'h2' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    fireEvent.input(await screen.findByLabelText(/^Name/), { target: { value: 'Jane Doe' } });
    fireEvent.input(screen.getByLabelText(/^Email/), { target: { value: 'jane@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change the time' }));
    const pickHeading = screen.getByText('Choose a time', { selector: 'h2' });
    await waitFor(() => expect(document.activeElement).toBe(pickHeading));
    pick(ALTERNATIVES[0] as { start: string; end: string });
    expect(((await screen.findByLabelText(/^Name/)) as HTMLInputElement).value).toBe('Jane Doe');
    expect((screen.getByLabelText(/^Email/) as HTMLInputElement).value).toBe('jane@example.com');
    fireEvent.click(screen.getByLabelText(/I agree/));
    fireEvent.click(screen.getByRole('button', { name: 'Book' }));
    await screen.findByText('You are booked.', { selector: 'p' });
    expect((proxy.posts()[0]?.body as { start?: string } | undefined)?.start).toBe(ALTERNATIVES[0]?.start);
    // The calendar was fetched once for both visits to the details step.
    expect(proxy.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
    expect(events.map((e) => e.name)).toEqual([
      'leadkit:slot-selected',
      'leadkit:slot-selected',
      'leadkit:submit',
      'leadkit:booked',
    ]);
  });
});
