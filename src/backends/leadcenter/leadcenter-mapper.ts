import type { Touch } from '../../model/attribution';
import type { CanonicalLead } from '../../model/lead';
import { splitFullName } from './leadcenter-name';
import { toLeadcenterNotes } from './leadcenter-notes';
import type { LeadcenterLeadCreate } from './leadcenter-types';

/** What the mapper needs from the backend's config. */
export interface LeadcenterMapOptions {
  /** Form field → LeadCenter.AI field (any name the workspace knows). */
  fieldMap?: Record<string, string>;
  sourceTouch: 'first' | 'last';
  /** `source` when the visit carried no attribution at all. */
  defaultSource: string;
  /** Whether `notes` carries the details block (see `toLeadcenterNotes`). */
  notesDetails: boolean;
}

/** Where the preset fields go unless `fieldMap` says otherwise; `name` is split (see `splitFullName`). */
export const LEADCENTER_DEFAULT_FIELD_MAP: Readonly<Record<string, string>> = {
  first_name: 'first_name',
  last_name: 'last_name',
  email: 'email',
  phone: 'phone',
  company: 'company',
  message: 'notes',
};

const SEARCH_HOSTS =
  /(^|\.)(google\.[a-z.]+|bing\.com|duckduckgo\.com|yahoo\.com|ecosia\.org|baidu\.com|yandex\.[a-z.]+|search\.brave\.com|startpage\.com|qwant\.com)$/;

function getHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/**
 * `source` and `medium` from one touch. The issue: "LeadCenter.AI's public integrations
 * filter leads by source and medium: fill them from utm_source/utm_medium". The document
 * itself says nothing, so where a visit has no UTM tags leadkit fills them the way GA4
 * reports such visits, which is what a marketer compares them with:
 *
 * | touch has | source | medium |
 * | --- | --- | --- |
 * | `utm_source` / `utm_medium` | verbatim | verbatim (none if only the source is tagged) |
 * | `gclid` | `google` | `cpc` |
 * | `msclkid` | `bing` | `cpc` |
 * | `fbclid` | `facebook` | `social` |
 * | a referrer that is a search engine | its host (`google.com`) | `organic` |
 * | another referrer | its host | `referral` |
 * | nothing | `defaultSource` (config, default `website`) | `direct` |
 *
 * The first touch decides by default, like QualifyBase's `source` ("where did this lead
 * come from"); `sourceTouch: "last"` flips it.
 */
export function toLeadcenterSourceMedium(
  touch: Touch | undefined,
  defaultSource: string,
): { source: string; medium?: string } {
  const source = touch?.utm_source?.trim();
  const medium = touch?.utm_medium?.trim();
  if (source) return medium ? { source, medium } : { source };
  if (touch?.gclid) return { source: 'google', medium: medium || 'cpc' };
  if (touch?.msclkid) return { source: 'bing', medium: medium || 'cpc' };
  if (touch?.fbclid) return { source: 'facebook', medium: medium || 'social' };
  const referrer = getHost(touch?.referrer);
  if (referrer && referrer !== getHost(touch?.landingPage)) {
    return { source: referrer, medium: medium || (SEARCH_HOSTS.test(referrer) ? 'organic' : 'referral') };
  }
  return { source: defaultSource, medium: medium || 'direct' };
}

function pickTouch(lead: CanonicalLead, which: 'first' | 'last'): Touch | undefined {
  const { first, last } = lead.attribution;
  const [preferred, other] = which === 'first' ? [first, last] : [last, first];
  return preferred && Object.keys(preferred).length > 0 ? preferred : other;
}

function toText(value: string | boolean): string {
  return typeof value === 'boolean' ? (value ? 'yes' : 'no') : value.trim();
}

/**
 * Maps a canonical lead to the body of LeadCenter.AI's lead create.
 *
 * | canonical | LeadCenter.AI |
 * | --- | --- |
 * | `first_name`, `last_name`; else `name` split (`splitFullName`) | `first_name`, `last_name` |
 * | `email` | `email` |
 * | `phone` (E.164) | `phone` |
 * | `company` | `company` |
 * | first touch `utm_source` / `utm_medium` | `source` / `medium` (see `toLeadcenterSourceMedium`) |
 * | `message` + other fields, hidden values, consent, attribution, page, leadkit id | `notes` |
 * | anything named in `fieldMap` | the field it names |
 *
 * A `fieldMap` entry replaces the default for its form field, and a default whose target a
 * user entry claims steps aside (`{ "enquiry": "notes" }` makes `enquiry` the message).
 * The phone goes as E.164: the document names no format, and E.164 is unambiguous for any
 * country.
 */
export function toLeadcenterLead(lead: CanonicalLead, options: LeadcenterMapOptions): LeadcenterLeadCreate {
  const userMap = options.fieldMap ?? {};
  const claimed = new Set(Object.values(userMap));
  const map = new Map<string, string>();
  for (const [field, target] of Object.entries(LEADCENTER_DEFAULT_FIELD_MAP))
    if (!claimed.has(target)) map.set(field, target);
  for (const [field, target] of Object.entries(userMap)) map.set(field, target);

  const body: LeadcenterLeadCreate = {};
  const notes: string[] = [];
  const extra: Record<string, string | boolean> = {};
  for (const [field, value] of Object.entries(lead.fields)) {
    const text = toText(value);
    if (text === '') continue;
    const target = map.get(field);
    if (target === 'notes') notes.push(text);
    else if (target && body[target] === undefined) body[target] = text;
    else if (field !== 'name' || map.has('name')) extra[field] = value;
  }

  const name = lead.fields.name;
  if (typeof name === 'string' && !map.has('name')) {
    const split = splitFullName(name);
    if (body.first_name === undefined && body.last_name === undefined) {
      if (split.first) body.first_name = split.first;
      if (split.last) body.last_name = split.last;
    } else if (name.trim()) {
      extra.name = name;
    }
  }

  const { source, medium } = toLeadcenterSourceMedium(
    pickTouch(lead, options.sourceTouch),
    options.defaultSource,
  );
  if (body.source === undefined) body.source = source;
  if (body.medium === undefined && medium) body.medium = medium;

  const text = toLeadcenterNotes(lead, notes.join('\n\n') || undefined, extra, options.notesDetails);
  if (text) body.notes = text;
  return body;
}
