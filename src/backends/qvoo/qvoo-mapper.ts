import type { CanonicalLead } from '../../model/lead';
import { getLocaleCountry, normalizePhone } from '../../phone/normalize-phone';
import { getOwnValue } from '../get-own-value';
import type { QvooDuplicateQuery, QvooLeadBody, QvooLeadUpdate } from './qvoo-types';

/** What the mapper needs from the backend's config. */
export interface QvooMappingOptions {
  /** Lead status on create (config `status`, default `new`). */
  status: string;
  /** Lead stage on create (config `leadStage`, default `unassigned`). */
  leadStage: string;
  /** A source from `GET …/metadata/sources`, sent on create when configured. */
  source?: string;
  /** Tags from `GET …/metadata/tags`, sent on create when configured. */
  tags?: string[];
  /** Form field (or derived key below) → Qvoo field key; `""` leaves the value out. */
  fieldMap?: Record<string, string>;
}

export type QvooMapResult =
  | {
      ok: true;
      body: QvooLeadBody;
      duplicateQuery: QvooDuplicateQuery;
      /** Which leadkit key each `fields` key holds (`customField_123` → `phone2`), for naming left-out values. */
      fieldSources: Record<string, string>;
    }
  | { ok: false; message: string };

/** A value `keepSchemaFields` left out: the leadkit key and the Qvoo key it would have gone to. */
export interface QvooLeftOutField {
  key: string;
  target: string;
}

/**
 * The `fields` keys of the collection's create example, `{ "mobileNumber": …, "emailId": … }`,
 * which its schema answer (`leadFields: [{ "fieldKey": "customField_123", … }]`) does not list.
 */
export const QVOO_STANDARD_FIELD_KEYS: readonly string[] = ['mobileNumber', 'emailId'];

/**
 * Where a canonical value goes by default. Qvoo's create example is
 * `{ name, status, leadStage, fields: { mobileNumber, emailId } }`: `name` is the only
 * person field at the top level and everything else lives in `fields`, keyed by a
 * workspace `fieldKey` (`GET …/schema`).
 */
const DEFAULT_TARGETS: Record<string, string> = {
  name: 'name',
  email: 'emailId',
  phone: 'mobileNumber',
};

/**
 * Qvoo keys that live at the top level of the body rather than in `fields`. The
 * collection's lead objects carry `name`, `status`, `leadStage`, `tags`; `source` is
 * decided: the request "Get Lead Sources" (`…/metadata/sources`) lists sources without
 * saying where a lead carries one, so it is sent beside `status` (and only when configured
 * or mapped, since an unknown source may be refused).
 */
const TOP_LEVEL_KEYS = new Set(['name', 'source']);

/** `first_name`/`last_name` only build `name`; they are sent on their own only when `fieldMap` names them. */
const NAME_PARTS = new Set(['first_name', 'last_name']);

/** The touch parameters leadkit sends, by the key they are sent under. */
const TOUCH_KEYS = [
  ['utm_source', 'utm_source'],
  ['utm_medium', 'utm_medium'],
  ['utm_campaign', 'utm_campaign'],
  ['utm_term', 'utm_term'],
  ['utm_content', 'utm_content'],
  ['gclid', 'gclid'],
  ['fbclid', 'fbclid'],
  ['msclkid', 'msclkid'],
  ['referrer', 'referrer'],
  ['landingPage', 'landing_page'],
] as const;

/** The keys leadkit derives from every lead (not form fields), before `fieldMap`: what `check` names. */
export const QVOO_DERIVED_KEYS: readonly string[] = [
  ...TOUCH_KEYS.map(([, to]) => to),
  'consent_granted',
  'consent_text',
  'consent_version',
  'consent_at',
  'page_url',
  'leadkit_lead_id',
];

/**
 * Maps a canonical lead to Qvoo's create body, and picks the duplicate-check query.
 * The body's `fields` still holds every value; `keepSchemaFields` then keeps the ones the
 * workspace has a field for.
 *
 * Decisions where the collection is silent:
 * - Attribution, consent, hidden values and custom form fields have no documented place.
 *   The collection's `fields` holds only `mobileNumber` and `emailId`, and `GET …/schema`
 *   lists the workspace's lead fields by `fieldKey` (its example: `customField_123`,
 *   "Secondary Phone"). Each value is keyed by its own name (`utm_source`, `consent_text`,
 *   a hidden `campaign`, …) or by its `fieldMap` entry (a workspace `fieldKey`, or `""` to
 *   drop it); a key the workspace does not have is left out by `keepSchemaFields`.
 *   Attribution is the last touch, or the first when there is no last one.
 * - A value typed into the form wins over a hidden value, which wins over a derived one
 *   (attribution, consent) mapped to the same key.
 * - `name` is in every example body, so a lead always gets one: the name field, else
 *   first + last name, else the email, else the phone number.
 * - Check-duplicate's example body is `{ "phone": "+919876543210" }`, the only one the
 *   collection shows. leadkit asks by the `mobileNumber` it sends, as documented, even when
 *   the lead also has an email; only a lead without a phone is asked by `emailId` as
 *   `{ "email": … }` (undocumented, but without it such a lead could not be checked at
 *   all). Consequence: a returning visitor with a new phone number becomes a second lead,
 *   which a person can merge; matching on email too could update someone else's lead. A
 *   lead with neither cannot be checked, and a create retried after a lost answer would
 *   make a second lead, so such a lead is refused (permanent) rather than risk duplicates.
 */
