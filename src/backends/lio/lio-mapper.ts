import type { Attribution, Touch } from '../../model/attribution';
import type { CanonicalLead } from '../../model/lead';
import { flattenLeadContext } from '../flatten-lead-context';
import { getOwnValue } from '../get-own-value';
import {
  LIO_LEAD_SOURCES,
  LIO_PRIORITIES,
  type LioLeadRequest,
  type LioLeadSource,
  type LioPriority,
} from './lio-types';

/** What the mapper needs from the backend's config. */
export interface LioMapOptions {
  /** Form field (or hidden value) name → LIO field name. */
  fieldMap?: Record<string, string>;
  /** Tags every lead gets (LIO creates unknown tags: "Tag strings (created automatically)", §8.1). */
  tags?: string[];
  priority?: LioPriority;
  status?: number;
}

/** LIO's top-level string fields of `POST /api/v1/lead` (doc 003 §8.1). */
const STRING_FIELDS = [
  'email',
  'phone_number',
  'first_name',
  'last_name',
  'company',
  'job_title',
  'linkedin_url',
] as const;
type StringField = (typeof STRING_FIELDS)[number];

/** Where a canonical preset goes when the config's `fieldMap` says nothing. */
const DEFAULT_TARGETS: Record<string, string> = {
  name: 'name',
  first_name: 'first_name',
  last_name: 'last_name',
  email: 'email',
  phone: 'phone_number',
  company: 'company',
  job_title: 'job_title',
  linkedin_url: 'linkedin_url',
};

/**
 * §7.1 gives names "2–50 chars" (for `/api/lead/add`; §8.1 names no limit). Longer names are
 * cut at 50 characters rather than risking a 422 for a lead that is otherwise fine; shorter
 * ones are sent as typed, since §8.1 does not require a name at all.
 */
const NAME_MAX = 50;

/**
 * Maps a canonical lead to LIO's `POST /api/v1/lead` body.
 *
 * Decisions where doc 003 is silent:
 * - "Any field not listed above is stored under `custom_fields`" (§8.1): everything that has
 *   no top-level LIO field (message, interest, custom fields, hidden values, consent,
 *   attribution, page URL, locale) goes into `custom_fields` as strings, so the stored
 *   lead looks the same whether LIO moves unknown keys or we do. Booleans become
 *   `"true"`/`"false"`: the document calls them only "Key-value custom fields".
 * - `custom_fields.leadkit_lead_id` always carries our lead id: LIO has no idempotency key,
 *   and this is how a redelivery finds the lead it already created (see lio-backend.ts).
 * - `tags` = configured tags + the first and last touch's `utm_campaign` (issue 5), deduplicated.
 * - A form value mapped by `fieldMap` to `priority`, `status` or `lead_source` is used when it
 *   is a valid integer for that lookup (or a priority/source name such as `high`, `referral`),
 *   otherwise it is kept under `custom_fields` under that name.
 */
export function toLioLead(lead: CanonicalLead, options: LioMapOptions = {}): LioLeadRequest {
  const fieldMap = options.fieldMap ?? {};
  const body: LioLeadRequest = {};
  const custom: Record<string, string> = {};
  const tags: string[] = [...(options.tags ?? [])];
  let fullName: string | undefined;

  const place = (source: string, value: string | boolean, fallbackTarget: string) => {
    const target = getOwnValue(fieldMap, source) ?? fallbackTarget;
    const text = typeof value === 'boolean' ? String(value) : value.trim();
    if (text === '') return;
    if (target === 'name') {
      fullName ??= text;
    } else if ((STRING_FIELDS as readonly string[]).includes(target)) {
      body[target as StringField] ??=
        target === 'first_name' || target === 'last_name' ? truncate(text, NAME_MAX) : text;
    } else if (target === 'priority' && toLookup(text, LIO_PRIORITIES) !== undefined) {
      body.priority = toLookup(text, LIO_PRIORITIES) as LioPriority;
    } else if (target === 'lead_source' && toLookup(text, LIO_LEAD_SOURCES) !== undefined) {
      body.lead_source = toLookup(text, LIO_LEAD_SOURCES) as LioLeadSource;
    } else if (target === 'status' && /^[1-9]\d{0,8}$/.test(text)) {
      body.status = Number(text);
    } else if (target === 'tags') {
      tags.push(...text.split(','));
    } else {
      setOnce(custom, target, text);
    }
  };

  for (const [field, value] of Object.entries(lead.fields))
    place(field, value, getOwnValue(DEFAULT_TARGETS, field) ?? field);
  // Hidden values are the page's own data: they keep their name unless a form field took it.
  for (const [key, value] of Object.entries(lead.hidden)) {
    const taken = Object.hasOwn(custom, key) || Object.hasOwn(lead.fields, key);
    place(key, value, getOwnValue(fieldMap, key) ?? (taken ? `hidden_${key}` : key));
  }

  if (fullName !== undefined && body.first_name === undefined && body.last_name === undefined) {
    Object.assign(body, splitName(fullName));
  }
  body.priority ??= options.priority;
  body.status ??= options.status;
  body.lead_source ??= toLioLeadSource(lead.attribution);

  tags.push(lead.attribution.first?.utm_campaign ?? '', lead.attribution.last?.utm_campaign ?? '');
  const uniqueTags = [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag !== ''))];
  if (uniqueTags.length > 0) body.tags = uniqueTags;

  Object.assign(custom, toSystemCustomFields(lead, custom));
  custom.leadkit_lead_id = lead.id;
  body.custom_fields = custom;
  for (const key of Object.keys(body) as (keyof LioLeadRequest)[])
    if (body[key] === undefined) delete body[key];
  return body;
}

