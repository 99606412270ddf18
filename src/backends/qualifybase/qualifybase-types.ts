import * as z from 'zod/mini';

/**
 * QualifyBase request and response shapes (seed 004, OpenAPI 3.1 "QualifyBase Public API").
 * These types never leave this folder: the rest of leadkit sees only `DeliveryOutcome`.
 */

/** `LeadCreate.source`: the document's enum, verbatim. */
export const QUALIFYBASE_SOURCES = [
  'website',
  'instagram',
  'whatsapp',
  'facebook',
  'tiktok',
  'referral',
  'email',
  'paid_ads',
  'other',
] as const;
export type QualifybaseSource = (typeof QUALIFYBASE_SOURCES)[number];

/**
 * `LeadCreate`: "At least one of phone or email is required. If external_source + external_id
 * match an existing lead, the endpoint upserts (returns 200) instead of creating (201)."
 */
export interface QualifybaseLeadCreate {
  full_name?: string;
  /** "E.164 normalized" */
  phone?: string;
  email?: string;
  country?: string;
  city?: string;
  language?: string;
  treatment_interest?: string;
  notes?: string;
  source?: QualifybaseSource;
  external_id?: string;
  /** "Required when external_id is supplied. Namespaces the ID across integrations." */
  external_source?: string;
  /** "Free-form pass-through JSON, up to 4KB." */
  external_metadata?: Record<string, unknown>;
}

/** The top-level `LeadCreate` properties that hold plain text, i.e. valid `fieldMap` targets. */
export const QUALIFYBASE_TEXT_FIELDS = [
  'full_name',
  'phone',
  'email',
  'country',
  'city',
  'language',
  'treatment_interest',
  'notes',
] as const;
export type QualifybaseTextField = (typeof QUALIFYBASE_TEXT_FIELDS)[number];

/**
 * The document's `Lead` as far as leadkit reads it. Loose: the vendor may add properties,
 * and only `id` is trusted (kept as the delivery's external id).
 */
export const qualifybaseLeadSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  external_id: z.optional(z.nullable(z.string())),
  external_source: z.optional(z.nullable(z.string())),
});

/** `200`/`201` of `POST /leads` and `GET /leads/{id}`: `{ data: Lead }`. */
export const qualifybaseLeadResponseSchema = z.looseObject({ data: qualifybaseLeadSchema });

/** `200` of `GET /leads`: `{ data: Lead[] }`. */
export const qualifybaseLeadListSchema = z.looseObject({ data: z.array(z.looseObject({})) });

/** The document's `Error` schema: `{ error: { code, message } }`, used by every non-2xx answer. */
export const qualifybaseErrorSchema = z.looseObject({
  error: z.looseObject({ code: z.string(), message: z.string() }),
});
