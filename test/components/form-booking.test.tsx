// @vitest-environment jsdom
/**
 * Form → instant booking with the real elements: a `<leadkit-form>` whose definition names a
 * calendar (`booking`) loads that calendar's free times at the first keystroke, and after the
 * lead's 202 shows the slot picker; one choice of a time and Book make the booking, linked by
 * the lead's `leadRef`, without asking again what the lead said.
 */
import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../src/model/form';
import { createLeadRef } from '../../src/proxy/security/lead-ref';
import { BookingElement } from '../../widgets/booking/booking';
import { defineBooking } from '../../widgets/booking/define';
import { defineLeadForm } from '../../widgets/lead-form/define';
import { LeadFormElement } from '../../widgets/lead-form/lead-form';
import { SlotPickerElement } from '../../widgets/slot-picker/slot-picker';
import { createFakeBookingProxy } from './fake-booking-proxy';
import { bodyOf, createFakeProxy, createTestDeps, DEMO_FORM, FAKE_PROXY_SECRET } from './fake-proxy';

const BOOKING_FORM: FormDefinition = { ...DEMO_FORM, id: 'demo-booking', booking: 'demo' };

let leads = createFakeProxy({ form: BOOKING_FORM });
let calendar = createFakeBookingProxy();

// Forms, leads and free times from one fake; the calendar's definition and bookings from the other.
const fetch = (input: string, init?: RequestInit) => {
  const path = new URL(input).pathname;
  return path.startsWith('/v1/forms/') || path.endsWith('/availability')
    ? leads.fetch(input, init)
    : calendar.fetch(input, init);
};

beforeAll(() => {
  LeadFormElement.createDeps = () => createTestDeps(fetch).deps;
  BookingElement.createDeps = LeadFormElement.createDeps;
  SlotPickerElement.createDeps = LeadFormElement.createDeps;
  defineLeadForm();
  defineBooking();
});
afterEach(() => {
  document.body.innerHTML = '';
  leads = createFakeProxy({ form: BOOKING_FORM });
  calendar = createFakeBookingProxy();
});

function addForm(): LeadFormElement {
  const el = document.createElement('leadkit-form');
  for (const [k, v] of Object.entries({
    endpoint: 'https://leads.example.com',
    form: 'demo-booking',
    locale: 'en-GB',
    timezone: 'Europe/Berlin',
  }))
    el.setAttribute(k, v);
  document.body.append(el);
  return el;
}

const formRoot = (el: LeadFormElement) => el.shadowRoot as ShadowRoot;
const bookingOf = (el: LeadFormElement) =>
  formRoot(el).querySelector('leadkit-booking') as BookingElement | null;
const pickerOf = (el: LeadFormElement) =>
  bookingOf(el)?.shadowRoot?.querySelector('leadkit-slot-picker') as SlotPickerElement | null | undefined;
const type = (root: ParentNode, selector: string, value: string) =>
  fireEvent.input(root.querySelector(selector) as HTMLInputElement, { target: { value } });

function pickTime(picker: SlotPickerElement | null | undefined, index: number) {
  const options = picker?.shadowRoot?.querySelectorAll<HTMLElement>('[role=option]');
  options?.[index]?.click();
}

async function fillAndSend(el: LeadFormElement) {
  await waitFor(() => expect(formRoot(el).querySelector('input[autocomplete="name"]')).not.toBeNull());
  type(formRoot(el), 'input[autocomplete="name"]', 'Jane Doe');
  type(formRoot(el), 'input[type="email"]', 'jane@example.com');
  fireEvent.click(formRoot(el).querySelector('input[type="checkbox"]') as HTMLInputElement);
  fireEvent.submit(formRoot(el).querySelector('form') as HTMLFormElement);
}

