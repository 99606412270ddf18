// @vitest-environment jsdom

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { BookingConfirm, type BookingConfirmProps } from '../../widgets/booking-confirm/booking-confirm-view';
import { ALTERNATIVES, createFakeBookingProxy, SLOT } from './fake-booking-proxy';
import { createTestDeps } from './fake-proxy';

afterEach(cleanup);

type Seen = { name: string; detail: Record<string, unknown> };

function setup(proxy = createFakeBookingProxy(), props: Partial<BookingConfirmProps> = {}) {
  const test = createTestDeps(proxy.fetch);
  const events: Seen[] = [];
  const view = render(
    <BookingConfirm
      endpoint="https://leads.example.com"
      calendar="demo"
      start={SLOT.start}
      end={SLOT.end}
      locale="en-GB"
      timezone="America/New_York"
      pageUrl="https://www.example.com/book"
      deps={test.deps}
      emit={(name, detail) => events.push({ name, detail: detail as Record<string, unknown> })}
      {...props}
    />,
  );
  return { ...view, ...test, proxy, events };
}

async function fillValid() {
  fireEvent.input(await screen.findByLabelText(/^Name/), { target: { value: 'Jane Doe' } });
  fireEvent.input(screen.getByLabelText(/^Email/), { target: { value: 'jane@example.com' } });
  fireEvent.click(screen.getByLabelText(/I agree to be contacted/));
}

