import {
  type CountryCode,
  isSupportedCountry,
  parsePhoneNumber,
  validatePhoneNumberLength,
} from 'libphonenumber-js/min';

/** Why a phone number was refused; the widget turns each into a sentence in the visitor's language. */
export type PhoneProblem = 'not_a_number' | 'invalid_country' | 'too_short' | 'too_long' | 'invalid';

export type PhoneResult =
  | { ok: true; e164: string; country: CountryCode | undefined; national: string }
  | { ok: false; problem: PhoneProblem };

const PROBLEM_MESSAGES: Record<PhoneProblem, string> = {
  not_a_number: 'is not a phone number',
  invalid_country: 'needs a country code, such as +49',
  too_short: 'is too short for that country',
  too_long: 'is too long for that country',
  invalid: 'is not a valid number for that country',
};

/** An English sentence fragment for a phone problem ("is too short for that country"). */
export function getPhoneProblemMessage(problem: PhoneProblem): string {
  return PROBLEM_MESSAGES[problem];
}

/** Turns a country-ish value (`DE`, `de`) into a supported country code, or undefined. */
export function toCountryCode(value: string | undefined): CountryCode | undefined {
  if (!value) return undefined;
  const upper = value.toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

/** The region of a BCP 47 locale (`de-DE` → `DE`), if it names a supported one. */
export function getLocaleCountry(locale: string | undefined): CountryCode | undefined {
  if (!locale) return undefined;
  const region = locale.split(/[-_]/).find((part, i) => i > 0 && /^[A-Za-z]{2}$/.test(part));
  return toCountryCode(region);
}

/**
 * Parses a phone number typed nationally or internationally and returns it in E.164.
 * The browser and the proxy both call this with the same metadata, so a number that
 * passes in one passes in the other.
 *
 * @example
 * normalizePhone('030 1234567', 'DE') // { ok: true, e164: '+49301234567', … }
 */
export function normalizePhone(input: string, defaultCountry?: CountryCode): PhoneResult {
  const text = input.trim();
  if (
    !/\d/.test(text) ||
    /[^\d\s()+\-./]/.test(text.replace(/^tel:/i, '').replace(/\s*(ext\.?|x)\s*\d+$/i, ''))
  ) {
    return { ok: false, problem: 'not_a_number' };
  }
  const lengthProblem = validatePhoneNumberLength(text, defaultCountry);
  if (lengthProblem) {
    const map: Record<string, PhoneProblem> = {
      INVALID_COUNTRY: 'invalid_country',
      TOO_SHORT: 'too_short',
      TOO_LONG: 'too_long',
      NOT_A_NUMBER: 'not_a_number',
      INVALID_LENGTH: 'invalid',
    };
    return { ok: false, problem: map[lengthProblem] ?? 'invalid' };
  }
  try {
    const parsed = parsePhoneNumber(text, defaultCountry);
    if (!parsed.isValid()) return { ok: false, problem: 'invalid' };
    return { ok: true, e164: parsed.number, country: parsed.country, national: parsed.nationalNumber };
  } catch {
    return { ok: false, problem: 'not_a_number' };
  }
}
