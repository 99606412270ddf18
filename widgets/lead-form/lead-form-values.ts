import { type CountryCode, getCountries } from 'libphonenumber-js/core';
import { formatMessage } from '../../src/i18n/get-messages';
import type { Messages } from '../../src/i18n/messages';
import type { ConsentDef } from '../../src/model/consent';
import type { FieldDef, FieldValue } from '../../src/model/field';
import { EMAIL_PATTERN, getLabelText, getMaxLength } from '../../src/model/field-rules';
import type { FormDefinition } from '../../src/model/form';
import type { FieldProblem } from '../../src/model/validate-submission';
import { checkPhone } from '../../src/phone/check-phone';
import type { PhoneProblem } from '../../src/phone/normalize-phone';
import { getCountryName, getDefaultPhoneCountry } from '../../src/phone/phone-countries';
import type { PhoneMetadata } from '../../src/phone/phone-metadata';

/** What the visitor has entered, by field name (checkboxes are booleans). */
export type FieldValues = Record<string, FieldValue>;
/** Visible error text by field name; the consent checkbox uses `CONSENT_KEY`. */
export type FieldErrors = Record<string, string>;

/** The error key of the consent checkbox (not a valid field name, so it never collides). */
export const CONSENT_KEY = '$consent';

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** The fields the visitor sees: all but `hidden` and `consent` ones. */
export function getVisibleFields(form: FormDefinition): FieldDef[] {
  return form.fields.filter((f) => f.type !== 'hidden' && f.type !== 'consent');
}

/** The form's consent requirement: its `consent`, else a `consent`-typed field's label. */
export function getConsentDef(form: FormDefinition): ConsentDef | undefined {
  if (form.consent) return form.consent;
  const field = form.fields.find((f) => f.type === 'consent');
  return field ? { text: field.label, version: '1', required: field.required ?? true } : undefined;
}

/** The consent text shown, in the visitor's language; this exact text goes with the lead. */
export function getConsentText(consent: ConsentDef, locale: string): string {
  return getLabelText(consent.text, locale);
}

function toValue(field: FieldDef, raw: unknown): FieldValue | undefined {
  if (field.type === 'checkbox') {
    if (typeof raw === 'boolean') return raw;
    return typeof raw === 'string' ? ['true', '1', 'on', 'yes'].includes(raw.toLowerCase()) : undefined;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).slice(0, getMaxLength(field));
  if (field.type === 'select' && !field.options?.some((o) => o.value === text)) return undefined;
  return text;
}

/**
 * Starting values: empty, then the page URL's query (`?email=…`), then the `prefill`
 * attribute — the page author's explicit value wins over a link's. Values that do not fit
 * the field (an unknown select option, a non-boolean checkbox) are ignored.
 */
export function getInitialValues(
  form: FormDefinition,
  sources: { prefill?: Record<string, unknown> | undefined; query?: string | undefined },
): FieldValues {
  const query = new URLSearchParams(sources.query ?? '');
  const values: FieldValues = {};
  for (const field of form.fields) {
    if (field.type === 'consent') continue;
    values[field.name] = field.type === 'checkbox' ? false : '';
    for (const raw of [query.get(field.name) ?? undefined, sources.prefill?.[field.name]]) {
      const value = raw === undefined ? undefined : toValue(field, raw);
      if (value !== undefined) values[field.name] = value;
    }
  }
  return values;
}

/** Applies a changed `prefill` to the fields the visitor has not touched yet. */
export function applyPrefill(
  form: FormDefinition,
  values: FieldValues,
  prefill: Record<string, unknown> | undefined,
  edited: ReadonlySet<string>,
): FieldValues {
  const next = { ...values };
  for (const field of form.fields) {
    if (field.type === 'consent' || edited.has(field.name) || !prefill || !(field.name in prefill)) continue;
    const value = toValue(field, prefill[field.name]);
    if (value !== undefined) next[field.name] = value;
  }
  return next;
}

/**
 * Keeps the `hidden-fields` entries the proxy will accept (field-name keys that are not a
 * built-in of every object such as `constructor`, text ≤ 2000).
 */
