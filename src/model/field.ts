import * as z from 'zod/mini';

import { FIELD_TYPES } from './field-rules';

export type { FieldType } from './field-rules';
export { FIELD_TYPES, getLabelText, getMaxLength } from './field-rules';

/** A label: plain text, or a map of locale (`en`, `de-DE`, …) to text. */
export const labelSchema = z.union([
  z.string().check(z.minLength(1), z.maxLength(500)),
  z.record(
    z.string().check(z.minLength(2), z.maxLength(20)),
    z.string().check(z.minLength(1), z.maxLength(500)),
  ),
]);
export type Label = z.infer<typeof labelSchema>;

/**
 * Whether a name may be a key of a plain object without meaning something already: every
 * object has `constructor`, `toString`, `valueOf`, … through its prototype, so a lookup
 * table asked for such a key answers with a built-in function (which a mapper would turn into
 * `"function Object() { [native code] }"`) instead of nothing.
 */
export function isSafeObjectKey(key: string): boolean {
  return !(key in Object.prototype);
}

/** The refusal for a key that `isSafeObjectKey` rejects, shared by submissions and config. */
export const RESERVED_KEY_MESSAGE =
  'is a name every JavaScript object already has (constructor, toString, …)';

const fieldName = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
      'a field name is a letter then letters, digits or _ (at most 64)',
    ),
    z.refine(isSafeObjectKey, RESERVED_KEY_MESSAGE),
  );

export const fieldOptionSchema = z.object({
  value: z.string().check(z.minLength(1), z.maxLength(200)),
  label: labelSchema,
});
export type FieldOption = z.infer<typeof fieldOptionSchema>;

/** One field of a form, as the proxy publishes it at `GET /v1/forms/:form`. */
export const fieldDefSchema = z.strictObject({
  name: fieldName,
  type: z.enum(FIELD_TYPES),
  label: labelSchema,
  required: z.optional(z.boolean()),
  options: z.optional(z.array(fieldOptionSchema).check(z.maxLength(500))),
  autocomplete: z.optional(z.string().check(z.maxLength(100))),
  placeholder: z.optional(labelSchema),
  maxLength: z.optional(z.number().check(z.int(), z.positive(), z.maximum(10_000))),
});
export type FieldDef = z.infer<typeof fieldDefSchema>;

/** A submitted value: text for most fields, a boolean for checkboxes. */
export const fieldValueSchema = z.union([z.string().check(z.maxLength(10_000)), z.boolean()]);
export type FieldValue = z.infer<typeof fieldValueSchema>;
