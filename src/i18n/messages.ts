/**
 * Every string the widgets show. One catalogue per language (`messages-en.ts`, …); a
 * missing key is a type error, so no language silently falls back to English.
 * `{name}` placeholders are filled by `formatMessage`.
 */
export interface Messages {
  /** Shown while the form definition loads. */
  loading: string;
  /** The form definition could not be fetched. */
  loadFailed: string;
  retry: string;
  submit: string;
  sending: string;
  sent: string;
  saved: string;
  failed: string;
  /** Announced when submit finds problems; `{count}` is the number of fields. */
  fixFields: string;
  requiredNote: string;
  required: string;
  requiredCheckbox: string;
  invalidEmail: string;
  phoneNotANumber: string;
  phoneInvalidCountry: string;
  /** `{country}` is the country's name. */
  phoneTooShort: string;
  phoneTooLong: string;
  phoneInvalid: string;
  /** `{max}` is the maximum number of characters. */
  tooLong: string;
  invalidOption: string;
  invalid: string;
  country: string;
  choose: string;
  honeypot: string;
}
