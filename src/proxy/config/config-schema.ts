import { isIP } from 'node:net';
import * as z from 'zod/mini';
import { rateStringSchema } from '../../backends/backend-config';
import { consentDefSchema } from '../../model/consent';
import {
  FIELD_TYPES,
  fieldOptionSchema,
  isSafeObjectKey,
  labelSchema,
  RESERVED_KEY_MESSAGE,
} from '../../model/field';
import { serverLimitsSchema } from './server-limits';

const id = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be letters, digits, _ or - (at most 64)'));

/** An origin as browsers send it: scheme, host and port, nothing else. */
export const originSchema = z.string().check(
  z.refine((text) => {
    try {
      const url = new URL(text);
      return ['http:', 'https:'].includes(url.protocol) && url.origin === text;
    } catch {
      return false;
    }
  }, 'must be an origin such as "https://www.example.com" (no path, no trailing slash)'),
);

/** Bearer tokens that may only submit leads (server-to-server intake), never open admin routes. */
const intakeTokensSchema = z.array(z.string().check(z.minLength(16, 'must be at least 16 characters')));

/** What is removed from page URLs before a lead is stored or forwarded (see strip-url-params.ts). */
const privacySchema = z.strictObject({
  stripUrlParams: z._default(z.array(z.string().check(z.minLength(1, 'must not be empty'))), []),
});

const limitsSchema = z.strictObject({
  perIp: z.optional(rateStringSchema),
  perForm: z.optional(rateStringSchema),
});

/** A form field in config: a preset name, `"from:<backend>"`, or an object (a preset's name may omit type and label). */
export const fieldEntrySchema = z.union([
  z.string().check(z.minLength(1)),
  z.strictObject({
    name: z
      .string()
      .check(
        z.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a field name is a letter then letters, digits or _'),
        z.refine(isSafeObjectKey, RESERVED_KEY_MESSAGE),
      ),
    type: z.optional(z.enum(FIELD_TYPES)),
    label: z.optional(labelSchema),
    required: z.optional(z.boolean()),
    options: z.optional(z.array(z.union([z.string().check(z.minLength(1)), fieldOptionSchema]))),
    autocomplete: z.optional(z.string()),
    placeholder: z.optional(labelSchema),
    maxLength: z.optional(z.number().check(z.int(), z.positive())),
  }),
]);
export type FieldEntry = z.infer<typeof fieldEntrySchema>;

