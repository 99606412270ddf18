import { describe, expect, it } from 'vitest';
import { bookingMessagesEn } from '../../i18n/booking-messages';
import { formatMessage, type PluralForms, selectPlural } from '../../i18n/get-messages';
import { messagesEn } from '../../i18n/messages-en';
import { slotPickerMessagesEn } from '../../i18n/slot-picker-messages';
import { getLocaleMessages, LOCALE_CATALOGUES, SUPPORTED_LANGUAGES } from './get-locale-messages';
import type { LocaleCatalogue } from './locale-catalogue';

const ENGLISH: LocaleCatalogue = {
  form: messagesEn,
  slotPicker: slotPickerMessagesEn,
  booking: bookingMessagesEn,
};
const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
/** A counted message's forms, or the one string. */
const forms = (value: string | PluralForms): string[] =>
  typeof value === 'string' ? [value] : Object.values(value).filter((text) => text !== undefined);
const catalogueOf = (language: string): LocaleCatalogue =>
  language === 'en' ? ENGLISH : (LOCALE_CATALOGUES[language] as LocaleCatalogue);

describe('locale catalogues', () => {
  it('are en (in the bundle), de, es, fr and ar (from the proxy)', () => {
    expect(SUPPORTED_LANGUAGES).toEqual(['en', 'de', 'es', 'fr', 'ar']);
  });

  it('have every key of every part, non-empty, with the placeholders English has', () => {
    for (const language of SUPPORTED_LANGUAGES) {
      const catalogue = catalogueOf(language);
      for (const part of ['form', 'slotPicker', 'booking'] as const) {
        const en = ENGLISH[part] as unknown as Record<string, string | PluralForms>;
        const own = catalogue[part] as unknown as Record<string, string | PluralForms>;
        expect(Object.keys(own).sort(), `${language}.${part}`).toEqual(Object.keys(en).sort());
        for (const [key, value] of Object.entries(own)) {
          const where = `${language}.${part}.${key}`;
          const english = en[key] as string | PluralForms;
          if (typeof english === 'string') {
            expect(typeof value, where).toBe('string');
            expect((value as string).trim(), where).not.toBe('');
            expect(placeholders(value as string), where).toEqual(placeholders(english));
            continue;
          }
          // A plural form may leave `{count}` out ("one time", Arabic's "two times" as one word).
          const allowed = new Set(forms(english).flatMap(placeholders));
          for (const text of forms(value)) {
            expect(text.trim(), where).not.toBe('');
            for (const name of placeholders(text)) expect(allowed, `${where}: ${name}`).toContain(name);
          }
        }
      }
    }
  });

  it('are translated, not English under another name', () => {
    for (const language of SUPPORTED_LANGUAGES.filter((l) => l !== 'en')) {
      const { booking } = catalogueOf(language);
      // Brand names may stay as they are; every sentence is the language's own.
      const same = Object.entries(booking)
        .filter(([key, text]) => text === bookingMessagesEn[key as keyof typeof bookingMessagesEn])
        .map(([key]) => key);
      expect(
        same.filter((key) => !['googleCalendar', 'outlook'].includes(key)),
        language,
      ).toEqual([]);
    }
  });

  it('have their own form for every count a picker shows, in each language', () => {
    // Up to 288 five-minute slots a day; a month has at most 31 days. (French and Spanish `many`
    // starts at a million.)
    for (const language of SUPPORTED_LANGUAGES) {
      const { slotPicker } = catalogueOf(language);
      const rules = new Intl.PluralRules(language);
      for (const key of ['dayTimes', 'monthShown'] as const)
        for (let count = 0; count <= 288; count++)
          expect(slotPicker[key][rules.select(count)], `${language}.${key} for ${count}`).toBeDefined();
    }
  });

  it('count in Arabic with the six forms', () => {
    const { dayTimes } = catalogueOf('ar').slotPicker;
    const say = (count: number) =>
      formatMessage(selectPlural(dayTimes, count, 'ar'), { date: 'الأربعاء', count });
    expect(say(1)).toBe('الأربعاء، موعد واحد متاح');
    expect(say(2)).toBe('الأربعاء، موعدان متاحان');
    expect(say(3)).toBe('الأربعاء، 3 مواعيد متاحة');
    expect(say(11)).toBe('الأربعاء، 11 موعدًا متاحًا');
    expect(say(100)).toBe('الأربعاء، 100 موعد متاح');
  });

  it('count in French with zero as singular, in English with zero as plural', () => {
    const month = (language: string, count: number) =>
      formatMessage(selectPlural(catalogueOf(language).slotPicker.monthShown, count, language), {
        month: 'M',
        count,
      });
    expect(month('fr', 0)).toBe('M : 0 jour avec des créneaux');
    expect(month('en', 0)).toBe('M: 0 days with free times');
    expect(month('en', 1)).toBe('M: 1 day with free times');
  });
});

describe('getLocaleMessages', () => {
  it('resolves like the widget: the locale asked for, then the form’s, then the fallback', () => {
    expect(getLocaleMessages({ locale: 'de-de', fallback: 'fr' }, 'es', ['form'])?.locale).toBe('de-DE');
    expect(getLocaleMessages({ fallback: 'fr' }, 'es', ['form'])?.locale).toBe('es');
    expect(getLocaleMessages({ fallback: 'fr-CA' }, undefined, ['form'])?.locale).toBe('fr-CA');
    expect(getLocaleMessages({ locale: 'not a locale!', fallback: 'ar' }, undefined, ['form'])?.locale).toBe(
      'ar',
    );
  });

  it('sends nothing for English or a language without a catalogue', () => {
    expect(getLocaleMessages({ locale: 'en-GB' }, 'de', ['form'])).toBeUndefined();
    expect(getLocaleMessages({ locale: 'pt-BR' }, 'de', ['form'])).toBeUndefined();
    expect(getLocaleMessages({}, undefined, ['form'])).toBeUndefined();
    expect(getLocaleMessages({ locale: 'constructor' }, undefined, ['form'])).toBeUndefined();
  });

  it('carries only the parts asked for', () => {
    const messages = getLocaleMessages({ locale: 'es-MX' }, undefined, ['form', 'booking']);
    expect(Object.keys(messages ?? {}).sort()).toEqual(['booking', 'form', 'locale']);
    expect(messages?.booking?.book).toBe('Reservar');
    expect(getLocaleMessages({ locale: 'fr-CA' }, undefined, ['booking'])?.booking?.googleCalendar).toBe(
      'Google Agenda',
    );
    expect(getLocaleMessages({ locale: 'ar-EG' }, undefined, ['booking'])?.booking?.book).toBe('احجز');
  });
});