export function toQvooLead(lead: CanonicalLead, options: QvooMappingOptions): QvooMapResult {
  const fieldMap = options.fieldMap ?? {};
  const topLevel: Record<string, string> = {};
  const fields: Record<string, string | boolean> = {};

  const fieldSources: Record<string, string> = {};

  const put = (key: string, value: string | boolean | undefined): void => {
    if (value === undefined || value === '') return;
    const target = toQvooTarget(key, fieldMap);
    if (target === '') return;
    if (TOP_LEVEL_KEYS.has(target) && typeof value === 'string') {
      topLevel[target] = value;
      return;
    }
    fields[target] = value;
    fieldSources[target] = key;
  };

  // Lowest precedence first: later writes to the same key win.
  const touch = lead.attribution.last ?? lead.attribution.first;
  if (touch) for (const [from, to] of TOUCH_KEYS) put(to, touch[from]);
  if (lead.consent) {
    put('consent_granted', lead.consent.granted);
    put('consent_text', lead.consent.text);
    put('consent_version', lead.consent.version);
    put('consent_at', lead.consent.grantedAt);
  }
  put('page_url', lead.context.pageUrl);
  put('leadkit_lead_id', lead.id);
  for (const [key, value] of Object.entries(lead.hidden)) put(key, value);
  for (const [key, value] of Object.entries(lead.fields)) {
    if (NAME_PARTS.has(key) && !Object.hasOwn(fieldMap, key)) continue;
    if (key === 'phone' && typeof value === 'string') {
      const phone = toE164(value, lead.context.locale);
      if (!phone) return { ok: false, message: `phone "${value}" is not a valid phone number` };
      put(key, phone);
      continue;
    }
    put(key, value);
  }

  const mobile = stringOf(fields.mobileNumber);
  const email = stringOf(fields.emailId);
  const duplicateQuery: QvooDuplicateQuery | null = mobile ? { phone: mobile } : email ? { email } : null;
  if (!duplicateQuery) {
    return {
      ok: false,
      message:
        'Qvoo needs a phone number (mobileNumber) or an email (emailId) to check for duplicates before creating a lead',
    };
  }

  const body: QvooLeadBody = {
    name: topLevel.name ?? getFallbackName(lead) ?? email ?? mobile ?? 'Website lead',
    status: options.status,
    leadStage: options.leadStage,
    fields,
  };
  const source = topLevel.source ?? options.source;
  if (source) body.source = source;
  if (options.tags && options.tags.length > 0) body.tags = [...options.tags];
  return { ok: true, body, duplicateQuery, fieldSources };
}

/**
 * Where a leadkit key goes: its `fieldMap` entry, else Qvoo's standard key (`phone` →
 * `mobileNumber`, `email` → `emailId`, `name`), else its own name; `""` means left out.
 */
export function toQvooTarget(key: string, fieldMap: Record<string, string>): string {
  return getOwnValue(fieldMap, key) ?? getOwnValue(DEFAULT_TARGETS, key) ?? key;
}

/** Whether `target` is sent at the top level of the body (`name`, `source`), not in `fields`. */
export function isQvooTopLevelKey(target: string): boolean {
  return TOP_LEVEL_KEYS.has(target);
}

/**
 * Keeps in `fields` only what the workspace can hold: the keys of `GET …/schema`'s
 * `leadFields` plus the create example's `mobileNumber` and `emailId`. Decision: a value
 * without a field is left out and named (the caller logs it once), never a reason to refuse
 * the lead: the person and the contact data still reach the sales team, and an operator maps
 * the rest with `fieldMap` once told.
 */
export function keepSchemaFields(
  body: QvooLeadBody,
  fieldSources: Record<string, string>,
  fieldKeys: ReadonlySet<string>,
): { body: QvooLeadBody; leftOut: QvooLeftOutField[] } {
  const fields: QvooLeadBody['fields'] = {};
  const leftOut: QvooLeftOutField[] = [];
  for (const [target, value] of Object.entries(body.fields)) {
    if (fieldKeys.has(target) || QVOO_STANDARD_FIELD_KEYS.includes(target)) fields[target] = value;
    else leftOut.push({ key: fieldSources[target] ?? target, target });
  }
  return { body: { ...body, fields }, leftOut };
}

/**
 * The `PUT` body for a lead Qvoo already has. Decisions: the collection's update example
 * sends only `{ "name" }`, so an update is partial. `status`, `leadStage`, `source` and
 * `tags` are left out so a redelivery or a returning visitor never resets the sales team's
 * progress. Whether `fields` is merged or replaced is not documented, so leadkit merges
 * itself: the lead's current fields, overwritten by the ones just submitted.
 */
export function toQvooUpdate(
  body: QvooLeadBody,
  currentFields: Record<string, unknown> | undefined,
): QvooLeadUpdate {
  return { name: body.name, fields: { ...currentFields, ...body.fields } };
}

/** E.164 as the canonical lead carries it; a national number is parsed with the locale's country. */
function toE164(value: string, locale: string | undefined): string | null {
  if (/^\+[1-9]\d{6,14}$/.test(value)) return value;
  const parsed = normalizePhone(value, getLocaleCountry(locale));
  return parsed.ok ? parsed.e164 : null;
}

function getFallbackName(lead: CanonicalLead): string | undefined {
  const parts = [lead.fields.first_name, lead.fields.last_name]
    .map((part) => (typeof part === 'string' ? part.trim() : ''))
    .filter(Boolean);
  if (parts.length > 0) return parts.join(' ');
  return undefined;
}

function stringOf(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
