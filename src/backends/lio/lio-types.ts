import * as z from 'zod/mini';

/** LIO's `lead_source` lookup (doc 003 §8.1): 1=Website, 2=Referral, 3=LinkedIn, 4=Email, 5=Direct. */
export const LIO_LEAD_SOURCES = { website: 1, referral: 2, linkedin: 3, email: 4, direct: 5 } as const;
export type LioLeadSource = (typeof LIO_LEAD_SOURCES)[keyof typeof LIO_LEAD_SOURCES];

/** LIO's `priority` lookup (doc 003 §8.1): 1=Low, 2=Medium, 3=High, 4=Urgent (default 2). */
export const LIO_PRIORITIES = { low: 1, medium: 2, high: 3, urgent: 4 } as const;
export type LioPriority = (typeof LIO_PRIORITIES)[keyof typeof LIO_PRIORITIES];

/** The body of `POST /api/v1/lead` (doc 003 §8.1). Never leaves this folder. */
export interface LioLeadRequest {
  email?: string;
  phone_number?: string;
  first_name?: string;
  last_name?: string;
  company?: string;
  job_title?: string;
  linkedin_url?: string;
  status?: number;
  priority?: LioPriority;
  lead_source?: LioLeadSource;
  tags?: string[];
  custom_fields?: Record<string, string>;
  /** "to update the existing lead instead, send `merge: 1`" (§8.1). */
  merge?: 1;
  /** "To accept it anyway, send `duplicate: 1`" (§8.1). */
  duplicate?: 1;
}

/**
 * The answer to a created (or merged) lead: `{ success, message, data: { id, … } }`
 * (§8.1 sample). Only `id` is read; it is what intent signals need later (§9.1 `lead_id`).
 * Loose: LIO adds fields (score, status, …) we do not read.
 */
export const lioLeadResponseSchema = z.looseObject({
  success: z.optional(z.boolean()),
  message: z.optional(z.string()),
  data: z.looseObject({ id: z.union([z.number(), z.string().check(z.regex(/^\d+$/))]) }),
});

/** One lead in a list answer (§8.2); only what the redelivery lookup compares. */
export const lioListedLeadSchema = z.looseObject({
  id: z.union([z.number(), z.string()]),
  email: z.optional(z.nullable(z.string())),
  phone_number: z.optional(z.nullable(z.string())),
  custom_fields: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  /** "created_at / updated_at … Timestamps" (§11), ISO 8601 (§3). */
  created_at: z.optional(z.nullable(z.string())),
});
export type LioListedLead = z.infer<typeof lioListedLeadSchema>;

/** `GET /api/v1/lead/lead-list`: "List responses return data alongside total, page, and limit" (§5). */
export const lioLeadListSchema = z.looseObject({
  success: z.optional(z.boolean()),
  data: z.array(z.unknown()),
});

/**
 * The failure envelope (§3): `{ success: false, error: { message, type, code } }`. Parsed
 * defensively: a Laravel/Express-style `message` at the top or `errors` per field are read too,
 * because §4 lists 422 "Validation error" without showing its body.
 */
export const lioErrorSchema = z.looseObject({
  success: z.optional(z.boolean()),
  message: z.optional(z.string()),
  error: z.optional(
    z.union([
      z.string(),
      z.looseObject({
        message: z.optional(z.string()),
        type: z.optional(z.nullable(z.string())),
        code: z.optional(z.unknown()),
        errors: z.optional(z.unknown()),
      }),
    ]),
  ),
  errors: z.optional(z.unknown()),
});

/** `POST /api/auth/login` (§2.1). Only the presence of the token is checked; it is never logged. */
export const lioLoginResponseSchema = z.looseObject({
  access_token: z.string().check(z.minLength(1)),
  expires_at: z.optional(z.string()),
});
