import * as z from 'zod/mini';

/**
 * LeadCenter.AI request and response shapes (seed 001, a Postman documenter export that
 * gives auth, pagination and the error envelope but no endpoint list). These types never
 * leave this folder.
 */

/**
 * The lead leadkit sends. The document lists no lead fields; these are the issue's
 * ("`first_name`, `last_name`, `email`, `phone`, `company`, `source` and `medium` … `notes`"),
 * and `fieldMap` may add any other name the user's workspace knows.
 */
export interface LeadcenterLeadCreate {
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string;
  company?: string;
  source?: string;
  medium?: string;
  notes?: string;
  [vendorField: string]: string | undefined;
}

/**
 * A lead as LeadCenter.AI returns it. Loose: the document names no properties, so only
 * `id` is required, and `email`, `notes`, `created_at` are read when present (redelivery
 * lookup). Laravel ids are integers; a string id is accepted as well.
 */
export const leadcenterLeadSchema = z.looseObject({
  id: z.union([z.number(), z.string().check(z.minLength(1))]),
  email: z.optional(z.nullable(z.string())),
  phone: z.optional(z.nullable(z.string())),
  notes: z.optional(z.nullable(z.string())),
  created_at: z.optional(z.nullable(z.string())),
});
export type LeadcenterLead = z.infer<typeof leadcenterLeadSchema>;

/**
 * "When returning a single resource, the object is represented as a JSON object of its
 * properties." Laravel API resources often wrap it as `{ data: {…} }`; both are accepted.
 */
export const leadcenterSingleSchema = z.union([
  leadcenterLeadSchema,
  z.looseObject({ data: leadcenterLeadSchema }),
]);

/**
 * "the response is an array of objects (`[{}]`) by default. If the collection is
 * paginated, the response is wrapped in a JSON object with a `data` property, and includes
 * `meta` and `links`". Items are parsed one by one by the caller, so one odd record does
 * not hide the others.
 */
export const leadcenterCollectionSchema = z.union([
  z.array(z.unknown()),
  z.looseObject({
    data: z.array(z.unknown()),
    meta: z.optional(z.looseObject({})),
    links: z.optional(z.looseObject({})),
  }),
]);

/**
 * "a JSON object with three keys: `success` (set to `false`), `message` (providing a brief
 * overview of the error), and `errors` (containing one or more specific error details)".
 * `errors` is a Laravel map `{ field: [messages] }` or a list (CONTRACT §5: "parsed
 * defensively: LeadCenter.AI's `errors` may be a map or a list").
 */
export const leadcenterErrorSchema = z.looseObject({
  success: z.optional(z.boolean()),
  message: z.optional(z.string()),
  errors: z.optional(z.unknown()),
});
