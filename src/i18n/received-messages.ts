import { getLanguage } from './get-language';

/**
 * The `messages` a definition carries (`GET /v1/forms/:form`, `GET /v1/calendars/:cal`,
 * `GET /v1/bookings/:id`) when the visitor's language is not English: the catalogues of the
 * elements that answer needs, in the shape of the English ones. Only English is in the
 * bundle; every other language comes from the proxy with the definition, so a new language
 * costs no visitor a byte. Each part is still unchecked: `pickCatalogue` checks it.
 */
export interface ReceivedMessages {
  /** The locale the proxy resolved the widget's candidates to. */
  locale: string;
  form?: unknown;
  slotPicker?: unknown;
  booking?: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1000;
const PLURAL = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** A definition's `messages`, if it has the shape of one (a trust boundary); else undefined. */
export function parseReceivedMessages(value: unknown): ReceivedMessages | undefined {
  if (!isObj(value) || !isText(value.locale)) return undefined;
  const { locale, form, slotPicker, booking } = value;
  return { locale, form, slotPicker, booking };
}

const merged = new WeakMap<object, unknown>();

/**
 * The catalogue `part` of `received` when it is in `locale`'s language, else `english`. The
 * proxy's catalogue is checked key by key against English: a key that is missing or not a
 * string (or, for a counted message, not a set of plural forms with `other`) keeps its English
 * text, so a proxy older or newer than the widget still shows every sentence, each in the best
 * language there is. Merged once per received catalogue.
 */
export function pickCatalogue<T extends object>(
  english: T,
  locale: string,
  received: ReceivedMessages | undefined,
  part: 'form' | 'slotPicker' | 'booking',
): T {
  const source = received?.[part];
  if (!received || !isObj(source) || getLanguage(received.locale) !== getLanguage(locale)) return english;
  let catalogue = merged.get(source) as T | undefined;
  if (!catalogue) {
    const result: Obj = {};
    for (const [key, fallback] of Object.entries(english)) {
      const value = source[key];
      const ok =
        typeof fallback === 'string'
          ? isText(value)
          : isObj(value) &&
            isText(value.other) &&
            Object.entries(value).every(([form, text]) => PLURAL.includes(form) && isText(text));
      result[key] = ok ? value : fallback;
    }
    catalogue = result as T;
    merged.set(source, catalogue);
  }
  return catalogue;
}