export function sanitizeHidden(hidden: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(hidden ?? {})) {
    if (
      FIELD_NAME.test(key) &&
      !(key in Object.prototype) &&
      (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    ) {
      out[key] = String(value).slice(0, 2000);
    }
  }
  return out;
}

function phoneMessage(
  problem: PhoneProblem,
  country: CountryCode | undefined,
  locale: string,
  m: Messages,
): string {
  const name = country ? getCountryName(country, locale) : '';
  switch (problem) {
    case 'not_a_number':
      return m.phoneNotANumber;
    case 'invalid_country':
      return m.phoneInvalidCountry;
    case 'too_short':
      return formatMessage(m.phoneTooShort, { country: name });
    case 'too_long':
      return formatMessage(m.phoneTooLong, { country: name });
    default:
      return formatMessage(m.phoneInvalid, { country: name });
  }
}

/** The visitor-language sentence for a validation problem. */
export function getProblemMessage(field: FieldDef, problem: FieldProblem['code'], m: Messages): string {
  switch (problem) {
    case 'required':
      return field.type === 'checkbox' || field.type === 'consent' ? m.requiredCheckbox : m.required;
    case 'invalid_email':
      return m.invalidEmail;
    case 'invalid_phone':
      return m.phoneNotANumber;
    case 'too_long':
      return formatMessage(m.tooLong, { max: getMaxLength(field) });
    case 'invalid_option':
      return m.invalidOption;
    default:
      return m.invalid;
  }
}

/** Options for checking a value in the browser. */
export interface CheckOptions {
  locale: string;
  messages: Messages;
  phoneCountry?: CountryCode | undefined;
  phoneMetadata?: PhoneMetadata | undefined;
}

/**
 * Checks one field with the proxy's rules (required, type, length, e-mail, phone, option)
 * and returns its wire value (phone in E.164 where the metadata can tell) or a message in
 * the visitor's language. The proxy checks again; this only spares a round trip.
 */
export function checkFieldValue(
  field: FieldDef,
  value: FieldValue | undefined,
  options: CheckOptions,
): { ok: true; value: FieldValue | undefined } | { ok: false; message: string } {
  const m = options.messages;
  const fail = (code: FieldProblem['code']) => ({
    ok: false as const,
    message: getProblemMessage(field, code, m),
  });
  const isBooleanField = field.type === 'checkbox' || field.type === 'consent';
  if (value !== undefined && isBooleanField !== (typeof value === 'boolean')) return fail('invalid_type');
  const filled = typeof value === 'boolean' ? value : typeof value === 'string' && value.trim() !== '';
  if (!filled) return field.required ? fail('required') : { ok: true, value: undefined };
  if (typeof value === 'boolean') return { ok: true, value };
  const text = (value as string).trim();
  if (text.length > getMaxLength(field)) return fail('too_long');
  switch (field.type) {
    case 'email':
      return EMAIL_PATTERN.test(text)
        ? { ok: true, value: text.replace(/@[^@]+$/, (d) => d.toLowerCase()) }
        : fail('invalid_email');
    case 'tel': {
      const phone = checkPhone(text, options.phoneCountry, options.phoneMetadata);
      if (phone.ok === 'unchecked') return { ok: true, value: text };
      return phone.ok
        ? { ok: true, value: phone.e164 }
        : { ok: false, message: phoneMessage(phone.problem, options.phoneCountry, options.locale, m) };
    }
    case 'select':
      return field.options?.some((o) => o.value === text)
        ? { ok: true, value: text }
        : fail('invalid_option');
    default:
      return { ok: true, value: text };
  }
}

/**
 * Validates everything before sending. Returns the wire values, or the errors in form
 * order (the first one is where focus goes).
 */
export function validateValues(
  form: FormDefinition,
  values: FieldValues,
  options: {
    locale: string;
    messages: Messages;
    phoneCountries: Record<string, CountryCode | undefined>;
    phoneMetadata?: PhoneMetadata | undefined;
    consentGranted: boolean;
  },
): { ok: true; fields: Record<string, FieldValue> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const fields: Record<string, FieldValue> = {};
  for (const field of form.fields) {
    if (field.type === 'consent') continue;
    const result = checkFieldValue(field, values[field.name], {
      locale: options.locale,
      messages: options.messages,
      phoneCountry: options.phoneCountries[field.name],
      phoneMetadata: options.phoneMetadata,
    });
    if (!result.ok) errors[field.name] = result.message;
    else if (result.value !== undefined) fields[field.name] = result.value;
  }
  const consent = getConsentDef(form);
  if (consent && consent.required !== false && !options.consentGranted)
    errors[CONSENT_KEY] = options.messages.requiredCheckbox;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, fields };
}

