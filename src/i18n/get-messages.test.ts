import { describe, expect, it } from 'vitest';
import {
  formatMessage,
  getMessages,
  getTextDirection,
  resolveLocale,
  SUPPORTED_LANGUAGES,
} from './get-messages';
import { messagesEn } from './messages-en';

describe('message catalogue', () => {
  it('has every key, non-empty and with the same placeholders, in en, de, es, fr and ar', () => {
    expect(SUPPORTED_LANGUAGES).toEqual(['en', 'de', 'es', 'fr', 'ar']);
    for (const language of SUPPORTED_LANGUAGES) {
      const messages = getMessages(language);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(messagesEn).sort());
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${language}.${key}`).not.toBe('');
        const placeholders = (t: string) => (t.match(/\{\w+\}/g) ?? []).sort();
        expect(placeholders(text), `${language}.${key}`).toEqual(
          placeholders(messagesEn[key as keyof typeof messagesEn]),
        );
      }
    }
  });

  it('picks by language and falls back to English', () => {
    expect(getMessages('de-AT').submit).toBe('Senden');
    expect(getMessages('pt-BR').submit).toBe('Send');
  });

  it('resolves the first well-formed candidate: attribute, page lang, form locale, browser', () => {
    expect(resolveLocale([undefined, 'de-de', 'fr', 'en-US'])).toBe('de-DE');
    expect(resolveLocale(['not a locale!', '', null, 'es'])).toBe('es');
    expect(resolveLocale([])).toBe('en');
  });

  it('writes Arabic right-to-left', () => {
    expect(getTextDirection('ar-EG')).toBe('rtl');
    expect(getTextDirection('he')).toBe('rtl');
    expect(getTextDirection('de')).toBe('ltr');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('Use at most {max} characters, {who}.', { max: 5 })).toBe(
      'Use at most 5 characters, {who}.',
    );
  });
});
