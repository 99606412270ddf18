import { getLanguage } from './get-language';
import type { Messages } from './messages';
import { messagesEn } from './messages-en';
import { pickCatalogue, type ReceivedMessages } from './received-messages';

// Scripts written right-to-left: `dir` is right for a page in any of them, whether or not the
// proxy has a catalogue for it (without one the text is English).
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb']);

export { getLanguage };

/**
 * The form's catalogue for a locale: the one the proxy sent with the definition when it is
 * in the locale's language, else English (the only language in the bundle).
 */
export function getMessages(locale: string, received?: ReceivedMessages): Messages {
  return pickCatalogue(messagesEn, locale, received, 'form');
}

/** `rtl` for right-to-left languages (Arabic, Hebrew, Persian, …), else `ltr`. */
export function getTextDirection(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(getLanguage(locale)) ? 'rtl' : 'ltr';
}

/** The first candidate that is a well-formed BCP 47 tag, canonicalised; undefined if none is. */
export function findLocale(candidates: ReadonlyArray<string | null | undefined>): string | undefined {
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(candidate.trim());
      if (canonical) return canonical;
    } catch {
      // An invalid tag in an attribute is a page mistake, not ours to throw over.
    }
  }
  return undefined;
}

/**
 * Picks the locale the widget speaks: the first candidate that is a well-formed tag —
 * callers pass the `locale` attribute, the page's `lang`, the form's configured locale
 * and the browser's language, in that order. The proxy resolves the same candidates the
 * same way to choose the catalogue it sends (src/proxy/locales/get-locale-messages.ts).
 *
 * @example
 * resolveLocale([attr, host.closest('[lang]')?.lang, form.locale, navigator.language]) // 'de-DE'
 */
export function resolveLocale(candidates: ReadonlyArray<string | null | undefined>): string {
  return findLocale(candidates) ?? 'en';
}

/** Fills `{name}` placeholders. */
export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/**
 * A counted message's forms, by CLDR plural category: `other` always, and whichever of `zero`,
 * `one`, `two`, `few`, `many` the language tells apart (Arabic all six, English `one` only).
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The form of `forms` that `count` takes in `locale` (`Intl.PluralRules`), else `other`. */
export function selectPlural(forms: PluralForms, count: number, locale: string): string {
  return forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
}
