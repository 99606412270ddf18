/*
 * The schema-free part of the field model: plain values and functions the browser needs.
 * Kept apart from the zod schemas (field.ts) so that importing them does not pull zod into
 * the widget bundle.
 */

/** The field types a form can hold. `consent` is the form's consent checkbox; `hidden` is sent but never shown. */
export const FIELD_TYPES = [
  'text',
  'email',
  'tel',
  'textarea',
  'select',
  'checkbox',
  'consent',
  'hidden',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A label: plain text, or a map of locale (`en`, `de-DE`, …) to text. */
export type Label = string | Record<string, string>;

/** The click ids and UTM parameters that are kept for an attribution touch. */
export const TOUCH_PARAMS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'gclid',
  'fbclid',
  'msclkid',
] as const;

/**
 * What counts as an e-mail address, in the browser and the proxy alike. Deliberately
 * permissive (RFC 5322 allows far more than any form should reject); the mailbox is only
 * proven by mailing it.
 */
export const EMAIL_PATTERN = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:.]{2,}$/;

/** Default maximum length for a field's text by type. */
export function getMaxLength(field: { type: FieldType; maxLength?: number }): number {
  if (field.maxLength) return field.maxLength;
  return field.type === 'textarea' ? 5000 : field.type === 'email' ? 254 : 500;
}

/** Picks the label text for a locale: exact tag, then its language, then `en`, then the first one. */
export function getLabelText(label: Label, locale = 'en'): string {
  if (typeof label === 'string') return label;
  const lang = locale.split('-')[0] ?? 'en';
  return label[locale] ?? label[lang] ?? label.en ?? Object.values(label)[0] ?? '';
}
