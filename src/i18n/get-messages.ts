import type { Messages } from './messages';
import { messagesAr } from './messages-ar';
import { messagesDe } from './messages-de';
import { messagesEn } from './messages-en';
import { messagesEs } from './messages-es';
import { messagesFr } from './messages-fr';

const CATALOGUES: Record<string, Messages> = {
  en: messagesEn,
  de: messagesDe,
  es: messagesEs,
  fr: messagesFr,
  ar: messagesAr,
};

// Scripts written right-to-left; only `ar` has a catalogue today, the rest keep `dir`
// right when a page sets one of them and falls back to English text.
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb']);

/** The languages with a catalogue. */
export const SUPPORTED_LANGUAGES = Object.keys(CATALOGUES);

/** The language subtag of a BCP 47 tag, lower-cased (`de-AT` → `de`). */
export function getLanguage(locale: string): string {
  return (locale.split(/[-_]/)[0] ?? '').toLowerCase();
}

/** The catalogue for a locale: its language's, else English. */
export function getMessages(locale: string): Messages {
  return CATALOGUES[getLanguage(locale)] ?? messagesEn;
}

/** `rtl` for right-to-left languages (Arabic, Hebrew, Persian, …), else `ltr`. */
export function getTextDirection(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(getLanguage(locale)) ? 'rtl' : 'ltr';
}

/**
 * Picks the locale the widget speaks: the first candidate that is a well-formed tag —
 * callers pass the `locale` attribute, the page's `lang`, the form's configured locale
 * and the browser's language, in that order.
 *
 * @example
 * resolveLocale([attr, host.closest('[lang]')?.lang, form.locale, navigator.language]) // 'de-DE'
 */
export function resolveLocale(candidates: ReadonlyArray<string | null | undefined>): string {
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(candidate.trim());
      if (canonical) return canonical;
    } catch {
      // An invalid tag in an attribute is a page mistake, not ours to throw over.
    }
  }
  return 'en';
}

/** Fills `{name}` placeholders. */
export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}
