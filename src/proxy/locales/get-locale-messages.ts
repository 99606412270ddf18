import { getLanguage, resolveLocale } from '../../i18n/get-messages';
import { catalogueAr } from './catalogue-ar';
import { catalogueDe } from './catalogue-de';
import { catalogueEs } from './catalogue-es';
import { catalogueFr } from './catalogue-fr';
import type { LocaleCatalogue } from './locale-catalogue';

/** The catalogues besides English (which is in the bundle), by language. */
export const LOCALE_CATALOGUES: Readonly<Record<string, LocaleCatalogue>> = {
  de: catalogueDe,
  es: catalogueEs,
  fr: catalogueFr,
  ar: catalogueAr,
};

/** Every language the widgets speak: English and those with a catalogue here. */
export const SUPPORTED_LANGUAGES: readonly string[] = ['en', ...Object.keys(LOCALE_CATALOGUES)];

/** The parts of a catalogue an answer carries, by the element that reads it. */
export type CataloguePart = keyof LocaleCatalogue;

/** A definition's `messages`: the resolved locale and the parts asked for. */
export type LocaleMessages = { locale: string } & Partial<LocaleCatalogue>;

/** What the widget sends: `locale` (its attribute or the page's `lang`) and `fallback` (the browser's). */
export interface LocaleCandidates {
  locale?: string | undefined;
  fallback?: string | undefined;
}

// A tag longer than this is not a locale anyone sends; it is not worth canonicalising.
const MAX_TAG = 64;
const bounded = (tag: string | undefined) => (tag && tag.length <= MAX_TAG ? tag : undefined);

/**
 * The `messages` for a definition: the widget's candidates resolved in the browser's own
 * order — `locale`, then the form's configured locale, then `fallback` — exactly as
 * `resolveLocale` does in the widget, and the parts of that language's catalogue. Undefined
 * for English and for a language without a catalogue: the widget's English is the answer.
 */
export function getLocaleMessages(
  candidates: LocaleCandidates,
  formLocale: string | undefined,
  parts: readonly CataloguePart[],
): LocaleMessages | undefined {
  const locale = resolveLocale([bounded(candidates.locale), formLocale, bounded(candidates.fallback)]);
  const language = getLanguage(locale);
  const catalogue = Object.hasOwn(LOCALE_CATALOGUES, language) ? LOCALE_CATALOGUES[language] : undefined;
  if (!catalogue) return undefined;
  const messages: LocaleMessages = { locale };
  for (const part of parts) Object.assign(messages, { [part]: catalogue[part] });
  return messages;
}