/**
 * Turns the proxy's 400 `fields` (`{ "fields.email": "is not an email address" }`) into
 * visible errors. The proxy's text is English for API callers, so known problems are shown
 * in the visitor's language and only unknown ones fall back to a generic sentence.
 */
export function toServerFieldErrors(
  form: FormDefinition,
  serverFields: Record<string, string> | undefined,
  m: Messages,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, text] of Object.entries(serverFields ?? {})) {
    const name = path.replace(/^fields\./, '');
    const field = form.fields.find((f) => f.name === name);
    if (path.startsWith('consent')) {
      errors[CONSENT_KEY] = m.requiredCheckbox;
    } else if (field && field.type !== 'hidden') {
      const code: FieldProblem['code'] | undefined =
        text === 'is required'
          ? 'required'
          : text === 'is not an email address'
            ? 'invalid_email'
            : text === 'is not one of the choices'
              ? 'invalid_option'
              : text.startsWith('is longer than')
                ? 'too_long'
                : /phone|country/.test(text)
                  ? 'invalid_phone'
                  : undefined;
      errors[name] = code ? getProblemMessage(field, code, m) : m.invalid;
    }
  }
  return errors;
}

/** Whether two definitions ask the visitor for the same things (fields and consent). */
export function isSameDefinition(a: FormDefinition, b: FormDefinition): boolean {
  return JSON.stringify([a.fields, getConsentDef(a)]) === JSON.stringify([b.fields, getConsentDef(b)]);
}

/**
 * Carries what the visitor entered over to a definition that changed on the server while the
 * page was open: a value stays where its field still exists with the same type, a new field
 * starts as `initial` says (query, prefill), and a ticked consent stays ticked only if its text
 * and version are unchanged — agreeing to the old text is not agreeing to the new one.
 */
export function carryOverValues(
  previous: FormDefinition,
  next: FormDefinition,
  values: FieldValues,
  consentGranted: boolean,
  initial: FieldValues,
): { values: FieldValues; consentGranted: boolean } {
  const carried: FieldValues = { ...initial };
  for (const field of next.fields) {
    const before = previous.fields.find((f) => f.name === field.name);
    const value = values[field.name];
    if (before?.type === field.type && value !== undefined) carried[field.name] = value;
  }
  const sameConsent = JSON.stringify(getConsentDef(previous)) === JSON.stringify(getConsentDef(next));
  return { values: carried, consentGranted: consentGranted && sameConsent };
}

/**
 * The errors with `name`'s message set (or cleared when undefined); the same object when
 * nothing changes, so a state update re-renders nothing. Shared by every view with fields.
 */
export function withError(errors: FieldErrors, name: string, message: string | undefined): FieldErrors {
  if (errors[name] === message) return errors;
  const next = { ...errors };
  if (message) next[name] = message;
  else delete next[name];
  return next;
}

/**
 * Each tel field's country: kept where the visitor chose one (`current`), else the form's
 * default (configured, else from the locale and zone, among the countries the metadata has).
 */
export function getPhoneCountries(
  form: FormDefinition,
  phoneMetadata: PhoneMetadata | undefined,
  context: { locale: string; browserLocale: string | undefined; timeZone: string | undefined },
  current: Record<string, CountryCode | undefined> = {},
): Record<string, CountryCode | undefined> {
  const country = getDefaultPhoneCountry({
    configured: form.phoneCountry,
    locale: context.locale,
    browserLocale: context.browserLocale,
    timeZone: context.timeZone,
    available: phoneMetadata ? getCountries(phoneMetadata) : undefined,
  });
  return Object.fromEntries(
    form.fields.filter((f) => f.type === 'tel').map((f) => [f.name, current[f.name] ?? country]),
  );
}
