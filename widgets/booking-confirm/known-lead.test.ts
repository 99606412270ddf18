import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../src/model/form';
import { getFieldsToAsk, isConsentKnown, type KnownLead } from './known-lead';

const form: FormDefinition = {
  id: 'demo',
  fields: [
    { name: 'name', type: 'text', label: 'Name', required: true },
    { name: 'email', type: 'email', label: 'Email', required: true },
    { name: 'phone', type: 'tel', label: 'Phone' },
    { name: 'source', type: 'hidden', label: 'Source' },
  ],
  consent: { text: { en: 'I agree.', de: 'Einverstanden.' }, version: '2', required: true },
};

const lead: KnownLead = {
  leadRef: 'ref',
  fields: { name: 'Jane', email: 'jane@example.com' },
  consent: { granted: true, text: 'I agree.', version: '2' },
};

describe('getFieldsToAsk', () => {
  it('asks the visible fields a check refuses, never a hidden one', () => {
    const filled = (value: unknown) => typeof value === 'string' && value !== '';
    const isValid = (field: { required?: boolean }, value: unknown) => !field.required || filled(value);
    expect(getFieldsToAsk(form, { name: 'Jane', email: 'jane@example.com', phone: '' }, isValid)).toEqual([]);
    expect(getFieldsToAsk(form, { name: '', email: 'jane@example.com' }, isValid)).toEqual(['name']);
    expect(getFieldsToAsk(form, {}, () => false)).toEqual(['name', 'email', 'phone']);
  });
});

describe('isConsentKnown', () => {
  it('is the same consent only in the same words, for the locale, and the same version', () => {
    expect(isConsentKnown(form.consent, lead, 'en')).toBe(true);
    expect(isConsentKnown(form.consent, lead, 'de')).toBe(false);
    expect(
      isConsentKnown(
        { ...(form.consent as NonNullable<FormDefinition['consent']>), version: '3' },
        lead,
        'en',
      ),
    ).toBe(false);
    expect(
      isConsentKnown(
        form.consent,
        { ...lead, consent: { ...lead.consent, granted: false } as KnownLead['consent'] },
        'en',
      ),
    ).toBe(false);
    expect(isConsentKnown(form.consent, { ...lead, consent: undefined }, 'en')).toBe(false);
    expect(isConsentKnown(undefined, lead, 'en')).toBe(false);
  });
});
