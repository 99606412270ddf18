import { describe, expect, it } from 'vitest';
import { toQvooFormFields } from './qvoo-form-fields';

const field = (fieldKey: string, extra: Record<string, unknown> = {}) => ({
  fieldKey,
  displayName: `Label ${fieldKey}`,
  type: 'text',
  required: false,
  isCustom: true,
  options: [],
  ...extra,
});

describe('toQvooFormFields', () => {
  it.each([
    ['text', 'text'],
    ['email', 'email'],
    ['phone', 'tel'],
    ['textarea', 'textarea'],
    ['boolean', 'checkbox'],
    ['number', 'text'],
    ['date', 'text'],
    ['something-new', 'text'],
  ])('maps Qvoo type %s to %s', (qvooType, type) => {
    expect(toQvooFormFields([field('f1', { type: qvooType })]).fields[0]?.type).toBe(type);
  });

  it('turns a choice with options into a select, and one without options into text', () => {
    const { fields } = toQvooFormFields([
      field('plan', { type: 'dropdown', options: [{ key: 'a', displayName: 'Plan A' }, 'b', 3] }),
      field('empty', { type: 'select', options: [] }),
    ]);
    expect(fields[0]).toMatchObject({
      type: 'select',
      options: [
        { value: 'a', label: 'Plan A' },
        { value: 'b', label: 'b' },
        { value: '3', label: '3' },
      ],
    });
    expect(fields[1]?.type).toBe('text');
  });

  it('names standard keys after the presets and custom keys after fieldMap or themselves', () => {
    const { fields } = toQvooFormFields(
      [field('emailId'), field('name'), field('customField_9'), field('customField_10')],
      {
        other: 'customField_10',
      },
    );
    expect(fields.map((f) => [f.name, f.type, f.autocomplete])).toEqual([
      ['email', 'email', 'email'],
      ['name', 'text', 'name'],
      ['customField_9', 'text', undefined],
      ['other', 'text', undefined],
    ]);
  });

  it('uses the fieldKey when there is no display name, and marks required fields', () => {
    expect(toQvooFormFields([field('f2', { displayName: '', required: true })]).fields[0]).toEqual({
      name: 'f2',
      type: 'text',
      label: 'f2',
      required: true,
    });
  });

  it('skips entries that cannot be form fields and says which', () => {
    const { fields, skipped } = toQvooFormFields([
      field('has-dash'),
      { displayName: 'no key' },
      field('ok'),
      field('ok'),
    ]);
    expect(fields.map((f) => f.name)).toEqual(['ok']);
    expect(skipped).toEqual(['has-dash', '(unreadable entry)', 'ok']);
  });
});
