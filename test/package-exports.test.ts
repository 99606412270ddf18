// @vitest-environment jsdom
/**
 * Pins the public surface of the ES module entry (src/index.ts → dist/leadkit.mjs): a new
 * export is a decision, so it has to change this list too. Importing it registers nothing.
 */
import { describe, expect, it } from 'vitest';
import * as leadkit from '../src/index';

describe('leadkit ES module entry', () => {
  it('exports exactly the public names', () => {
    expect(Object.keys(leadkit).sort()).toEqual([
      'BookingConfirmElement',
      'BookingElement',
      'LeadFormElement',
      'LeadKit',
      'SignalElement',
      'SlotPickerElement',
      'define',
      'defineBooking',
      'defineBookingConfirm',
      'defineLeadForm',
      'defineSignal',
      'defineSlotPicker',
      'mount',
    ]);
  });

  it('has no side effects on import', () => {
    expect(customElements.get('leadkit-form')).toBeUndefined();
    expect(customElements.get('leadkit-signal')).toBeUndefined();
  });

  it('LeadKit carries exactly version, signal, identify, configure, getLeadRef, pendingSignals and forget', () => {
    expect(typeof leadkit.LeadKit.version).toBe('string');
    expect(Object.keys(leadkit.LeadKit).sort()).toEqual([
      'configure',
      'forget',
      'getLeadRef',
      'identify',
      'pendingSignals',
      'signal',
      'version',
    ]);
    for (const name of ['signal', 'identify', 'configure', 'getLeadRef', 'pendingSignals', 'forget'] as const)
      expect(typeof leadkit.LeadKit[name]).toBe('function');
  });
});
