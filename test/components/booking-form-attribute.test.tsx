// @vitest-environment jsdom
/**
 * The booking elements' `form` attribute (CONTRACT §4: "an element's `form` attribute, when
 * given, wins"): the details step asks that form's fields and consent, Book sends the lead to
 * that form and then books linked to it by the lead's `leadRef`, with what the calendar's own
 * form asks of what was typed. A retry of the booking does not send the lead again.
 */
import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FormDefinition } from '../../src/model/form';
import { createLeadRef } from '../../src/proxy/security/lead-ref';
import { BookingConfirmElement } from '../../widgets/booking-confirm/booking-confirm';
import { defineBookingConfirm } from '../../widgets/booking-confirm/define';
import { ALTERNATIVES, createFakeBookingProxy, SLOT } from './fake-booking-proxy';
import { bodyOf, createFakeProxy, createTestDeps, DEMO_FORM, FAKE_PROXY_SECRET } from './fake-proxy';

/** A form of its own: name, email and company (the calendar's `demo` form has no company), the same consent. */
const CONTACT_FORM: FormDefinition = {
  id: 'contact',
  fields: [
    ...DEMO_FORM.fields.filter((f) => f.name === 'name' || f.name === 'email'),
    { name: 'company', type: 'text', label: 'Company', required: true },
  ],
  consent: DEMO_FORM.consent,
};

let leads = createFakeProxy({ form: CONTACT_FORM });
let calendar = createFakeBookingProxy();

beforeAll(() => {
  BookingConfirmElement.createDeps = () =>
    createTestDeps((input, init) =>
      new URL(input).pathname.startsWith('/v1/forms/')
        ? leads.fetch(input, init)
        : calendar.fetch(input, init),
    ).deps;
  defineBookingConfirm();
});
afterEach(() => {
  document.body.innerHTML = '';
  leads = createFakeProxy({ form: CONTACT_FORM });
  calendar = createFakeBookingProxy();
});

function addConfirm(form: string, slot = SLOT): ShadowRoot {
  const el = document.createElement('leadkit-booking-confirm');
  const attributes = {
    endpoint: 'https://leads.example.com',
    calendar: 'demo',
    ...slot,
    locale: 'en-GB',
    form,
  };
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  document.body.append(el);
  return el.shadowRoot as ShadowRoot;
}

const type = (root: ShadowRoot, selector: string, value: string) =>
  fireEvent.input(root.querySelector(selector) as HTMLInputElement, { target: { value } });

async function fill(root: ShadowRoot) {
  await waitFor(() => expect(root.querySelector('input[autocomplete="name"]')).not.toBeNull());
  type(root, 'input[autocomplete="name"]', 'Jane Doe');
  type(root, 'input[type="email"]', 'jane@example.com');
  type(root, 'input[id$="-company"]', 'Acme');
  fireEvent.click(root.querySelector('input[type="checkbox"]') as HTMLInputElement);
}

describe('the booking elements’ form attribute', () => {
  it('asks that form’s fields, sends the lead to it, then books linked to the lead', async () => {
    const root = addConfirm('contact');
    await fill(root);
    expect(root.querySelector('input[type="tel"]')).toBeNull(); // the calendar's form's phone is not asked
    fireEvent.submit(root.querySelector('form') as HTMLFormElement);
    await waitFor(() => expect(root.textContent).toContain('You are booked.'));

    expect(leads.posts().map((r) => r.url)).toEqual(['https://leads.example.com/v1/forms/contact/leads']);
    const lead = bodyOf(leads.posts()[0]);
    expect(lead.fields).toEqual({ name: 'Jane Doe', email: 'jane@example.com', company: 'Acme' });
    expect(lead.consent?.version).toBe('3');
    const booking = calendar.posts()[0]?.body as { leadRef: string; fields: object; consent: object };
    expect(booking.leadRef).toBe(createLeadRef('lead-1', FAKE_PROXY_SECRET));
    // What the calendar's own form has: no company, which it would refuse as an unknown field.
    expect(booking.fields).toEqual({ name: 'Jane Doe', email: 'jane@example.com' });
    expect(booking.consent).toEqual(lead.consent);
  });

  it('a taken slot is booked through an alternative without sending the lead twice', async () => {
    calendar = createFakeBookingProxy({ taken: [SLOT.start] });
    const root = addConfirm('contact');
    await fill(root);
    fireEvent.submit(root.querySelector('form') as HTMLFormElement);
    await waitFor(() => expect(root.querySelector('[part~=alternatives]')).not.toBeNull());
    const first = root.querySelector<HTMLButtonElement>('[part~=alternatives] button') as HTMLButtonElement;
    fireEvent.click(first);
    fireEvent.submit(root.querySelector('form') as HTMLFormElement);
    await waitFor(() => expect(root.textContent).toContain('You are booked.'));
    expect(leads.posts()).toHaveLength(1);
    expect(calendar.posts().map((r) => (r.body as { start: string }).start)).toEqual([
      SLOT.start,
      ALTERNATIVES[0]?.start,
    ]);
  });

  it('naming the calendar’s own form is the plain booking; a form lacking what the calendar needs is told', async () => {
    const root = addConfirm('demo');
    await waitFor(() => expect(root.querySelector('input[type="tel"]')).not.toBeNull());
    expect(leads.requests.filter((r) => r.method === 'POST')).toEqual([]);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    calendar = createFakeBookingProxy({
      form: {
        ...DEMO_FORM,
        fields: DEMO_FORM.fields.map((f) => (f.name === 'phone' ? { ...f, required: true } : f)),
      },
    });
    addConfirm('contact');
    await waitFor(() =>
      expect(warn).toHaveBeenCalledWith(
        'leadkit: <leadkit-form form="contact">: the calendar\'s form "demo" also requires phone: bookings will be refused.',
      ),
    );
    warn.mockRestore();
  });
});
