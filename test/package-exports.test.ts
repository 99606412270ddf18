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
      'LeadFormElement',
      'LeadKit',
      'define',
      'defineLeadForm',
      'mount',
    ]);
  });

  it('has no side effects on import', () => {
    expect(customElements.get('leadkit-form')).toBeUndefined();
  });

  it('LeadKit carries version, signal and identify', () => {
    expect(typeof leadkit.LeadKit.version).toBe('string');
    expect(typeof leadkit.LeadKit.signal).toBe('function');
    expect(typeof leadkit.LeadKit.identify).toBe('function');
  });
});
