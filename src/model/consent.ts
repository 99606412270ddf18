import * as z from 'zod/mini';

/** What the visitor agreed to: the exact text shown and its version. */
export const consentSchema = z.strictObject({
  granted: z.boolean(),
  text: z.string().check(z.minLength(1), z.maxLength(2000)),
  version: z.string().check(z.minLength(1), z.maxLength(50)),
});
export type Consent = z.infer<typeof consentSchema>;

/** A form's consent requirement, as configured and as published. */
export const consentDefSchema = z.strictObject({
  text: z.union([z.string().check(z.minLength(1), z.maxLength(2000)), z.record(z.string(), z.string())]),
  version: z.string().check(z.minLength(1), z.maxLength(50)),
  required: z.optional(z.boolean()),
});
export type ConsentDef = z.infer<typeof consentDefSchema>;
