import { describe, expect, it } from 'vitest';
import { formDefinitionSchema } from '../model/form';
import { parseFormDefinition } from './parse-form-definition';

const good = {
  id: 'demo',
  fields: [
    { name: 'name', type: 'text', label: 'Name', required: true, autocomplete: 'name' },
    {
      name: 'interest',
      type: 'select',
      label: { en: 'Interest', de: 'Interesse' },
      options: [{ value: 'a', label: 'A' }],
    },
    { name: 'message', type: 'textarea', label: 'Message', maxLength: 2000, placeholder: { en: 'Hi' } },
  ],
  consent: { text: { en: 'I agree' }, version: '1', required: true },
  successMessage: { en: 'Thanks' },
  redirect: '/thanks',
  locale: 'de',
  minFillSeconds: 2,
  phoneCountry: 'DE',
  extra: 'dropped',
};

// Every case is judged by the proxy's zod schema too, so the hand-written check cannot drift.
const cases: Array<[string, unknown]> = [
  ['a complete definition', good],
  ['a minimal definition', { id: 'x', fields: [] }],
  ['no id', { fields: [] }],
  ['fields not an array', { id: 'x', fields: {} }],
  ['a bad field name', { id: 'x', fields: [{ name: '1a', type: 'text', label: 'A' }] }],
  ['an unknown field type', { id: 'x', fields: [{ name: 'a', type: 'color', label: 'A' }] }],
  ['an unknown field key', { id: 'x', fields: [{ name: 'a', type: 'text', label: 'A', onclick: 'x' }] }],
  ['an empty label', { id: 'x', fields: [{ name: 'a', type: 'text', label: '' }] }],
  [
    'a bad option',
    { id: 'x', fields: [{ name: 'a', type: 'select', label: 'A', options: [{ value: '', label: 'A' }] }] },
  ],
  ['a fractional maxLength', { id: 'x', fields: [{ name: 'a', type: 'text', label: 'A', maxLength: 1.5 }] }],
  ['consent without version', { id: 'x', fields: [], consent: { text: 'I agree' } }],
  ['a numeric locale', { id: 'x', fields: [], locale: 5 }],
  ['HTML from a captive portal', '<html>'],
];

describe('parseFormDefinition', () => {
  it.each(cases)('agrees with formDefinitionSchema on %s', (_, value) => {
    const ours = parseFormDefinition(value);
    const theirs = formDefinitionSchema.safeParse(value);
    expect(ours.success).toBe(theirs.success);
    if (ours.success && theirs.success) expect(ours.data).toEqual(theirs.data);
  });
});
