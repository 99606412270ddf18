import { AsYouType, type CountryCode, isSupportedCountry } from 'libphonenumber-js/core';
import type { PhoneMetadata } from './phone-metadata';

/** What the phone input shows after a keystroke, and where its caret goes. */
export interface PhoneInputState {
  text: string;
  caret: number;
  /** The country the typed number belongs to, once its calling code makes it clear. */
  country: CountryCode | undefined;
}

/** One keystroke's worth of input: the input's value and caret after the browser applied it. */
export interface PhoneKeystroke {
  value: string;
  caret: number;
  /** The value before the keystroke, to tell a deleted separator from a deleted digit. */
  previous?: string;
  /** `InputEvent.inputType`; `deleteContentForward` is the Delete key. */
  inputType?: string;
}

const isSignificant = (char: string): boolean => (char >= '0' && char <= '9') || char === '+';

function countSignificant(text: string, end: number): number {
  let count = 0;
  for (let i = 0; i < end && i < text.length; i++) if (isSignificant(text[i] as string)) count++;
  return count;
}

// Deleting a space or bracket the formatter put there would only bring it back, so the
// caret would appear stuck; delete the neighbouring digit instead, as the visitor meant.
function undoSeparatorDeletion(key: PhoneKeystroke): { value: string; caret: number } {
  const { value, caret, previous, inputType } = key;
  if (previous === undefined || value.length !== previous.length - 1) return { value, caret };
  if (previous.slice(0, caret) + previous.slice(caret + 1) !== value) return { value, caret };
  const removed = previous[caret] as string;
  if (isSignificant(removed)) return { value, caret };
  if (inputType === 'deleteContentForward') {
    for (let i = caret; i < value.length; i++) {
      if (isSignificant(value[i] as string)) return { value: value.slice(0, i) + value.slice(i + 1), caret };
    }
    return { value, caret };
  }
  for (let i = caret - 1; i >= 0; i--) {
    if (isSignificant(value[i] as string)) return { value: value.slice(0, i) + value.slice(i + 1), caret: i };
  }
  return { value, caret };
}

/**
 * Formats a phone number as it is typed (`0301234567` → `030 1234567`) and keeps the caret
 * after the same digit it followed, so typing, deleting and pasting in the middle never
 * makes it jump. Pure: the input element applies `text` and `caret`. Without metadata (or
 * for a country it lacks) the digits are kept as typed, unformatted.
 *
 * @example
 * formatPhoneAsYouType({ value: '2015550', caret: 7 }, 'US', metadata) // { text: '(201) 555-0', caret: 11, … }
 */
export function formatPhoneAsYouType(
  key: PhoneKeystroke,
  country: CountryCode | undefined,
  metadata: PhoneMetadata | undefined,
): PhoneInputState {
  const { value, caret } = undoSeparatorDeletion(key);
  const significantBeforeCaret = countSignificant(value, caret);
  const plus = value.trimStart().startsWith('+') ? '+' : '';
  const digits = value.replace(/\D/g, '');
  const raw = plus + digits;
  if (!raw) return { text: '', caret: 0, country: undefined };
  if (!metadata) return { text: key.value, caret: key.caret, country: undefined };
  const formatter = new AsYouType(
    country && isSupportedCountry(country, metadata) ? country : undefined,
    metadata,
  );
  const text = formatter.input(raw) || raw;
  let newCaret = significantBeforeCaret === 0 ? 0 : text.length;
  if (significantBeforeCaret > 0) {
    let seen = 0;
    for (let i = 0; i < text.length; i++) {
      if (isSignificant(text[i] as string) && ++seen === significantBeforeCaret) {
        newCaret = i + 1;
        break;
      }
    }
  }
  return { text, caret: newCaret, country: formatter.getCountry() ?? undefined };
}
