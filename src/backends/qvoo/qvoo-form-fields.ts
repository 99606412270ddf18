import { type FieldDef, type FieldOption, type FieldType, fieldDefSchema } from '../../model/field';
import { type QvooOption, type QvooSchemaField, qvooSchemaFieldSchema } from './qvoo-types';

/**
 * Qvoo field types → leadkit field types. The collection shows only `"type": "text"`; the
 * other names are the usual CRM spellings. Decisions: a multi-select becomes a single
 * `select` (leadkit fields hold one value); numbers, dates and URLs are `text`; a choice
 * type without options is `text`; an unknown type is `text`.
 */
const TYPE_MAP: Record<string, FieldType> = {
  text: 'text',
  string: 'text',
  email: 'email',
  phone: 'tel',
  tel: 'tel',
  mobile: 'tel',
  textarea: 'textarea',
  longtext: 'textarea',
  long_text: 'textarea',
  multiline: 'textarea',
  paragraph: 'textarea',
  select: 'select',
  dropdown: 'select',
  radio: 'select',
  picklist: 'select',
  enum: 'select',
  multiselect: 'select',
  multi_select: 'select',
  checkbox: 'checkbox',
  boolean: 'checkbox',
  bool: 'checkbox',
};

/** The form field names the mapper sends to Qvoo's standard keys, read backwards. */
const DEFAULT_NAMES: Record<string, string> = { mobileNumber: 'phone', emailId: 'email', name: 'name' };
const AUTOCOMPLETE: Record<string, string> = { phone: 'tel', email: 'email', name: 'name' };
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Turns `GET …/schema`'s `leadFields` into form fields. Each is named so that the mapper
 * sends it back to the same `fieldKey`: the `fieldMap` entry that targets it, else
 * `phone`/`email`/`name` for Qvoo's standard keys, else the `fieldKey` itself. Entries
 * that cannot be a form field (an unreadable entry, a key that is not a field name) are
 * returned in `skipped` so the caller can log them.
 */
export function toQvooFormFields(
  leadFields: readonly unknown[],
  fieldMap: Record<string, string> = {},
): { fields: FieldDef[]; skipped: string[] } {
  const inverse = new Map<string, string>();
  for (const [formName, target] of Object.entries(fieldMap))
    if (target && !inverse.has(target)) inverse.set(target, formName);
  const fields: FieldDef[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const entry of leadFields) {
    const parsed = qvooSchemaFieldSchema.safeParse(entry);
    if (!parsed.success) {
      skipped.push(describeEntry(entry));
      continue;
    }
    const field = toFieldDef(
      parsed.data,
      inverse.get(parsed.data.fieldKey) ?? DEFAULT_NAMES[parsed.data.fieldKey] ?? parsed.data.fieldKey,
    );
    if (!field || seen.has(field.name)) {
      skipped.push(parsed.data.fieldKey);
      continue;
    }
    seen.add(field.name);
    fields.push(field);
  }
  return { fields, skipped };
}

function toFieldDef(source: QvooSchemaField, name: string): FieldDef | null {
  if (!FIELD_NAME.test(name)) return null;
  const options = (source.options ?? [])
    .map(toOption)
    .filter((option): option is FieldOption => option !== null)
    .slice(0, 500);
  let type: FieldType = TYPE_MAP[(source.type ?? 'text').toLowerCase()] ?? 'text';
  if (name === 'phone') type = 'tel';
  if (name === 'email') type = 'email';
  if (type === 'select' && options.length === 0) type = 'text';
  const field: FieldDef = {
    name,
    type,
    label: (source.displayName?.trim() || source.fieldKey).slice(0, 500),
  };
  if (source.required) field.required = true;
  if (type === 'select') field.options = options;
  const autocomplete = AUTOCOMPLETE[name];
  if (autocomplete) field.autocomplete = autocomplete;
  const checked = fieldDefSchema.safeParse(field);
  return checked.success ? checked.data : null;
}

function toOption(option: QvooOption): FieldOption | null {
  let value: string | undefined;
  let label: string | undefined;
  if (typeof option === 'string' || typeof option === 'number') value = String(option);
  else {
    value = option.value === undefined ? option.key : String(option.value);
    label = option.label ?? option.displayName;
  }
  if (!value || value.length > 200) return null;
  return { value, label: (label?.trim() || value).slice(0, 500) };
}

function describeEntry(entry: unknown): string {
  const key = (entry as { fieldKey?: unknown } | null)?.fieldKey;
  return typeof key === 'string' ? key : '(unreadable entry)';
}

/**
 * Every `fieldKey` in `GET …/schema`'s `leadFields`, whether or not it can be a form field:
 * the keys a lead's `fields` may carry besides `mobileNumber` and `emailId`.
 */
export function toQvooFieldKeys(leadFields: readonly unknown[]): string[] {
  const keys = leadFields.map((entry) => (entry as { fieldKey?: unknown } | null)?.fieldKey);
  return [...new Set(keys.filter((key): key is string => typeof key === 'string' && key !== ''))];
}
