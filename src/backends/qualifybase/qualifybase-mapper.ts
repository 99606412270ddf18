import type { CanonicalLead } from '../../model/lead';
import { getLocaleCountry, normalizePhone } from '../../phone/normalize-phone';
import { METADATA_MAX_BYTES, toQualifybaseMetadata } from './qualifybase-metadata';
import { pickTouch, type SourceTouch, toQualifybaseSource } from './qualifybase-source';
import {
  QUALIFYBASE_TEXT_FIELDS,
  type QualifybaseLeadCreate,
  type QualifybaseTextField,
} from './qualifybase-types';

/** What the mapper needs from the backend's config. */
export interface QualifybaseMapOptions {
  /** Form field → QualifyBase field (`treatment_interest`, `notes`, … or `external_metadata.<key>`). */
  fieldMap?: Record<string, string>;
  /** `external_source`, the namespace of our `external_id`. */
  externalSource: string;
  sourceTouch: SourceTouch;
  metadataMaxBytes?: number;
}

export type QualifybaseMapResult = { ok: true; body: QualifybaseLeadCreate } | { ok: false; message: string };

/**
 * Where the preset form fields go unless `fieldMap` says otherwise. The issue asks for
 * "`treatment_interest` and `notes` from configurable fields": by default they are the
 * `interest` and `message` presets, and `fieldMap: { "procedure": "treatment_interest" }`
 * takes another field instead (the default entry for that target then steps aside, and
 * `interest` travels in `external_metadata.fields`).
 */
export const QUALIFYBASE_DEFAULT_FIELD_MAP: Readonly<Record<string, QualifybaseTextField>> = {
  name: 'full_name',
  email: 'email',
  phone: 'phone',
  country: 'country',
  city: 'city',
  interest: 'treatment_interest',
  message: 'notes',
};

const METADATA_TARGET = 'external_metadata.';
const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether `target` is something a `fieldMap` entry may name (checked when the config loads). */
export function isQualifybaseFieldTarget(target: string): boolean {
  if (target.startsWith(METADATA_TARGET)) return target.length > METADATA_TARGET.length;
  return (QUALIFYBASE_TEXT_FIELDS as readonly string[]).includes(target);
}

function resolveFieldMap(userMap: Record<string, string> = {}): Map<string, string> {
  const claimed = new Set(Object.values(userMap));
  const map = new Map<string, string>();
  for (const [field, target] of Object.entries(QUALIFYBASE_DEFAULT_FIELD_MAP)) {
    if (!claimed.has(target)) map.set(field, target);
  }
  for (const [field, target] of Object.entries(userMap)) map.set(field, target);
  return map;
}

function toText(value: string | boolean): string {
  return typeof value === 'boolean' ? (value ? 'yes' : 'no') : value.trim();
}

/**
 * The language from the visitor's locale: its primary subtag (`de-DE` → `de`). The
 * document types `language` as a plain string; ISO 639-1 is what the rest of the `Lead`
 * (`country`, `phone` in E.164) suggests.
 */
export function toQualifybaseLanguage(locale: string | undefined): string | undefined {
  const primary = locale?.split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

/**
 * Maps a canonical lead to QualifyBase's `LeadCreate` (`POST /leads`).
 *
 * | canonical | QualifyBase |
 * | --- | --- |
 * | `id` | `external_id` (with `external_source`, default `leadkit`) — the upsert key |
 * | `name`, else `first_name` + `last_name` | `full_name` |
 * | `phone` (E.164) | `phone` |
 * | `email` | `email` |
 * | `country` field, else the phone number's country | `country` (ISO 3166-1 alpha-2) |
 * | `city` | `city` |
 * | `context.locale` | `language` (`de-DE` → `de`) |
 * | `interest` (configurable) | `treatment_interest` |
 * | `message` (configurable) | `notes` |
 * | first touch (configurable) | `source`, see `toQualifybaseSource` |
 * | consent, attribution, hidden, other fields, page context | `external_metadata` (≤ 4 KB) |
 *
 * Returns `ok: false` instead of a body the vendor would refuse: "At least one of phone or
 * email is required". A phone that is not E.164 or an email that is not an address is not
 * sent in its field (the body would be invalid) but kept in `external_metadata.fields`.
 */
export function toQualifybaseLead(lead: CanonicalLead, options: QualifybaseMapOptions): QualifybaseMapResult {
  const map = resolveFieldMap(options.fieldMap);
  const body: QualifybaseLeadCreate = {};
  const extra: Record<string, string | boolean> = {};

  for (const [field, value] of Object.entries(lead.fields)) {
    const target = map.get(field);
    const text = toText(value);
    if (text === '') continue;
    if (target?.startsWith(METADATA_TARGET)) {
      extra[target.slice(METADATA_TARGET.length)] = value;
    } else if (target && !(target in body)) {
      body[target as QualifybaseTextField] = text;
    } else if (target === 'notes') {
      // Several fields mapped to notes are all worth reading: keep them together.
      body.notes = `${body.notes}\n\n${text}`;
    } else if (field !== 'first_name' && field !== 'last_name') {
      extra[field] = value;
    }
  }

  if (!body.full_name) {
    const joined = [lead.fields.first_name, lead.fields.last_name]
      .map((part) => (typeof part === 'string' ? part.trim() : ''))
      .filter(Boolean)
      .join(' ');
    if (joined) body.full_name = joined;
  } else {
    for (const part of ['first_name', 'last_name'] as const) {
      const value = lead.fields[part];
      if (value !== undefined && value !== '' && !map.has(part)) extra[part] = value;
    }
  }

  if (body.phone && !E164.test(body.phone)) {
    const parsed = normalizePhone(body.phone, getLocaleCountry(lead.context.locale));
    if (parsed.ok) body.phone = parsed.e164;
    else {
      extra.phone = body.phone;
      delete body.phone;
    }
  }
  if (body.email && !EMAIL.test(body.email)) {
    extra.email = body.email;
    delete body.email;
  }
  if (!body.phone && !body.email) {
    return {
      ok: false,
      message:
        'QualifyBase needs a phone (E.164) or an email ("At least one of phone or email is required"); this lead has neither',
    };
  }

  if (body.country && /^[A-Za-z]{2}$/.test(body.country)) body.country = body.country.toUpperCase();
  if (!body.country && body.phone) {
    const parsed = normalizePhone(body.phone);
    if (parsed.ok && parsed.country) body.country = parsed.country;
  }
  const language = body.language ?? toQualifybaseLanguage(lead.context.locale);
  if (language) body.language = language;

  body.source = toQualifybaseSource(pickTouch(lead.attribution, options.sourceTouch), lead.context.pageUrl);
  body.external_source = options.externalSource;
  body.external_id = lead.id;
  body.external_metadata = toQualifybaseMetadata(lead, extra, options.metadataMaxBytes ?? METADATA_MAX_BYTES);
  return { ok: true, body };
}
