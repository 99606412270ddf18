import { type CountryCode, getCountries, getCountryCallingCode } from 'libphonenumber-js/core';
import type { PhoneMetadata } from './phone-metadata';

// A region subtag, upper-cased; whether it has phone metadata is asked later, where the
// metadata is at hand (the full table would cost 19 KB in the bundle just to answer this).
function toCountryCode(value: string | undefined): CountryCode | undefined {
  const upper = value?.toUpperCase();
  return upper && /^[A-Z]{2}$/.test(upper) ? (upper as CountryCode) : undefined;
}

function getLocaleCountry(locale: string | undefined): CountryCode | undefined {
  return toCountryCode(locale?.split(/[-_]/).find((part, i) => i > 0 && /^[A-Za-z]{2}$/.test(part)));
}

/** One entry of the phone field's country selector. */
export interface PhoneCountry {
  code: CountryCode;
  callingCode: string;
  /** The country's name in the visitor's language (from `Intl.DisplayNames`, no data shipped). */
  name: string;
}

// Time zone → country for the zones most visitors are in. Intl has no such table and the
// full IANA zone.tab would cost more bytes than the guess is worth; an unknown zone falls
// through to the locale's likely region.
const ZONE_COUNTRY: Record<string, string> = {
  'Europe/Berlin': 'DE',
  'Europe/Vienna': 'AT',
  'Europe/Zurich': 'CH',
  'Europe/Paris': 'FR',
  'Europe/Madrid': 'ES',
  'Europe/Rome': 'IT',
  'Europe/London': 'GB',
  'Europe/Dublin': 'IE',
  'Europe/Amsterdam': 'NL',
  'Europe/Brussels': 'BE',
  'Europe/Luxembourg': 'LU',
  'Europe/Lisbon': 'PT',
  'Europe/Warsaw': 'PL',
  'Europe/Prague': 'CZ',
  'Europe/Stockholm': 'SE',
  'Europe/Oslo': 'NO',
  'Europe/Copenhagen': 'DK',
  'Europe/Helsinki': 'FI',
  'Europe/Athens': 'GR',
  'Europe/Istanbul': 'TR',
  'Europe/Kyiv': 'UA',
  'Europe/Kiev': 'UA',
  'Europe/Bucharest': 'RO',
  'Europe/Budapest': 'HU',
  'America/New_York': 'US',
  'America/Chicago': 'US',
  'America/Denver': 'US',
  'America/Phoenix': 'US',
  'America/Los_Angeles': 'US',
  'America/Anchorage': 'US',
  'Pacific/Honolulu': 'US',
  'America/Toronto': 'CA',
  'America/Vancouver': 'CA',
  'America/Mexico_City': 'MX',
  'America/Bogota': 'CO',
  'America/Lima': 'PE',
  'America/Santiago': 'CL',
  'America/Argentina/Buenos_Aires': 'AR',
  'America/Sao_Paulo': 'BR',
  'Asia/Dubai': 'AE',
  'Asia/Riyadh': 'SA',
  'Asia/Qatar': 'QA',
  'Asia/Kuwait': 'KW',
  'Asia/Bahrain': 'BH',
  'Asia/Amman': 'JO',
  'Asia/Beirut': 'LB',
  'Africa/Cairo': 'EG',
  'Africa/Casablanca': 'MA',
  'Africa/Algiers': 'DZ',
  'Africa/Tunis': 'TN',
  'Asia/Baghdad': 'IQ',
  'Asia/Jerusalem': 'IL',
  'Asia/Kolkata': 'IN',
  'Asia/Calcutta': 'IN',
  'Asia/Karachi': 'PK',
  'Asia/Dhaka': 'BD',
  'Asia/Singapore': 'SG',
  'Asia/Tokyo': 'JP',
  'Asia/Seoul': 'KR',
  'Asia/Shanghai': 'CN',
  'Asia/Hong_Kong': 'HK',
  'Asia/Bangkok': 'TH',
  'Asia/Jakarta': 'ID',
  'Asia/Manila': 'PH',
  'Australia/Sydney': 'AU',
  'Australia/Melbourne': 'AU',
  'Australia/Perth': 'AU',
  'Pacific/Auckland': 'NZ',
  'Africa/Johannesburg': 'ZA',
  'Africa/Lagos': 'NG',
  'Africa/Nairobi': 'KE',
};

/**
 * The country the phone selector starts on: the form's configured `phoneCountry`, else the
 * region of the visitor's locale (`de-AT` → AT), else their time zone's country, else the
 * locale language's likely region (`fr` → FR). With `available` (the countries the
 * metadata carries), the first candidate in it wins, else its first entry.
 */
export function getDefaultPhoneCountry(input: {
  configured?: string | undefined;
  locale?: string | undefined;
  /** The browser's own language (`navigator.language`): its region beats a guess from the page's bare `lang`. */
  browserLocale?: string | undefined;
  timeZone?: string | undefined;
  available?: readonly string[] | undefined;
}): CountryCode | undefined {
  const candidates = [
    () => toCountryCode(input.configured),
    () => getLocaleCountry(input.locale),
    () => getLocaleCountry(input.browserLocale),
    () => (input.timeZone ? toCountryCode(ZONE_COUNTRY[input.timeZone]) : undefined),
    () => {
      try {
        return input.locale ? toCountryCode(new Intl.Locale(input.locale).maximize().region) : undefined;
      } catch {
        return undefined;
      }
    },
  ];
  for (const candidate of candidates) {
    const code = candidate();
    if (code && (!input.available || input.available.includes(code))) return code;
  }
  return toCountryCode(input.available?.[0]);
}

/** The country's name in a language, falling back to its code where Intl lacks names. */
export function getCountryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every country the phone metadata knows, named in `locale` and sorted by that name. */
export function getPhoneCountries(locale: string, metadata: PhoneMetadata): PhoneCountry[] {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
  } catch {
    names = undefined;
  }
  const collator = new Intl.Collator(locale);
  return getCountries(metadata)
    .map((code) => ({
      code,
      callingCode: getCountryCallingCode(code, metadata),
      name: names?.of(code) ?? code,
    }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
