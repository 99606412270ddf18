// @vitest-environment jsdom
/**
 * The shell every element shares (widgets/shared/leadkit-element.ts), seen through the booking
 * elements: properties generated from the attribute table reflect their attributes, a property
 * set before the element was defined is applied on connect, and a bad JSON attribute written
 * in the HTML is reported once the element is in the page, with the calendar it belongs to.
 */
import { waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BookingElement } from '../../widgets/booking/booking';
import { defineBooking } from '../../widgets/booking/define';
import { BookingConfirmElement } from '../../widgets/booking-confirm/booking-confirm';
import { defineBookingConfirm } from '../../widgets/booking-confirm/define';
import { createFakeBookingProxy, SLOT } from './fake-booking-proxy';
import { createTestDeps } from './fake-proxy';

const proxy = createFakeBookingProxy();

beforeAll(() => {
  BookingConfirmElement.createDeps = () => createTestDeps((input, init) => proxy.fetch(input, init)).deps;
  BookingElement.createDeps = BookingConfirmElement.createDeps;
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('the element shell', () => {
  it('applies properties a framework set before the element was defined', async () => {
    const early = document.createElement('leadkit-booking-confirm') as BookingConfirmElement;
    Object.assign(early, { endpoint: 'https://leads.example.com', calendar: 'demo', start: SLOT.start });
    Object.assign(early, { end: SLOT.end, locale: 'en-GB', prefill: { name: 'Early Bird' } });
    document.body.append(early);
    defineBookingConfirm();
    await waitFor(() =>
      expect(early.shadowRoot?.querySelector<HTMLInputElement>('input[autocomplete="name"]')?.value).toBe(
        'Early Bird',
      ),
    );
    expect(early.getAttribute('calendar')).toBe('demo');
    expect(early.getAttribute('locale')).toBe('en-GB');
    expect(early.prefill).toEqual({ name: 'Early Bird' });
  });

  it('reflects string properties: required ones read "" when absent, optional ones null and remove', () => {
    defineBooking();
    const el = document.createElement('leadkit-booking') as BookingElement;
    expect(el.calendar).toBe('');
    expect(el.leadRef).toBeNull();
    el.leadRef = 'ref-1';
    el.timezone = 'Asia/Tokyo';
    expect(el.getAttribute('lead-ref')).toBe('ref-1');
    expect(el.getAttribute('timezone')).toBe('Asia/Tokyo');
    el.leadRef = null;
    expect(el.hasAttribute('lead-ref')).toBe(false);
    el.setAttribute('hidden-fields', '{"campaign":"spring"}');
    expect(el.hiddenFields).toEqual({ campaign: 'spring' });
    el.hiddenFields = null;
    expect(el.hiddenFields).toBeUndefined();
  });

  it('reports a bad JSON attribute from the HTML once the element is in the page, with its calendar', async () => {
    defineBooking();
    const heard: unknown[] = [];
    document.addEventListener('leadkit:error', (event) => heard.push((event as CustomEvent).detail));
    const holder = document.createElement('div');
    holder.innerHTML = `<leadkit-booking endpoint="https://leads.example.com" calendar="demo" prefill="{oops"></leadkit-booking>`;
    expect(heard).toEqual([]);
    document.body.append(holder);
    await waitFor(() =>
      expect(heard).toContainEqual({
        code: 'bad_attribute',
        message: 'The prefill attribute is not valid JSON.',
        calendar: 'demo',
      }),
    );
    const el = holder.firstElementChild as BookingElement;
    expect(el.prefill).toBeUndefined();
  });
});
