import type { CanonicalLead } from '../../model/lead';
import { normalizePhone } from '../../phone/normalize-phone';
import { flattenLeadContext } from '../flatten-lead-context';
import { SQUADSTACK_RESERVED_KEYS, type SquadStackLead } from './squadstack-types';

/** How SquadStack wants the phone number. */
export type SquadStackPhoneFormat = 'national' | 'e164';

/** What the mapper needs from the backend's config. */
export interface SquadStackMapOptions {
  /** Form field (or hidden value) name → SquadStack key; `contact_name` and `phone_number` are allowed targets. */
  fieldMap?: Record<string, string>;
  phoneFormat?: SquadStackPhoneFormat;
}

/** A lead that can be sent, or why it cannot (a permanent failure: retrying will not add a phone number). */
export type SquadStackMapResult =
  | { ok: true; lead: SquadStackLead }
  | { ok: false; message: string; fieldErrors: Record<string, string[]> };

const RESERVED = new Set<string>(SQUADSTACK_RESERVED_KEYS);

/**
 * Maps a canonical lead to one SquadStack lead object (doc 002 "Create a Lead" / "Upsert a
 * Lead": `lead_id`, `phone_number`, `contact_name`, then custom keys).
 *
 * Decisions where doc 002 is silent:
 * - `lead_id` is our lead id: "The lead ID should be unique for each lead as it will be used as
 *   an identifying factor for that lead throughout the campaign", and upserting by it makes a
 *   redelivery an update of the same lead.
 * - `contact_name` is the `name` field, else `first_name` + `last_name`. A lead with neither,
 *   or without a phone number, is refused here: both are "mandatory" and SquadStack's only
 *   job is to call the lead, so sending would only earn a 400.
 * - Every other value becomes a string custom key named after its field ("You can rename this
 *   as per the context of the key that you are sending"): email, company, job_title,
 *   message, interest, custom fields, hidden values (as `hidden_<name>` when a field took the
 *   name), `consent_*`, `first_touch_*` / `last_touch_*` attribution, `page_url`, `locale`,
 *   `timezone`, `leadkit_form`, `leadkit_created_at`. Booleans become `"true"`/`"false"`.
 * - Blank values are left out: SquadStack answers "This field may not be blank." for them.
 * - `lead_id` is always ours: a form field called `lead_id` is sent as `field_lead_id`. A field
 *   called `contact_name` or `phone_number` serves as that key when no earlier field did;
 *   a second value for either keeps its own field name (`field_` prefixed when that name is
 *   one of SquadStack's keys).
 */
export function toSquadStackLead(
  lead: CanonicalLead,
  options: SquadStackMapOptions = {},
): SquadStackMapResult {
  const fieldMap = options.fieldMap ?? {};
  const custom: Record<string, string> = {};
  let contactName: string | undefined;
  let phone: string | undefined;

  const place = (source: string, value: string | boolean, fallbackTarget: string) => {
    const target = fieldMap[source] ?? fallbackTarget;
    const text = typeof value === 'boolean' ? String(value) : value.trim();
    if (text === '') return;
    if (target === 'contact_name' && contactName === undefined) contactName = text;
    else if (target === 'phone_number' && phone === undefined) phone = text;
    else {
      // A second value for a taken key (or any field named like one of SquadStack's keys) keeps its own name.
      const name = target === 'contact_name' || target === 'phone_number' ? source : target;
      const key = RESERVED.has(name) ? `field_${name}` : name;
      if (!(key in custom)) custom[key] = text;
    }
  };

  for (const [field, value] of Object.entries(lead.fields)) {
    place(field, value, field === 'name' ? 'contact_name' : field === 'phone' ? 'phone_number' : field);
  }
  for (const [key, value] of Object.entries(lead.hidden)) {
    place(key, value, key in lead.fields || key in custom ? `hidden_${key}` : key);
  }
  contactName ??= [custom.first_name, custom.last_name].filter(Boolean).join(' ') || undefined;

  const fieldErrors: Record<string, string[]> = {};
  if (!contactName)
    fieldErrors.contact_name = ['the lead has no name (name or first_name/last_name) for contact_name'];
  const phoneNumber =
    phone === undefined ? undefined : toSquadStackPhone(phone, options.phoneFormat ?? 'national');
  if (phone === undefined) fieldErrors.phone_number = ['the lead has no phone number to call'];
  else if (phoneNumber === undefined)
    fieldErrors.phone_number = ['the phone number is not a valid international number'];
  if (!contactName || !phoneNumber) {
    return { ok: false, message: `not sent: ${Object.values(fieldErrors).flat().join('; ')}`, fieldErrors };
  }

  for (const [key, value] of Object.entries(toSystemKeys(lead))) if (!(key in custom)) custom[key] = value;
  return {
    ok: true,
    lead: { lead_id: lead.id, phone_number: phoneNumber, contact_name: contactName, ...custom },
  };
}

/**
 * The phone number as SquadStack expects it. Doc 002's requests send `"phone_number":
 * "9999999999"` — a 10-digit Indian number without `+91` — while its own disposition payloads
 * return `"+91xxxxxxxxxx"`. `national` (the default, matching the requests) sends the national
 * significant number: digits only, without country code or trunk `0` (`+4915112345678` →
 * `15112345678`); `e164` sends the number as the proxy keeps it. Undefined when the value
 * does not parse as a number.
 *
 * @example toSquadStackPhone('+919876543210', 'national') // '9876543210'
 */
export function toSquadStackPhone(value: string, format: SquadStackPhoneFormat): string | undefined {
  const parsed = normalizePhone(value);
  if (!parsed.ok) return undefined;
  return format === 'e164' ? parsed.e164 : parsed.national;
}

function toSystemKeys(lead: CanonicalLead): Record<string, string> {
  return Object.fromEntries(flattenLeadContext(lead));
}