describe('form → instant booking', () => {
  it('loads the free times while typing, then books the time chosen with the details the lead gave', async () => {
    const heard: Array<{ name: string; detail: Record<string, unknown> }> = [];
    for (const name of ['leadkit:ready', 'leadkit:success', 'leadkit:slot-selected', 'leadkit:booked'])
      document.addEventListener(name, (e) => heard.push({ name, detail: (e as CustomEvent).detail }));
    const el = addForm();
    await waitFor(() => expect(formRoot(el).querySelector('input[autocomplete="name"]')).not.toBeNull());
    // Nothing of the calendar is loaded for a visitor who only looks at the form.
    expect(bookingOf(el)).toBeNull();
    type(formRoot(el), 'input[autocomplete="name"]', 'J');
    await waitFor(() => expect(leads.requests.some((r) => r.url.includes('/availability'))).toBe(true));
    expect(el.status).toBe('editing');
    expect(bookingOf(el)?.hidden).toBe(true);

    await fillAndSend(el);
    await waitFor(() => expect(el.status).toBe('sent'));
    await waitFor(() => expect(bookingOf(el)?.hidden).toBe(false));
    const lead = bodyOf(leads.posts()[0]);
    expect(formRoot(el).querySelector('[part~=message]')?.textContent).toMatch(/Thank you/);

    const picker = pickerOf(el);
    await waitFor(() => expect(picker?.shadowRoot?.querySelectorAll('[role=option]').length).toBe(3));
    pickTime(picker, 1);
    const booking = bookingOf(el)?.shadowRoot as ShadowRoot;
    await waitFor(() => expect(booking.querySelector('button[type=submit]')?.textContent).toBe('Book'));
    // No second form: the lead's name, email and consent are known.
    expect(booking.querySelectorAll('input, textarea, select').length).toBe(1); // the honeypot
    expect(booking.querySelector('.note')).toBeNull();
    fireEvent.submit(booking.querySelector('form') as HTMLFormElement);
    await waitFor(() => expect(booking.textContent).toContain('You are booked.'));

    const post = calendar.posts()[0];
    expect(post?.url).toBe('https://leads.example.com/v1/calendars/demo/bookings');
    const body = post?.body as Record<string, unknown> & { context: Record<string, unknown> };
    expect(body.leadRef).toBe(createLeadRef('lead-1', FAKE_PROXY_SECRET));
    expect(body.fields).toEqual(lead.fields);
    expect(body.consent).toEqual(lead.consent);
    expect(body.context.startedAt).toBe(lead.context?.startedAt);
    expect(body.start).toBe('2026-11-24T14:00:00+01:00');
    // The page heard the form's ready once (not the hidden flow's), the lead, the time and the booking.
    expect(heard.map((h) => h.name)).toEqual([
      'leadkit:ready',
      'leadkit:success',
      'leadkit:slot-selected',
      'leadkit:booked',
    ]);
    expect(heard[0]?.detail).toEqual({ form: 'demo-booking' });
  });

  it('asks only what the calendar needs beyond the lead: a missing required field, a consent of another version', async () => {
    calendar = createFakeBookingProxy({
      form: {
        ...DEMO_FORM,
        fields: DEMO_FORM.fields.map((f) => (f.name === 'phone' ? { ...f, required: true } : f)),
        consent: { ...(DEMO_FORM.consent as NonNullable<FormDefinition['consent']>), version: '4' },
      },
    });
    const el = addForm();
    await fillAndSend(el);
    await waitFor(() => expect(bookingOf(el)?.hidden).toBe(false));
    const picker = pickerOf(el);
    await waitFor(() => expect(picker?.shadowRoot?.querySelectorAll('[role=option]').length).toBe(3));
    pickTime(picker, 0);
    const booking = bookingOf(el)?.shadowRoot as ShadowRoot;
    await waitFor(() => expect(booking.querySelector('input[type=tel]')).not.toBeNull());
    expect(booking.querySelector('input[autocomplete="name"]')).toBeNull();
    expect(booking.querySelector('input[type=email]')).toBeNull();
    const consent = booking.querySelector('input[type=checkbox]') as HTMLInputElement;
    expect(consent.checked).toBe(false);
    type(booking, 'input[type=tel]', '030 1234567');
    fireEvent.click(consent);
    fireEvent.submit(booking.querySelector('form') as HTMLFormElement);
    await waitFor(() => expect(booking.textContent).toContain('You are booked.'));
    const body = calendar.posts()[0]?.body as {
      fields: Record<string, unknown>;
      consent: { version: string };
    };
    expect(body.fields).toMatchObject({ name: 'Jane Doe', email: 'jane@example.com', phone: '+49301234567' });
    expect(body.consent.version).toBe('4');
  });
});