export const formConfigSchema = z.strictObject({
  origins: z._default(z.array(originSchema), []),
  fields: z.union([z.string().check(z.startsWith('from:')), z.array(fieldEntrySchema).check(z.minLength(1))]),
  deliver: z._default(z.array(z.string()), []),
  minFillSeconds: z._default(z.number().check(z.minimum(0), z.maximum(600)), 2),
  consent: z.optional(consentDefSchema),
  booking: z.optional(z.string()),
  successMessage: z.optional(labelSchema),
  redirect: z.optional(z.string()),
  locale: z.optional(z.string()),
  phoneCountry: z.optional(z.string().check(z.regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code'))),
  phoneCountries: z.optional(
    z
      .array(z.string().check(z.regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code')))
      .check(z.minLength(1)),
  ),
  limits: z.optional(limitsSchema),
  intakeTokens: z.optional(intakeTokensSchema),
});
export type FormConfig = z.infer<typeof formConfigSchema>;

const hhmmRange = z
  .string()
  .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'must be "HH:MM-HH:MM"'));
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A calendar (CONTRACT §5): its zone, hours and rules for a `local` backend, or a vendor's calendar. */
export const calendarConfigSchema = z.strictObject({
  origins: z._default(z.array(originSchema), []),
  backend: z.string(),
  form: z.optional(z.string()),
  timezone: z.optional(z.string()),
  durationMinutes: z._default(z.number().check(z.int(), z.positive()), 30),
  durations: z.optional(z.array(z.number().check(z.int(), z.positive()))),
  hours: z.optional(z.partialRecord(z.enum(weekdays), z.array(hhmmRange))),
  bufferMinutes: z.optional(z.number().check(z.int(), z.minimum(0))),
  minNoticeMinutes: z.optional(z.number().check(z.int(), z.minimum(0))),
  maxDaysAhead: z.optional(z.number().check(z.int(), z.positive())),
  closed: z.optional(z.array(z.iso.date())),
  manageUrl: z.optional(z.string()),
});

export type CalendarConfig = z.infer<typeof calendarConfigSchema>;

/** A host name as a click destination may have it (no scheme, port or path). */
const linkHostSchema = z.string().check(
  z.refine((text) => {
    try {
      return new URL(`https://${text}/`).hostname === text.toLowerCase() && !text.endsWith('.');
    } catch {
      return false;
    }
  }, 'must be a host name such as "www.example.com"'),
);

/** An IPv4 or IPv6 CIDR range (or a single address). */
const cidrSchema = z.string().check(
  z.refine((text) => {
    const [address = '', prefix, extra] = text.split('/');
    const family = isIP(address);
    if (!family || extra !== undefined) return false;
    if (prefix === undefined) return true;
    const bits = Number(prefix);
    return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
  }, 'must be a CIDR range such as "40.92.0.0/15"'),
);

export const trackingConfigSchema = z.strictObject({
  origins: z._default(z.array(originSchema), []),
  requireConsent: z._default(z.boolean(), true),
  refParam: z._default(z.string(), 'lk_ref'),
  signalTypes: z._default(
    z.array(
      z
        .string()
        .check(z.regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be lowercase letters, digits or _ (at most 64)')),
    ),
    [],
  ),
  linkTtlDays: z._default(z.number().check(z.positive()), 365),
  /** Hosts a click link may lead to (exact host names); default the hosts of publicUrl and origins (docs/tracking.md). */
  linkHosts: z.optional(z.array(linkHostSchema)),
  /** Click links to `http:` destinations: off unless set (docs/tracking.md). */
  allowHttp: z._default(z.boolean(), false),
  /** Networks of link scanners and mail-privacy relays: fetches from them are judged `machine`. */
  machineNetworks: z._default(
    z.array(
      z.strictObject({
        cidrs: z.array(cidrSchema).check(z.minLength(1)),
        for: z._default(z.enum(['opens', 'clicks', 'both']), 'both'),
        label: z
          .string()
          .check(
            z.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be lowercase letters, digits, _ or - (at most 40)'),
          ),
      }),
    ),
    [],
  ),
});

export type TrackingConfig = z.infer<typeof trackingConfigSchema>;

/** The top level of `leadkit.config.json`. Backends are checked by their own type's schema afterwards. */
export const configFileSchema = z.strictObject({
  $schema: z.optional(z.string()),
  store: z._default(z.string(), 'sqlite:./.leadkit/leadkit.db'),
  publicUrl: z.optional(z.string().check(z.url())),
  secret: z.optional(z.string().check(z.minLength(16, 'must be at least 16 characters'))),
  /** Earlier `secret`s by a name of the operator's choosing: still accepted for leadRefs and tokens while `secret` rotates. */
  secrets: z.optional(z.record(id, z.string().check(z.minLength(16, 'must be at least 16 characters')))),
  adminToken: z.optional(z.string().check(z.minLength(16, 'must be at least 16 characters'))),
  limits: z.optional(limitsSchema),
  intakeTokens: z.optional(intakeTokensSchema),
  privacy: z.optional(privacySchema),
  trustProxy: z._default(z.array(z.string()), []),
  logLevel: z._default(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  backends: z._default(z.record(id, z.looseObject({ type: z.string() })), {}),
  forms: z._default(z.record(id, formConfigSchema), {}),
  calendars: z._default(z.record(id, calendarConfigSchema), {}),
  tracking: z.optional(trackingConfigSchema),
  /** HTTP timeouts and the connection cap (server-limits.ts). */
  server: z.optional(serverLimitsSchema),
  /** Serve the demo pages and the /leads/ page: on in the embedded default, off for a config file. */
  demo: z._default(z.boolean(), false),
});
export type ConfigFile = z.infer<typeof configFileSchema>;
