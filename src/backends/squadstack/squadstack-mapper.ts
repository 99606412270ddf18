import type { CanonicalLead } from '../../model/lead';
import { normalizePhone } from '../../phone/normalize-phone';
import { flattenLeadContext } from '../flatten-lead-context';
import { getOwnValue } from '../get-own-value';
import { SQUADSTACK_RESERVED_KEYS, type SquadStackLead } from './squadstack-types';

/** How SquadStack wants an Indian (+91) phone number. */
export type SquadStackPhoneFormat = 'national' | 'e164';

/** What happens to a number outside +91: sent in E.164, or refused before any request. */
export type SquadStackForeignPhones = 'e164' | 'refuse';

/** What the mapper needs from the backend's config. */
export interface SquadStackMapOptions {
  /** Form field (or hidden value) name → SquadStack key; `contact_name` and `phone_number` are allowed targets. */
  fieldMap?: Record<string, string>;
  phoneFormat?: SquadStackPhoneFormat;
  foreignPhones?: SquadStackForeignPhones;
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
    const target = getOwnValue(fieldMap, source) ?? fallbackTarget;
    const text = typeof value === 'boolean' ? String(value) : value.trim();
    if (text === '') return;
    if (target === 'contact_name' && contactName === undefined) contactName = text;
    else if (target === 'phone_number' && phone === undefined) phone = text;
    else {
      // A second value for a taken key (or any field named like one of SquadStack's keys) keeps its own name.
      const name = target === 'contact_name' || target === 'phone_number' ? source : target;
      const key = RESERVED.has(name) ? `field_${name}` : name;
      if (!Object.hasOwn(custom, key)) custom[key] = text;
    }
  };

  for (const [field, value] of Object.entries(lead.fields)) {
    place(field, value, field === 'name' ? 'contact_name' : field === 'phone' ? 'phone_number' : field);
  }
  for (const [key, value] of Object.entries(lead.hidden)) {
    place(key, value, Object.hasOwn(lead.fields, key) || Object.hasOwn(custom, key) ? `hidden_${key}` : key);
  }
  contactName ??= [custom.first_name, custom.last_name].filter(Boolean).join(' ') || undefined;

  const fieldErrors: Record<string, string[]> = {};
  if (!contactName)
    fieldErrors.contact_name = ['the lead has no name (name or first_name/last_name) for contact_name'];
  const mappedPhone =
    phone === undefined
      ? undefined
      : toSquadStackPhone(phone, {
          format: options.phoneFormat ?? 'national',
          foreignPhones: options.foreignPhones,
        });
  const phoneNumber = mappedPhone?.ok ? mappedPhone.phone : undefined;
  if (phone === undefined) fieldErrors.phone_number = ['the lead has no phone number to call'];
  else if (mappedPhone && !mappedPhone.ok) fieldErrors.phone_number = [mappedPhone.message];
  if (!contactName || !phoneNumber) {
    return { ok: false, message: `not sent: ${Object.values(fieldErrors).flat().join('; ')}`, fieldErrors };
  }

  for (const [key, value] of Object.entries(toSystemKeys(lead)))
    if (!Object.hasOwn(custom, key)) custom[key] = value;
  return {
    ok: true,
    lead: { lead_id: lead.id, phone_number: phoneNumber, contact_name: contactName, ...custom },
  };
}

/** The calling code whose numbers SquadStack's examples write nationally. */
const INDIA = '+91';

/**
 * The phone number as SquadStack expects it. Doc 002 says only "phone_number (string,
 * mandatory): The phone number associated with the lead"; its requests send `"9999999999"` —
 * a 10-digit Indian number without `+91` — its own disposition payloads return
 * `"+91xxxxxxxxxx"`, and its failed bulk sample refuses the 9-digit `"999999999"` with
 * "Invalid value provided.". So SquadStack reads numbers as Indian unless they carry a
 * country code, and cutting any other country's code off makes a different, Indian-looking
 * number (`+44 7911 123456` → `7911123456`, a valid Indian mobile): the campaign would call
 * a stranger. Hence (CONTRACT §5, "National phone format only for +91 numbers"):
 * - `format: 'national'` (default) sends a +91 number as its 10 national digits, as the
 *   examples; `'e164'` sends it as `+91…`.
 * - Every other country is sent in E.164 (`foreignPhones: 'e164'`, the default: SquadStack
 *   itself writes E.164, so a `+` number cannot be misread, and a campaign that cannot dial
 *   abroad answers 400 with its own message), or refused here, before any request, with a
 *   permanent error that names the number (`foreignPhones: 'refuse'`, for campaigns that must
 *   only ever call India). Never reformatted into another country's number.
 *
 * @example toSquadStackPhone('+919876543210', { format: 'national' }) // { ok: true, phone: '9876543210' }
 * @example toSquadStackPhone('+447911123456', { format: 'national' }) // { ok: true, phone: '+447911123456' }
 */
export function toSquadStackPhone(
  value: string,
  options: { format: SquadStackPhoneFormat; foreignPhones?: SquadStackForeignPhones },
): { ok: true; phone: string } | { ok: false; message: string } {
  const parsed = normalizePhone(value);
  if (!parsed.ok) return { ok: false, message: 'the phone number is not a valid international number' };
  // Calling codes are prefix-free, so "+91" is India and nothing else.
  if (parsed.e164.startsWith(INDIA)) {
    return { ok: true, phone: options.format === 'e164' ? parsed.e164 : parsed.national };
  }
  if ((options.foreignPhones ?? 'e164') === 'refuse') {
    // The calling code, not the number: the message lands in the delivery log and `outbox list`.
    const callingCode = parsed.e164.slice(0, parsed.e164.length - parsed.national.length);
    return {
      ok: false,
      message: `the phone number (${callingCode}) is not an Indian (+91) number, and this backend sends no others (foreignPhones: "refuse")`,
    };
  }
  return { ok: true, phone: parsed.e164 };
}

function toSystemKeys(lead: CanonicalLead): Record<string, string> {
  return Object.fromEntries(flattenLeadContext(lead));
}
