import type { ConsentDef } from '../model/consent';
import type { FieldDef, Label } from '../model/field';
import { FIELD_TYPES } from '../model/field-rules';
import type { FormDefinition } from '../model/form';

/**
 * A parse result in the shape zod's `safeParse` gives, with the path of the first problem.
 *
 * Why not `formDefinitionSchema.safeParse` here: zod/mini costs 9.5 KB of the widget's
 * 40 KB gzip budget (measured in the IIFE build), as much as all of the form's own code.
 * The proxy, which owns the schema, parses with zod; the browser checks the same rules by
 * hand, and `parse-form-definition.test.ts` pins the two together.
 */
export type FormDefinitionParse = { success: true; data: FormDefinition } | { success: false; path: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, min = 0, max = Number.POSITIVE_INFINITY): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;
const isOpt = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

function isLabel(v: unknown): v is Label {
  if (isStr(v, 1, 500)) return true;
  return isObj(v) && Object.entries(v).every(([k, t]) => k.length >= 2 && k.length <= 20 && isStr(t, 1, 500));
}

function checkField(v: unknown): boolean {
  if (!isObj(v)) return false;
  const known = ['name', 'type', 'label', 'required', 'options', 'autocomplete', 'placeholder', 'maxLength'];
  return (
    Object.keys(v).every((k) => known.includes(k)) &&
    isStr(v.name) &&
    FIELD_NAME.test(v.name) &&
    (FIELD_TYPES as readonly unknown[]).includes(v.type) &&
    isLabel(v.label) &&
    isOpt(v.required, (r) => typeof r === 'boolean') &&
    isOpt(
      v.options,
      (o) =>
        Array.isArray(o) &&
        o.length <= 500 &&
        o.every((x) => isObj(x) && isStr(x.value, 1, 200) && isLabel(x.label)),
    ) &&
    isOpt(v.autocomplete, (a) => isStr(a, 0, 100)) &&
    isOpt(v.placeholder, isLabel) &&
    isOpt(v.maxLength, (n) => Number.isInteger(n) && (n as number) > 0 && (n as number) <= 10_000)
  );
}

function checkConsent(v: unknown): v is ConsentDef {
  return (
    isObj(v) &&
    Object.keys(v).every((k) => k === 'text' || k === 'version' || k === 'required') &&
    (isStr(v.text, 1, 2000) || (isObj(v.text) && Object.values(v.text).every((t) => isStr(t)))) &&
    isStr(v.version, 1, 50) &&
    isOpt(v.required, (r) => typeof r === 'boolean')
  );
}

/** Checks a `GET /v1/forms/:form` answer against `formDefinitionSchema`'s rules; unknown top-level keys are dropped. */
export function parseFormDefinition(value: unknown): FormDefinitionParse {
  if (!isObj(value)) return { success: false, path: '' };
  if (!isStr(value.id)) return { success: false, path: 'id' };
  if (!Array.isArray(value.fields)) return { success: false, path: 'fields' };
  const bad = value.fields.findIndex((f) => !checkField(f));
  if (bad >= 0) return { success: false, path: `fields[${bad}]` };
  if (!isOpt(value.consent, checkConsent)) return { success: false, path: 'consent' };
  for (const key of ['booking', 'redirect', 'locale', 'phoneCountry'] as const) {
    if (!isOpt(value[key], (v) => isStr(v))) return { success: false, path: key };
  }
  if (!isOpt(value.successMessage, isLabel)) return { success: false, path: 'successMessage' };
  if (!isOpt(value.minFillSeconds, (n) => typeof n === 'number'))
    return { success: false, path: 'minFillSeconds' };
  const data: FormDefinition = { id: value.id, fields: value.fields as FieldDef[] };
  for (const key of [
    'consent',
    'booking',
    'successMessage',
    'redirect',
    'locale',
    'minFillSeconds',
    'phoneCountry',
  ] as const) {
    if (value[key] !== undefined) (data as Obj)[key] = value[key];
  }
  return { success: true, data };
}
