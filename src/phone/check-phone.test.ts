import metadata from 'libphonenumber-js/metadata.min.json';
import { describe, expect, it } from 'vitest';
import { checkPhone } from './check-phone';
import { normalizePhone } from './normalize-phone';
import { getPhoneMetadataSubset, type PhoneMetadata } from './phone-metadata';

const full = metadata as unknown as PhoneMetadata;
const de = getPhoneMetadataSubset(full, ['DE', 'AT']);

describe('checkPhone', () => {
  it('agrees with the server-side normalizePhone on the countries it carries', () => {
    for (const input of [
      '030 1234567',
      '+49 151 12345678',
      '0301',
      '+43 1 5877777',
      '030 12345678901234',
      'hello',
    ]) {
      const server = normalizePhone(input, 'DE');
      expect(checkPhone(input, 'DE', de), input).toEqual(server);
    }
  });

  it('leaves numbers of countries outside the subset, or without metadata, to the proxy', () => {
    expect(checkPhone('+1 201 555 0123', 'DE', de)).toEqual({ ok: 'unchecked' });
    expect(checkPhone('020 7946 0958', 'GB', de)).toEqual({ ok: 'unchecked' });
    expect(checkPhone('030 1234567', 'DE', undefined)).toEqual({ ok: 'unchecked' });
  });

  it('asks for a country code when there is no country to go by', () => {
    expect(checkPhone('030 1234567', undefined, de)).toEqual({ ok: false, problem: 'invalid_country' });
  });
});
