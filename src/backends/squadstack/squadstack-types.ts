import * as z from 'zod/mini';

/**
 * One lead as SquadStack's campaign endpoints take it (doc 002, "Create a Lead" / "Upsert a
 * Lead"): the three mandatory keys and any number of custom keys. Custom values are strings:
 * "custom_field1 (string): … You can rename this as per the context of the key that you are
 * sending". Never leaves this folder.
 */
export interface SquadStackLead {
  lead_id: string;
  phone_number: string;
  contact_name: string;
  [customKey: string]: string;
}

/** The keys SquadStack itself defines; a form field of the same name never overwrites them. */
export const SQUADSTACK_RESERVED_KEYS = ['lead_id', 'phone_number', 'contact_name'] as const;

/**
 * SquadStack's error body: `{"error_msg": "…"}`, where the message is sometimes itself JSON
 * (`"{\"error_type\":1,\"detail\":\"Internal ID already exists\"}"`) or a Python dict
 * (`"{'phone_number': 'Invalid value provided.'}"`). Disable/delete answer `{"detail": …}`.
 */
export const squadStackErrorSchema = z.looseObject({
  error_msg: z.optional(z.unknown()),
  detail: z.optional(z.unknown()),
});

/** One entry of a bulk answer's `result`: "status_code: Status of the request against that specific lead". */
export const squadStackBulkEntrySchema = z.looseObject({
  status_code: z.number().check(z.int()),
  data: z.optional(
    z.nullable(z.looseObject({ lead_id: z.optional(z.unknown()), error_msg: z.optional(z.unknown()) })),
  ),
});
export type SquadStackBulkEntry = z.infer<typeof squadStackBulkEntrySchema>;

/**
 * A bulk answer (doc 002 "Generic Response for each bulk API request"): `status` (`success`,
 * `partial_sucess` — sic — or `failure`), `message`, one `result` entry per lead, `metadata`.
 * Only `result` is relied on; the rest is loose because the document itself misspells it.
 */
export const squadStackBulkResponseSchema = z.looseObject({
  status: z.optional(z.string()),
  message: z.optional(z.string()),
  result: z.array(squadStackBulkEntrySchema),
  metadata: z.optional(
    z.looseObject({
      total_leads: z.optional(z.number()),
      success: z.optional(z.number()),
      failed: z.optional(z.number()),
    }),
  ),
});
