import * as z from 'zod/mini';
import { consentDefSchema } from './consent';
import { fieldDefSchema, labelSchema } from './field';

/** A form's public definition, as `GET /v1/forms/:form` answers it (CONTRACT §4). */
export const formDefinitionSchema = z.object({
  id: z.string(),
  fields: z.array(fieldDefSchema),
  consent: z.optional(consentDefSchema),
  booking: z.optional(z.string()),
  successMessage: z.optional(labelSchema),
  redirect: z.optional(z.string()),
  locale: z.optional(z.string()),
  minFillSeconds: z.optional(z.number()),
  phoneCountry: z.optional(z.string()),
});
export type FormDefinition = z.infer<typeof formDefinitionSchema>;