describe('<BookingConfirm>', () => {
  it('shows the slot in the visitor zone and in the calendar zone when they differ', async () => {
    setup();
    await screen.findByLabelText(/^Name/);
    const summary = document.querySelector('.slot-summary') as HTMLElement;
    // 14:00 in Berlin is 08:00 in New York on 24 November.
    expect(summary.textContent).toMatch(/Tuesday,? 24 November 2026.*08:00.*08:30/);
    expect(summary.textContent).toMatch(/Local time of the calendar.*14:00.*14:30/);
  });

  it('shows one zone when the visitor is in the calendar zone', async () => {
    setup(undefined, { timezone: 'Europe/Berlin' });
    await screen.findByLabelText(/^Name/);
    expect(document.querySelector('.slot-summary')?.textContent).not.toMatch(/Local time of the calendar/);
  });

  it("renders the calendar form's fields with the lead form's controls and checks", async () => {
    setup();
    const name = await screen.findByLabelText(/^Name/);
    expect(name.getAttribute('autocomplete')).toBe('name');
    expect(screen.getByLabelText('Phone').getAttribute('type')).toBe('tel');
    expect(screen.getByRole('combobox', { name: /Country/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Book' }));
    expect(await screen.findByText('Please correct the 3 highlighted field(s).')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(name));
  });

  it('books once with Idempotency-Key = submissionId, aria-busy while sending, no double submit', async () => {
    const { proxy, events } = setup();
    await fillValid();
    fireEvent.input(screen.getByLabelText('Phone'), { target: { value: '0151 12345678' } });
    const book = screen.getByRole('button', { name: 'Book' });
    fireEvent.click(book);
    fireEvent.click(book);
    expect(document.querySelector('form')?.getAttribute('aria-busy')).toBe('true');
    await screen.findByText('You are booked.', { selector: 'p' });
    expect(proxy.posts()).toHaveLength(1);
    const post = proxy.posts()[0];
    const body = post?.body as Record<string, unknown> & {
      submissionId: string;
      fields: Record<string, string>;
    };
    expect(post?.headers['idempotency-key']).toBe(body.submissionId);
    expect(body.start).toBe(SLOT.start);
    expect(body.end).toBe(SLOT.end);
    expect(body.fields.phone).toBe('+4915112345678');
    expect((body.consent as { granted: boolean }).granted).toBe(true);
    expect(events.map((e) => e.name)).toEqual(['leadkit:ready', 'leadkit:submit', 'leadkit:booked']);
    expect(events[2]?.detail).toEqual({
      bookingId: 'b_1',
      start: SLOT.start,
      end: SLOT.end,
      timezone: 'America/New_York',
    });
  });

  it('success view: the time in the visitor zone, .ics, Google and Outlook links, the manage link; focus moves there', async () => {
    setup();
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Book' }));
    const done = await screen.findByText('You are booked.', { selector: 'p' });
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(document.querySelector('.booked')?.textContent).toMatch(/08:00/);
    const ics = screen.getByRole('link', { name: /Download \.ics/ }).getAttribute('href');
    expect(ics).toBe('https://leads.example.com/v1/bookings/b_1/calendar.ics?token=tok-b_1');
    const google = new URL(screen.getByRole('link', { name: 'Google Calendar' }).getAttribute('href') ?? '');
    expect(google.searchParams.get('dates')).toBe('20261124T130000Z/20261124T133000Z');
    // The manage token never goes to Google or Microsoft.
    expect(google.toString()).not.toContain('tok-b_1');
    const outlook = new URL(screen.getByRole('link', { name: 'Outlook.com' }).getAttribute('href') ?? '');
    expect(outlook.searchParams.get('startdt')).toBe('2026-11-24T13:00:00.000Z');
    expect(outlook.toString()).not.toContain('tok-b_1');
    expect(screen.getByRole('link', { name: 'Reschedule or cancel' }).getAttribute('href')).toBe(
      'https://leads.example.com/manage/b_1?token=tok-b_1',
    );
  });

  it('409 slot_unavailable: says so inline, offers the three alternatives, keeps everything typed; an alternative books', async () => {
    const proxy = createFakeBookingProxy({ taken: [SLOT.start] });
    const { events } = setup(proxy);
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Book' }));
    const told = await screen.findByText(/this time was just taken/, { selector: 'p' });
    await waitFor(() => expect(document.activeElement).toBe(told));
    const list = screen.getByRole('list', { name: 'Free times nearby' });
    const options = list.querySelectorAll('button');
    expect(options).toHaveLength(3);
    expect(options[0]?.textContent).toMatch(/08:30/);
    expect((screen.getByLabelText(/^Name/) as HTMLInputElement).value).toBe('Jane Doe');
    expect((screen.getByLabelText(/I agree/) as HTMLInputElement).checked).toBe(true);
    expect(events.find((e) => e.name === 'leadkit:error')?.detail.code).toBe('slot_unavailable');
    fireEvent.click(options[0] as HTMLButtonElement);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Book'));
    expect(document.querySelector('.slot-summary')?.textContent).toMatch(/08:30.*09:00/);
    fireEvent.click(screen.getByRole('button', { name: 'Book' }));
    await screen.findByText('You are booked.', { selector: 'p' });
    const [first, second] = proxy.posts();
    if (!first || !second) throw new Error('expected two posts');
    expect((second.body as { start: string }).start).toBe(ALTERNATIVES[0]?.start);
    // A different slot is a different booking: a new key.
    expect(second.headers['idempotency-key']).not.toBe(first.headers['idempotency-key']);
  });

  it('an unknown calendar is a load failure with calendar_not_found', async () => {
    const { events } = setup(undefined, { calendar: 'nope' });
    await screen.findByText('The form could not be loaded.', { selector: 'p' });
    expect(events[0]).toMatchObject({ name: 'leadkit:error', detail: { code: 'calendar_not_found' } });
  });

  it('speaks Spanish, French and Arabic (right to left) where the locale says so', async () => {
    for (const [locale, book, yourTime, dir] of [
      ['es-ES', 'Reservar', 'Su hora local', 'ltr'],
      ['fr-FR', 'Réserver', 'Votre heure locale', 'ltr'],
      ['ar', 'احجز', 'وقتك المحلي', 'rtl'],
    ] as const) {
      setup(undefined, { locale });
      expect(await screen.findByRole('button', { name: book })).toBeTruthy();
      const root = document.querySelector('.root') as HTMLElement;
      expect(root.getAttribute('dir'), locale).toBe(dir);
      expect(root.getAttribute('lang'), locale).toBe(locale);
      expect(document.querySelector('.slot-summary')?.textContent, locale).toContain(yourTime);
      cleanup();
    }
  });
});
