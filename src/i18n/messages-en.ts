import type { Messages } from './messages';

/** English, the reference catalogue. */
export const messagesEn: Messages = {
  loading: 'Loading the form…',
  loadFailed: 'The form could not be loaded.',
  retry: 'Try again',
  submit: 'Send',
  sending: 'Sending…',
  sent: 'Thank you — your message has been sent.',
  saved: 'Saved — it will be sent when you are back online.',
  failed: 'Sending failed. Your entries are kept; please try again.',
  fixFields: 'Please correct the {count} highlighted field(s).',
  requiredNote: 'Fields marked * are required.',
  required: 'Please fill in this field.',
  requiredCheckbox: 'Please tick this box to continue.',
  invalidEmail: 'Enter an email address such as name@example.com.',
  phoneNotANumber: 'Enter a phone number using digits, such as +1 201 555 0123.',
  phoneInvalidCountry: 'Choose a country or start with its code, such as +44.',
  phoneTooShort: 'This number is too short for {country}.',
  phoneTooLong: 'This number is too long for {country}.',
  phoneInvalid: 'This is not a valid number for {country}.',
  tooLong: 'Use at most {max} characters.',
  invalidOption: 'Choose one of the options.',
  invalid: 'Please check this field.',
  country: 'Country',
  choose: 'Choose…',
  honeypot: 'Leave this field empty',
};
