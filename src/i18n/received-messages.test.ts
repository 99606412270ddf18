import { describe, expect, it } from 'vitest';
import { getLocaleMessages } from '../proxy/locales/get-locale-messages';
import { getMessages } from './get-messages';
import { messagesEn } from './messages-en';
import { parseReceivedMessages } from './received-messages';
import { getSlotPickerMessages, slotPickerMessagesEn } from './slot-picker-messages';

const german = () =>
  parseReceivedMessages(getLocaleMessages({ locale: 'de' }, undefined, ['form', 'slotPicker']));

describe('messages received with a definition', () => {
  it('are used in their own language', () => {
    expect(getMessages('de-AT', german()).submit).toBe('Senden');
    expect(getSlotPickerMessages('de', german()).nextMonth).toBe('Nächster Monat');
  });

  it('are not used for another language (a locale changed since): English is', () => {
    expect(getMessages('fr', german())).toBe(messagesEn);
  });

  it('fall back to English key by key where a key is missing, empty or not text', () => {
    const received = parseReceivedMessages({
      locale: 'de',
      form: { submit: 'Senden', sending: 42, sent: '', retry: 'x'.repeat(2000), extra: 'dropped' },
      slotPicker: { nextMonth: 'Nächster Monat', dayTimes: { one: 'ein Termin' }, monthShown: 'kein Plural' },
    });
    const form = getMessages('de', received);
    expect(form.submit).toBe('Senden');
    expect(form.sending).toBe(messagesEn.sending);
    expect(form.sent).toBe(messagesEn.sent);
    expect(form.retry).toBe(messagesEn.retry);
    expect(form.loading).toBe(messagesEn.loading);
    expect('extra' in form).toBe(false);
    const picker = getSlotPickerMessages('de', received);
    expect(picker.nextMonth).toBe('Nächster Monat');
    expect(picker.dayTimes).toBe(slotPickerMessagesEn.dayTimes);
    expect(picker.monthShown).toBe(slotPickerMessagesEn.monthShown);
  });

  it('are ignored whole when they have no locale or are not an object', () => {
    expect(parseReceivedMessages({ form: { submit: 'Senden' } })).toBeUndefined();
    expect(parseReceivedMessages('de')).toBeUndefined();
    expect(parseReceivedMessages(null)).toBeUndefined();
    expect(getMessages('de', parseReceivedMessages({ locale: 'de', form: ['Senden'] }))).toBe(messagesEn);
  });
});
