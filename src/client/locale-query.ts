import { getLanguage } from '../i18n/get-language';
import { findLocale } from '../i18n/get-messages';

/**
 * The query parameter a definition is fetched with, so that the proxy sends the catalogue with it
 * (`messages`): `?locale=` with the candidates that come before the form's configured locale
 * (the `locale` attribute, the page's `lang`), else `?fallback=` with the browser's language,
 * which comes after it. Empty for English: the bundle has it, and a page in English keeps the
 * plain URL its `<link rel="preload">` names.
 *
 * @example
 * toLocaleQuery(findLocale([attribute, pageLang]), navigator.language) // 'locale=de-DE'
 */
export function toLocaleQuery(locale: string | undefined, fallback: string | undefined): string {
  const [key, tag] = locale ? ['locale', locale] : ['fallback', findLocale([fallback])];
  return tag && getLanguage(tag) !== 'en' ? `${key}=${encodeURIComponent(tag)}` : '';
}
