// @vitest-environment jsdom

import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BookingElement } from '../../widgets/booking/booking';
import { defineBooking } from '../../widgets/booking/define';
import { BookingConfirmElement } from '../../widgets/booking-confirm/booking-confirm';
import { defineBookingConfirm } from '../../widgets/booking-confirm/define';
import { SlotPickerElement } from '../../widgets/slot-picker/slot-picker';
import { createFakeBookingProxy, SLOT } from './fake-booking-proxy';
import { createTestDeps } from './fake-proxy';

let proxy = createFakeBookingProxy();

beforeAll(() => {
  BookingConfirmElement.createDeps = () => createTestDeps((input, init) => proxy.fetch(input, init)).deps;
  BookingElement.createDeps = BookingConfirmElement.createDeps;
  defineBookingConfirm();
  defineBooking();
  defineBookingConfirm();
});
afterEach(() => {
  document.body.innerHTML = '';
  delete (globalThis as { dataLayer?: unknown }).dataLayer;
  proxy = createFakeBookingProxy();
});

function addConfirm(): HTMLElement {
  const el = document.createElement('leadkit-booking-confirm');
  el.setAttribute('endpoint', 'https://leads.example.com');
  el.setAttribute('calendar', 'demo');
  el.setAttribute('start', SLOT.start);
  el.setAttribute('end', SLOT.end);
  el.setAttribute('locale', 'en-GB');
  el.setAttribute('timezone', 'Europe/Berlin');
  document.body.append(el);
  return el;
}

describe('<leadkit-booking-confirm> element', () => {
  it('books from the shadow root; leadkit:booked bubbles, is composed and reaches dataLayer', async () => {
    const dataLayer: unknown[] = [];
    (globalThis as { dataLayer?: unknown[] }).dataLayer = dataLayer;
    const el = addConfirm();
    const heard: CustomEvent[] = [];
    document.addEventListener('leadkit:booked', (e) => heard.push(e as CustomEvent));
    const root = el.shadowRoot as ShadowRoot;
    await waitFor(() => expect(root.querySelector('input[autocomplete="name"]')).toBeTruthy());
    fireEvent.input(root.querySelector('input[autocomplete="name"]') as HTMLInputElement, {
      target: { value: 'Jane Doe' },
    });
    fireEvent.input(root.querySelector('input[type="email"]') as HTMLInputElement, {
      target: { value: 'jane@example.com' },
    });
    fireEvent.click(root.querySelector('input[type="checkbox"]') as HTMLInputElement);
    fireEvent.submit(root.querySelector('form') as HTMLFormElement);
    await waitFor(() => expect(heard).toHaveLength(1));
    expect(heard[0]?.composed).toBe(true);
    expect(heard[0]?.detail).toEqual({
      bookingId: 'b_1',
      start: SLOT.start,
      end: SLOT.end,
      timezone: 'Europe/Berlin',
    });
    expect(dataLayer).toContainEqual({ event: 'leadkit_booked', ...heard[0]?.detail });
    expect((el as BookingConfirmElement).status).toBe('booked');
  });

  it('mounting and unmounting 1,000 times leaves no request running', async () => {
    const pending = new Set<AbortSignal>();
    const seen: AbortSignal[] = [];
    const hanging = (_input: string, init: RequestInit = {}) =>
      new Promise<Response>((_, reject) => {
        const signal = init.signal as AbortSignal;
        seen.push(signal);
        pending.add(signal);
        signal.addEventListener('abort', () => {
          pending.delete(signal);
          reject(signal.reason);
        });
      });
    const saved = BookingConfirmElement.createDeps;
    BookingConfirmElement.createDeps = () => createTestDeps(hanging).deps;
    try {
      for (let i = 0; i < 1000; i += 1) {
        const el = addConfirm();
        // Let the effects run and the definition request start before the element goes.
        await new Promise((resolve) => setTimeout(resolve, 0));
        el.remove();
      }
    } finally {
      BookingConfirmElement.createDeps = saved;
    }
    // Preact runs effects after paint, so only the elements that lived past a frame started one.
    expect(seen.length).toBeGreaterThan(0);
    expect(pending.size).toBe(0);
  });

  it('<leadkit-booking> mounted and unmounted 1,000 times leaves no request running', async () => {
    const pending = new Set<AbortSignal>();
    let started = 0;
    const hanging = (_input: string, init: RequestInit = {}) =>
      new Promise<Response>((_, reject) => {
        const signal = init.signal as AbortSignal;
        started += 1;
        pending.add(signal);
        signal.addEventListener('abort', () => {
          pending.delete(signal);
          reject(signal.reason);
        });
      });
    const saved = { booking: BookingElement.createDeps, picker: SlotPickerElement.createDeps };
    BookingElement.createDeps = () => createTestDeps(hanging).deps;
    SlotPickerElement.createDeps = BookingElement.createDeps;
    try {
      for (let i = 0; i < 1000; i += 1) {
        const el = document.createElement('leadkit-booking');
        el.setAttribute('endpoint', 'https://leads.example.com');
        el.setAttribute('calendar', 'demo');
        el.setAttribute('locale', 'en-GB');
        document.body.append(el);
        await new Promise((resolve) => setTimeout(resolve, 0));
        el.remove();
      }
    } finally {
      BookingElement.createDeps = saved.booking;
      SlotPickerElement.createDeps = saved.picker;
    }
    expect(started).toBeGreaterThan(0);
    expect(pending.size).toBe(0);
    expect(document.body.children).toHaveLength(0);
  });

  it('<leadkit-booking booking="…"> opens the manage view with the token attribute', async () => {
    proxy.seed('b_7', SLOT);
    const el = document.createElement('leadkit-booking');
    el.setAttribute('endpoint', 'https://leads.example.com');
    el.setAttribute('booking', 'b_7');
    el.setAttribute('token', 'tok-b_7');
    el.setAttribute('locale', 'en-GB');
    document.body.append(el);
    await waitFor(() => expect(el.shadowRoot?.textContent).toContain('Cancel booking'));
  });
});
