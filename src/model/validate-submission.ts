import {
  getLocaleCountry,
  getPhoneProblemMessage,
  normalizePhone,
  toCountryCode,
} from '../phone/normalize-phone';
import type { FieldDef, FieldValue } from './field';
import { EMAIL_PATTERN, getMaxLength } from './field-rules';
import type { FormDefinition } from './form';
import type { LeadSubmission } from './lead';

/** A problem with one submitted value; `code` is stable, `message` is English for API callers. */
export interface FieldProblem {
  code:
    | 'required'
    | 'invalid_email'
    | 'invalid_phone'
    | 'too_long'
    | 'invalid_option'
    | 'invalid_type'
    | 'unknown_field';
  message: string;
}

export type SubmissionCheck =
  | { ok: true; fields: Record<string, FieldValue> }
  | { ok: false; problems: Record<string, FieldProblem> };

/** Whether a value counts as filled in. */
export function isFilled(value: FieldValue | undefined): boolean {
  return typeof value === 'boolean' ? value : typeof value === 'string' && value.trim() !== '';
}

/** Checks and normalises one value against its field definition. */
export function checkField(
  field: FieldDef,
  value: FieldValue | undefined,
  options: { phoneCountry?: string; locale?: string } = {},
): { ok: true; value: FieldValue | undefined } | { ok: false; problem: FieldProblem } {
  const isBooleanField = field.type === 'checkbox' || field.type === 'consent';
  if (value !== undefined && isBooleanField !== (typeof value === 'boolean')) {
    return {
      ok: false,
      problem: { code: 'invalid_type', message: isBooleanField ? 'must be true or false' : 'must be text' },
    };
  }
  if (!isFilled(value)) {
    return field.required
      ? { ok: false, problem: { code: 'required', message: 'is required' } }
      : { ok: true, value: undefined };
  }
  if (typeof value === 'boolean') return { ok: true, value };
  const text = (value as string).trim();
  if (text.length > getMaxLength(field)) {
    return {
      ok: false,
      problem: { code: 'too_long', message: `is longer than ${getMaxLength(field)} characters` },
    };
  }
  switch (field.type) {
    case 'email':
      return EMAIL_PATTERN.test(text)
        ? { ok: true, value: text.replace(/@[^@]+$/, (domain) => domain.toLowerCase()) }
        : { ok: false, problem: { code: 'invalid_email', message: 'is not an email address' } };
    case 'tel': {
      const country = toCountryCode(options.phoneCountry) ?? getLocaleCountry(options.locale);
      const phone = normalizePhone(text, country);
      return phone.ok
        ? { ok: true, value: phone.e164 }
        : { ok: false, problem: { code: 'invalid_phone', message: getPhoneProblemMessage(phone.problem) } };
    }
    case 'select':
      return field.options?.some((o) => o.value === text)
        ? { ok: true, value: text }
        : { ok: false, problem: { code: 'invalid_option', message: 'is not one of the choices' } };
    default:
      return { ok: true, value: field.type === 'textarea' ? (value as string).trim() : text };
  }
}

/**
 * Checks a submission's `fields` against a form: required fields, types, lengths, e-mail,
 * phone (normalised to E.164), select options and unknown fields. Pure; used by the widget
 * before sending and by the proxy before storing.
 */
export function validateSubmission(
  form: Pick<FormDefinition, 'fields' | 'phoneCountry'>,
  submission: Pick<LeadSubmission, 'fields' | 'context'>,
): SubmissionCheck {
  const problems: Record<string, FieldProblem> = {};
  const fields: Record<string, FieldValue> = {};
  const known = new Map(form.fields.filter((f) => f.type !== 'consent').map((f) => [f.name, f]));
  for (const name of Object.keys(submission.fields)) {
    if (!known.has(name))
      problems[`fields.${name}`] = { code: 'unknown_field', message: 'is not a field of this form' };
  }
  for (const field of known.values()) {
    const result = checkField(field, submission.fields[field.name], {
      phoneCountry: form.phoneCountry,
      locale: submission.context?.locale,
    });
    if (!result.ok) problems[`fields.${field.name}`] = result.problem;
    else if (result.value !== undefined) fields[field.name] = result.value;
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, fields };
}
