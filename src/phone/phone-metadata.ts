import type { MetadataJson } from 'libphonenumber-js/core';

/**
 * libphonenumber metadata in its "min" JSON shape, possibly cut down to a few countries.
 *
 * Why not simply inline `libphonenumber-js/min` in the widget: measured with the IIFE
 * build (minified, gzip -9), the full min metadata is 83 KB / 19.0 KB gzip and the min
 * entry point with AsYouType and parsing 35.1 KB gzip — most of the 40 KB budget on its
 * own. One country is 0.2–1.1 KB gzip (FR 163 B, US 544 B, DE 701 B, GB 1.1 KB), the 38
 * most common markets 7.6 KB. So the widget ships only the library's code
 * (`libphonenumber-js/core`) and gets the countries the form needs with its definition.
 */
export type PhoneMetadata = MetadataJson;

/**
 * The countries a form's definition carries when its config names none (no `phoneCountry`):
 * the markets of the five catalogue languages plus the largest English-speaking ones —
 * 21 countries, 17 KB / 4.9 KB gzip in the (cacheable) definition. A form with
 * `phoneCountry: "DE"` and its neighbours costs under 1 KB.
 */
export const DEFAULT_PHONE_COUNTRIES: readonly string[] = [
  'US',
  'CA',
  'GB',
  'IE',
  'DE',
  'AT',
  'CH',
  'FR',
  'BE',
  'NL',
  'ES',
  'IT',
  'PT',
  'AE',
  'SA',
  'EG',
  'MA',
  'IN',
  'AU',
  'MX',
  'BR',
];

/** Whether a value (e.g. the `phoneMetadata` of a form definition) has the metadata's shape. */
export function isPhoneMetadata(value: unknown): value is PhoneMetadata {
  const m = value as Partial<Record<'version' | 'countries' | 'country_calling_codes', unknown>> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.countries === 'object' &&
    m.countries !== null &&
    typeof m.country_calling_codes === 'object' &&
    m.country_calling_codes !== null &&
    (typeof m.version === 'number' || typeof m.version === 'string')
  );
}

/**
 * Cuts metadata down to some countries (the proxy calls this with the full min metadata
 * and a form's phone countries, and publishes the result in `GET /v1/forms/:form`).
 * Unknown codes are ignored; countries sharing a calling code keep only the chosen ones.
 *
 * @example
 * getPhoneMetadataSubset(metadataMin, ['DE', 'AT', 'CH'])
 */
export function getPhoneMetadataSubset(full: PhoneMetadata, countries: readonly string[]): PhoneMetadata {
  const source = full as unknown as {
    version: unknown;
    country_calling_codes: Record<string, string[]>;
    countries: Record<string, unknown>;
  };
  const wanted = new Set(countries.map((c) => c.toUpperCase()).filter((c) => c in source.countries));
  const callingCodes: Record<string, string[]> = {};
  for (const [code, list] of Object.entries(source.country_calling_codes)) {
    const kept = list.filter((c) => wanted.has(c));
    if (kept.length) callingCodes[code] = kept;
  }
  const picked = Object.fromEntries([...wanted].map((c) => [c, source.countries[c]]));
  return {
    version: source.version,
    country_calling_codes: callingCodes,
    countries: picked,
  } as unknown as PhoneMetadata;
}
