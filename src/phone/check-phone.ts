import {
  type CountryCode,
  isSupportedCountry,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
} from 'libphonenumber-js/core';
import type { PhoneProblem, PhoneResult } from './normalize-phone';
import type { PhoneMetadata } from './phone-metadata';

/**
 * `normalizePhone`'s twin for the browser: the same rules, but with the metadata passed in
 * (a few countries, not the 19 KB of all of them). A number the metadata cannot judge —
 * a country it does not carry — is `unchecked` and left to the proxy, which has it all.
 */
export function checkPhone(
  input: string,
  defaultCountry: CountryCode | undefined,
  metadata: PhoneMetadata | undefined,
): PhoneResult | { ok: 'unchecked' } {
  const text = input.trim();
  if (
    !/\d/.test(text) ||
    /[^\d\s()+\-./]/.test(text.replace(/^tel:/i, '').replace(/\s*(ext\.?|x)\s*\d+$/i, ''))
  ) {
    return { ok: false, problem: 'not_a_number' };
  }
  if (!metadata) return { ok: 'unchecked' };
  const country = defaultCountry && isSupportedCountry(defaultCountry, metadata) ? defaultCountry : undefined;
  if (!text.startsWith('+') && !country)
    return defaultCountry ? { ok: 'unchecked' } : { ok: false, problem: 'invalid_country' };
  const lengthProblem = validatePhoneNumberLength(text, country ?? {}, metadata);
  if (lengthProblem === 'INVALID_COUNTRY')
    return text.startsWith('+') ? { ok: 'unchecked' } : { ok: false, problem: 'invalid_country' };
  if (lengthProblem) {
    const map: Record<string, PhoneProblem> = {
      TOO_SHORT: 'too_short',
      TOO_LONG: 'too_long',
      NOT_A_NUMBER: 'not_a_number',
    };
    return { ok: false, problem: map[lengthProblem] ?? 'invalid' };
  }
  try {
    const parsed = parsePhoneNumberWithError(text, country ?? {}, metadata);
    if (!parsed.isValid()) return { ok: false, problem: 'invalid' };
    return { ok: true, e164: parsed.number, country: parsed.country, national: parsed.nationalNumber };
  } catch {
    return { ok: false, problem: 'not_a_number' };
  }
}