/**
 * The body of the `merge: 1` resend after a 409 ("to update the existing lead instead, send
 * `merge: 1`", doc 003 §8.1): only what the visitor gave now. Decision: `status`,
 * `priority`, `lead_source` and `tags` are left out — they are the sales team's pipeline on
 * the existing lead (a returning visitor would otherwise reset it to "new", medium priority
 * and today's channel), and §7.1's update merges only `custom_fields` and `ai_information`,
 * so tags sent would replace the rep's tags. The contact data and `custom_fields` (this
 * visit's message, attribution, consent and `leadkit_lead_id`) are sent; the Qvoo adapter
 * treats its updates the same way.
 */
export function toLioMerge(body: LioLeadRequest): LioLeadRequest {
  const { status: _status, priority: _priority, lead_source: _source, tags: _tags, ...visitor } = body;
  return { ...visitor, merge: 1 };
}

/**
 * Splits one name field into LIO's `first_name` / `last_name` (§8.1 has no single name field).
 * "Doe, Jane" is read as last, first; otherwise the first word is the first name and the rest
 * the last name, which keeps particles together ("Ana de la Cruz" → "Ana" / "de la Cruz").
 * A single word is a first name only: §8.1 requires neither.
 *
 * @example splitName('Jane van Doe') // { first_name: 'Jane', last_name: 'van Doe' }
 */
export function splitName(full: string): { first_name?: string; last_name?: string } {
  const text = full.trim().replace(/\s+/g, ' ');
  if (text === '') return {};
  const comma = text.indexOf(',');
  if (comma > 0 && comma < text.length - 1) {
    return {
      first_name: truncate(text.slice(comma + 1).trim(), NAME_MAX),
      last_name: truncate(text.slice(0, comma).trim(), NAME_MAX),
    };
  }
  const space = text.indexOf(' ');
  if (space < 0) return { first_name: truncate(text, NAME_MAX) };
  return {
    first_name: truncate(text.slice(0, space), NAME_MAX),
    last_name: truncate(text.slice(space + 1), NAME_MAX),
  };
}

const SEARCH_ENGINES = /(^|\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|startpage|search\.brave)\./;
const EMAIL_MEDIUMS = new Set(['email', 'e-mail', 'mail', 'newsletter']);

/**
 * LIO's `lead_source` ("1=Website, 2=Referral, 3=LinkedIn, 4=Email, 5=Direct", §8.1) from
 * attribution. The document does not say how to choose, so (first touch, else last — the
 * channel that found the lead, as CRMs' "original source" does):
 *
 * | touch | lead_source |
 * | --- | --- |
 * | `utm_source` mentions linkedin, or the referrer is linkedin.com / lnkd.in | 3 LinkedIn |
 * | `utm_medium` or `utm_source` is email / e-mail / mail / newsletter | 4 Email |
 * | `utm_medium` referral, or no UTM and no click id and a referrer that is neither a search engine nor the landing page's own site | 2 Referral |
 * | nothing at all (no UTM, click id or referrer), or only a same-site referrer | 5 Direct |
 * | anything else (paid ads, click ids, organic search, social campaigns) | 1 Website |
 *
 * Paid and search traffic is "Website" because LIO has no paid or search source and the lead
 * did arrive through the website's form.
 */
export function toLioLeadSource(attribution: Attribution): LioLeadSource {
  const touch = hasSignal(attribution.first) ? attribution.first : attribution.last;
  if (!touch || !hasSignal(touch)) return LIO_LEAD_SOURCES.direct;
  const source = touch.utm_source?.trim().toLowerCase() ?? '';
  const medium = touch.utm_medium?.trim().toLowerCase() ?? '';
  const referrerHost = hostOf(touch.referrer);
  const landingHost = hostOf(touch.landingPage);
  if (source.includes('linkedin') || /(^|\.)(linkedin\.com|lnkd\.in)$/.test(referrerHost))
    return LIO_LEAD_SOURCES.linkedin;
  if (EMAIL_MEDIUMS.has(medium) || EMAIL_MEDIUMS.has(source)) return LIO_LEAD_SOURCES.email;
  if (medium === 'referral') return LIO_LEAD_SOURCES.referral;
  const campaign = Boolean(
    source || medium || touch.utm_campaign || touch.gclid || touch.fbclid || touch.msclkid,
  );
  if (!campaign && referrerHost) {
    if (sameSite(referrerHost, landingHost)) return LIO_LEAD_SOURCES.direct;
    if (!SEARCH_ENGINES.test(`${referrerHost}.`)) return LIO_LEAD_SOURCES.referral;
  }
  return LIO_LEAD_SOURCES.website;
}

/** Consent, attribution and context as `custom_fields` strings; names a form field already took are left to it. */
function toSystemCustomFields(lead: CanonicalLead, taken: Record<string, string>): Record<string, string> {
  // A form field of the same name wins over the context value.
  return Object.fromEntries(flattenLeadContext(lead).filter(([key]) => !(key in taken)));
}

function hasSignal(touch: Touch | undefined): touch is Touch {
  if (!touch) return false;
  return Object.entries(touch).some(
    ([key, value]) => key !== 'at' && key !== 'landingPage' && Boolean(value),
  );
}

function toLookup(text: string, table: Record<string, number>): number | undefined {
  const lower = text.toLowerCase();
  const known = getOwnValue(table, lower);
  if (known !== undefined) return known;
  const n = Number(lower);
  return Number.isInteger(n) && Object.values(table).includes(n) ? n : undefined;
}

function hostOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}

function sameSite(a: string, b: string): boolean {
  return a !== '' && b !== '' && (a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`));
}

function setOnce(record: Record<string, string>, key: string, value: string): void {
  if (!Object.hasOwn(record, key)) record[key] = value;
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('').trimEnd();
}
