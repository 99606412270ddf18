import * as z from 'zod/mini';
import { attributionSchema, httpUrlSchema } from './attribution';
import { consentSchema } from './consent';
import { fieldValueSchema, isSafeObjectKey, RESERVED_KEY_MESSAGE } from './field';

const fieldKey = z
  .string()
  .check(
    z.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'not a field name'),
    z.refine(isSafeObjectKey, RESERVED_KEY_MESSAGE),
  );

/** Where and when the form was filled in. `hp` is the honeypot, `startedAt` feeds the minimum fill time. */
export const submissionContextSchema = z.strictObject({
  pageUrl: z.optional(httpUrlSchema),
  locale: z.optional(z.string().check(z.maxLength(35))),
  timezone: z.optional(z.string().check(z.maxLength(64))),
  startedAt: z.optional(z.iso.datetime({ offset: true })),
  hp: z.optional(z.string().check(z.maxLength(1000))),
});
export type SubmissionContext = z.infer<typeof submissionContextSchema>;

/** The body of `POST /v1/forms/:form/leads` (CONTRACT §4). Unknown keys are rejected. */
export const leadSubmissionSchema = z.strictObject({
  submissionId: z.uuid(),
  fields: z.record(fieldKey, fieldValueSchema),
  hidden: z.optional(z.record(fieldKey, z.string().check(z.maxLength(2000)))),
  consent: z.optional(consentSchema),
  attribution: z.optional(attributionSchema),
  context: z.optional(submissionContextSchema),
});
export type LeadSubmission = z.infer<typeof leadSubmissionSchema>;

/** Consent as kept with a lead: what was shown, its version, and when the proxy received it. */
export interface LeadConsent {
  granted: boolean;
  text: string;
  version: string;
  grantedAt: string;
}

/**
 * The canonical lead: what every backend receives and what the `local` backend and the
 * `lead.created` webhook carry. Fields are normalised (phone in E.164); the honeypot is never here.
 */
export interface CanonicalLead {
  id: string;
  leadRef: string;
  form: string;
  createdAt: string;
  fields: Record<string, string | boolean>;
  hidden: Record<string, string>;
  consent: LeadConsent | null;
  attribution: z.infer<typeof attributionSchema>;
  context: { pageUrl?: string; locale?: string; timezone?: string };
  /** Set on the lead of a booking (CONTRACT §4 `lead.created`). */
  bookingId?: string;
  /** The booked slot, on the lead of a booking: what a vendor CRM learns of it. */
  booking?: { id: string; calendar: string; start: string; end: string; timezone: string };
}

/** The proxy's answer to an accepted submission. */
export interface LeadAccepted {
  leadId: string;
  leadRef: string;
  status: 'accepted';
}
