import type { CanonicalLead } from '../../model/lead';

/**
 * The byte budget for `external_metadata`. The document says "Free-form pass-through JSON,
 * up to 4KB" without saying whether a KB is 1,000 or 1,024 bytes, or whether it counts
 * characters or bytes. Decision: at most 4,000 bytes of UTF-8 JSON, which is under the
 * limit in every one of those readings.
 */
export const METADATA_MAX_BYTES = 4000;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const encoder = new TextEncoder();

/** The size the vendor measures: UTF-8 bytes of the JSON text. */
export function getJsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

function compact(object: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object))
    if (value !== undefined && value !== '') out[key] = value as Json;
  return out;
}

/**
 * Builds `external_metadata`: everything about the lead that has no QualifyBase field of its
 * own — our ids, consent, first and last touch, hidden values, the form's extra fields and
 * the page context — and keeps it within `maxBytes` by dropping the least important keys
 * first (the issue: "kept under 4 KB by dropping the least important keys first — never
 * sending an invalid body"). The names of dropped keys are listed under `dropped`, so a
 * clinic can see in QualifyBase that something was left out; the lead itself always keeps
 * everything in leadkit's store.
 *
 * Drop order, least important first (larger values first within a step):
 * 1. `context.timezone`, `context.page_url` (the page is usually the landing page again)
 * 2. `utm_term`, `utm_content` of both touches
 * 3. `referrer`, `landingPage` of the last, then the first touch
 * 4. `consent.text` (its `version` still identifies the wording; `granted`/`granted_at` stay)
 * 5. extra form fields
 * 6. hidden values
 * 7. the whole last touch, then the whole first touch (its source is already in `source`)
 * 8. `consent` itself
 * `leadkit` (lead id, form, time) is never dropped: it is how the lead is found again.
 */
export function toQualifybaseMetadata(
  lead: CanonicalLead,
  extraFields: Record<string, string | boolean>,
  maxBytes: number = METADATA_MAX_BYTES,
): Record<string, unknown> {
  const metadata: JsonObject = {
    leadkit: compact({
      lead_id: lead.id,
      form: lead.form,
      created_at: lead.createdAt,
      booking_id: lead.bookingId,
    }),
  };
  if (lead.consent) {
    metadata.consent = compact({
      granted: lead.consent.granted,
      version: lead.consent.version,
      granted_at: lead.consent.grantedAt,
      text: lead.consent.text,
    });
  }
  // Copies, because dropping keys must never touch the lead itself.
  const attribution = compact({
    first: copyTouch(lead.attribution.first),
    last: copyTouch(lead.attribution.last),
  });
  if (Object.keys(attribution).length > 0) metadata.attribution = attribution;
  if (Object.keys(lead.hidden).length > 0) metadata.hidden = { ...lead.hidden };
  if (Object.keys(extraFields).length > 0) metadata.fields = { ...extraFields };
  const context = compact({
    page_url: lead.context.pageUrl,
    locale: lead.context.locale,
    timezone: lead.context.timezone,
  });
  if (Object.keys(context).length > 0) metadata.context = context;

  const dropped: string[] = [];
  const measure = () => getJsonBytes(dropped.length > 0 ? { ...metadata, dropped } : metadata);
  for (const path of getDropOrder(metadata)) {
    if (measure() <= maxBytes) break;
    if (removePath(metadata, path)) dropped.push(path.join('.'));
  }
  if (dropped.length === 0) return metadata;
  const withNames = { ...metadata, dropped };
  if (getJsonBytes(withNames) <= maxBytes) return withNames;
  // The list of names itself can be what no longer fits (hundreds of extra fields): a count still tells.
  const withCount = { ...metadata, dropped: dropped.length };
  return getJsonBytes(withCount) <= maxBytes ? withCount : { leadkit: metadata.leadkit ?? {} };
}

function copyTouch(touch: Record<string, unknown> | undefined): JsonObject | undefined {
  return touch && Object.keys(touch).length > 0 ? compact(touch) : undefined;
}

function bySizeDescending(parent: JsonObject | undefined, prefix: string[]): string[][] {
  if (!parent) return [];
  return Object.keys(parent)
    .sort((a, b) => getJsonBytes(parent[b]) - getJsonBytes(parent[a]))
    .map((key) => [...prefix, key]);
}

function getDropOrder(metadata: JsonObject): string[][] {
  const touches = ['last', 'first'];
  return [
    ['context', 'timezone'],
    ['context', 'page_url'],
    ...touches.flatMap((t) => [
      ['attribution', t, 'utm_term'],
      ['attribution', t, 'utm_content'],
    ]),
    ...touches.flatMap((t) => [
      ['attribution', t, 'referrer'],
      ['attribution', t, 'landingPage'],
    ]),
    ['consent', 'text'],
    ...bySizeDescending(metadata.fields as JsonObject | undefined, ['fields']),
    ...bySizeDescending(metadata.hidden as JsonObject | undefined, ['hidden']),
    ['context'],
    ['attribution', 'last'],
    ['attribution', 'first'],
    ['consent'],
  ];
}

/** Removes one path; empties its parents on the way up. Returns whether something was removed. */
function removePath(root: JsonObject, path: string[]): boolean {
  const parents: JsonObject[] = [root];
  for (const key of path.slice(0, -1)) {
    const next = parents[parents.length - 1]?.[key];
    if (!next || typeof next !== 'object' || Array.isArray(next)) return false;
    parents.push(next);
  }
  const last = path[path.length - 1] as string;
  const parent = parents[parents.length - 1] as JsonObject;
  if (!(last in parent)) return false;
  delete parent[last];
  for (let i = parents.length - 1; i > 0; i--) {
    const node = parents[i] as JsonObject;
    if (Object.keys(node).length > 0) break;
    delete (parents[i - 1] as JsonObject)[path[i - 1] as string];
  }
  return true;
}
