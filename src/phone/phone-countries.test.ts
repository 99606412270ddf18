import metadata from 'libphonenumber-js/metadata.min.json';
import { describe, expect, it } from 'vitest';
import { getDefaultPhoneCountry, getPhoneCountries } from './phone-countries';
import type { PhoneMetadata } from './phone-metadata';

describe('getDefaultPhoneCountry', () => {
  it('prefers the configured country, then the locale region, then the time zone, then the language', () => {
    expect(getDefaultPhoneCountry({ configured: 'fr', locale: 'de-DE', timeZone: 'Europe/Madrid' })).toBe(
      'FR',
    );
    expect(getDefaultPhoneCountry({ locale: 'de-AT', timeZone: 'Europe/Madrid' })).toBe('AT');
    expect(getDefaultPhoneCountry({ locale: 'en', timeZone: 'Europe/Madrid' })).toBe('ES');
    // A page with a bare lang="en" in a German browser: the browser's region wins over the zone.
    expect(getDefaultPhoneCountry({ locale: 'en', browserLocale: 'de-DE', timeZone: 'Etc/UTC' })).toBe('DE');
    expect(getDefaultPhoneCountry({ locale: 'fr', timeZone: 'Mars/Olympus' })).toBe('FR');
    expect(getDefaultPhoneCountry({})).toBeUndefined();
  });

  it('only picks a country the metadata carries', () => {
    expect(getDefaultPhoneCountry({ configured: 'DE', locale: 'fr-FR', available: ['AT', 'DE'] })).toBe('DE');
    expect(
      getDefaultPhoneCountry({ locale: 'fr-FR', timeZone: 'Europe/Vienna', available: ['AT', 'DE'] }),
    ).toBe('AT');
    expect(getDefaultPhoneCountry({ locale: 'fr-FR', available: ['CH', 'DE'] })).toBe('CH');
  });
});

describe('getPhoneCountries', () => {
  it('names countries in the visitor language with their calling code', () => {
    const de = getPhoneCountries('de', metadata as unknown as PhoneMetadata).find((c) => c.code === 'DE');
    expect(de).toEqual({ code: 'DE', callingCode: '49', name: 'Deutschland' });
  });
});
