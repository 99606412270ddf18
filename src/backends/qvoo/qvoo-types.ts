import * as z from 'zod/mini';

/*
 * Qvoo's request and response shapes (seed 000, a Postman collection). They never leave
 * this folder: the mapper turns the canonical lead into a `QvooLeadBody`, and every answer
 * is parsed with one of the schemas below before a value of it is used.
 *
 * The collection shows only success examples. Where it is silent we accept extra keys
 * (`z.object`, not strict) so an additive change on Qvoo's side does not stop delivery.
 */

/** The body of `POST /workspaces/:id/leads`; `PUT …/leads/:leadId` takes a subset. */
export interface QvooLeadBody {
  name: string;
  status?: string;
  leadStage?: string;
  source?: string;
  tags?: string[];
  fields: Record<string, string | boolean>;
}

/** The body of `PUT /workspaces/:id/leads/:leadId` (partial update). */
export interface QvooLeadUpdate {
  name?: string;
  fields?: Record<string, unknown>;
}

/** The body of `POST …/leads/check-duplicate`: one of phone or email. */
export type QvooDuplicateQuery = { phone: string } | { email: string };

/** `POST /oauth/token` and `POST /oauth/refresh` answers. `token_type` is only in the first. */
export const qvooTokenResponseSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.optional(z.string().check(z.minLength(1))),
  token_type: z.optional(z.string()),
  expires_in: z.optional(z.number().check(z.positive())),
});
export type QvooTokenResponse = z.infer<typeof qvooTokenResponseSchema>;

/** A lead as Qvoo returns it (create, get, update). */
export const qvooLeadSchema = z.object({
  _id: z.string().check(z.minLength(1)),
  name: z.optional(z.string()),
  status: z.optional(z.string()),
  leadStage: z.optional(z.string()),
  fields: z.optional(z.record(z.string(), z.unknown())),
});
export type QvooLead = z.infer<typeof qvooLeadSchema>;

/** `{ success: true, data: <lead> }`. */
export const qvooLeadEnvelopeSchema = z.object({ success: z.literal(true), data: qvooLeadSchema });

/** `POST …/leads/check-duplicate` → `{ success, exists, leadId }`; `leadId` only when it exists. */
export const qvooDuplicateResponseSchema = z.object({
  success: z.literal(true),
  exists: z.boolean(),
  leadId: z.optional(z.nullable(z.string())),
});

/** `GET /health` → `{ status: "healthy", version, timestamp }`. */
export const qvooHealthSchema = z.object({ status: z.string(), version: z.optional(z.string()) });

/** `GET /workspaces/:id` → `{ success, data: { workspaceId, workspaceName, … } }`. */
export const qvooWorkspaceSchema = z.object({
  success: z.literal(true),
  data: z.object({ workspaceId: z.optional(z.string()), workspaceName: z.optional(z.string()) }),
});

/**
 * A schema option. The collection shows only `"options": []`, so its element shape is
 * unknown: a plain string or an object with a value-ish and a label-ish key are accepted.
 */
const qvooOptionSchema = z.union([
  z.string(),
  z.number(),
  z.object({
    value: z.optional(z.union([z.string(), z.number()])),
    key: z.optional(z.string()),
    label: z.optional(z.string()),
    displayName: z.optional(z.string()),
  }),
]);
export type QvooOption = z.infer<typeof qvooOptionSchema>;

/** One lead field of `GET /workspaces/:id/schema`. */
export const qvooSchemaFieldSchema = z.object({
  fieldKey: z.string().check(z.minLength(1)),
  displayName: z.optional(z.string()),
  type: z.optional(z.string()),
  required: z.optional(z.boolean()),
  isCustom: z.optional(z.boolean()),
  options: z.optional(z.nullable(z.array(qvooOptionSchema))),
});
export type QvooSchemaField = z.infer<typeof qvooSchemaFieldSchema>;

/** `GET /workspaces/:id/schema`; leadkit reads only `leadFields`. */
export const qvooSchemaResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({ leadFields: z.array(z.unknown()) }),
});

/** `GET …/metadata/lead-statuses`, `…/sources`, `…/tags`: lists of strings. */
export const qvooStringListSchema = z.object({ success: z.literal(true), data: z.array(z.string()) });

/** `GET …/metadata/lead-stages`: objects keyed by `stageKey`. */
export const qvooStageListSchema = z.object({
  success: z.literal(true),
  data: z.array(z.object({ stageKey: z.string(), displayName: z.optional(z.string()) })),
});

/**
 * An error answer. The collection documents none; Qvoo's success envelope is
 * `{ success, message?, data? }`, so errors are read as `{ success: false, message }` and,
 * defensively, as `error` (string or `{ message }`) and `errors` (a map or a list).
 */
export const qvooErrorSchema = z.object({
  success: z.optional(z.boolean()),
  message: z.optional(z.string()),
  error: z.optional(
    z.union([z.string(), z.object({ message: z.optional(z.string()), code: z.optional(z.string()) })]),
  ),
  errors: z.optional(z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])),
});
