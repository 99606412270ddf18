import { describe, expect, it } from 'vitest';
import { formatMessage, getMessages, getTextDirection, resolveLocale } from './get-messages';
import { messagesEn } from './messages-en';

describe('message catalogue', () => {
  it('is English without a catalogue from the proxy, whatever the locale', () => {
    expect(getMessages('de-AT')).toBe(messagesEn);
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
