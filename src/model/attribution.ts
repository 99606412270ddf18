import * as z from 'zod/mini';

const shortText = z.string().check(z.maxLength(500));
/**
 * A page address as the visitor's browser saw it: an absolute `http:` or `https:` URL.
 * Anything else (`javascript:`, `data:`, a bare word) is refused before a CRM shows it as a link.
 */
export const httpUrlSchema = z.string().check(
  z.maxLength(2000),
  z.refine((text) => {
    try {
      return ['http:', 'https:'].includes(new URL(text).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL'),
);
const url = httpUrlSchema;

export { TOUCH_PARAMS } from './field-rules';

/** One visit that brought the visitor: its UTM parameters, click ids, referrer, landing page and time. */
export const touchSchema = z.strictObject({
  utm_source: z.optional(shortText),
  utm_medium: z.optional(shortText),
  utm_campaign: z.optional(shortText),
  utm_term: z.optional(shortText),
  utm_content: z.optional(shortText),
  gclid: z.optional(shortText),
  fbclid: z.optional(shortText),
  msclkid: z.optional(shortText),
  referrer: z.optional(url),
  landingPage: z.optional(url),
  at: z.optional(z.iso.datetime({ offset: true })),
});
export type Touch = z.infer<typeof touchSchema>;

/** First and last touch, kept first-party by the client. */
export const attributionSchema = z.strictObject({
  first: z.optional(touchSchema),
  last: z.optional(touchSchema),
});
export type Attribution = z.infer<typeof attributionSchema>;
