import metadata from 'libphonenumber-js/metadata.min.json';
import { describe, expect, it } from 'vitest';
import { formatPhoneAsYouType } from './format-phone-as-you-type';
import { getPhoneMetadataSubset, type PhoneMetadata } from './phone-metadata';

const full = metadata as unknown as PhoneMetadata;
const format = (key: Parameters<typeof formatPhoneAsYouType>[0], country: 'US' | 'DE') =>
  formatPhoneAsYouType(key, country, full);

describe('formatPhoneAsYouType', () => {
  it('formats a US number and keeps the caret at the end while typing', () => {
    const r = format({ value: '2015550', caret: 7 }, 'US');
    expect(r.text).toBe('(201) 555-0');
    expect(r.caret).toBe(r.text.length);
  });

  it('keeps the caret after the same digit when a digit is inserted in the middle', () => {
    // "(201) 555-0123", visitor puts the caret after "20" and types 9
    const r = format({ value: '(209 1) 555-0123', caret: 4 }, 'US');
    expect(r.text.replace(/\D/g, '')).toBe('20915550123');
    expect(r.text.slice(0, r.caret).replace(/\D/g, '')).toBe('209');
  });

  it('deletes the digit before a separator that backspace removed', () => {
    const previous = '030 1234567';
    const r = format({ previous, value: '0301234567', caret: 3, inputType: 'deleteContentBackward' }, 'DE');
    expect(r.text.replace(/\D/g, '')).toBe('031234567');
    expect(r.text.slice(0, r.caret).replace(/\D/g, '')).toBe('03');
  });

  it('detects the country from an international prefix', () => {
    const r = format({ value: '+4915112345678', caret: 14 }, 'US');
    expect(r.country).toBe('DE');
    expect(r.text.startsWith('+49 ')).toBe(true);
  });

  it('drops letters and returns an empty state for empty input', () => {
    expect(format({ value: 'abc', caret: 3 }, 'DE')).toEqual({ text: '', caret: 0, country: undefined });
  });

  it('works from a one-country subset, and leaves input alone without metadata', () => {
    const de = getPhoneMetadataSubset(full, ['DE']);
    expect(formatPhoneAsYouType({ value: '0301234567', caret: 10 }, 'DE', de).text).toBe('030 1234567');
    expect(formatPhoneAsYouType({ value: '0301234567', caret: 4 }, 'DE', undefined)).toEqual({
      text: '0301234567',
      caret: 4,
      country: undefined,
    });
  });
});
