import metadata from 'libphonenumber-js/metadata.min.json';
import { describe, expect, it } from 'vitest';
import { getPhoneMetadataSubset, isPhoneMetadata, type PhoneMetadata } from './phone-metadata';

describe('getPhoneMetadataSubset', () => {
  it('keeps only the chosen countries and their calling codes', () => {
    const subset = getPhoneMetadataSubset(metadata as unknown as PhoneMetadata, [
      'de',
      'US',
      'XX',
    ]) as unknown as {
      countries: Record<string, unknown>;
      country_calling_codes: Record<string, string[]>;
    };
    expect(Object.keys(subset.countries).sort()).toEqual(['DE', 'US']);
    expect(subset.country_calling_codes).toEqual({ '1': ['US'], '49': ['DE'] });
    expect(isPhoneMetadata(subset)).toBe(true);
    expect(isPhoneMetadata({ countries: 1 })).toBe(false);
  });
});
