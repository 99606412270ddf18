import type { CanonicalLead } from '../../model/lead';
import { LEAD_MARKER_PATTERN } from './leadcenter-notes';
import { type LeadcenterLead, leadcenterCollectionSchema, leadcenterLeadSchema } from './leadcenter-types';

/**
 * How long before our lead's `createdAt` a vendor record may have been created and still
 * be ours: clocks of two machines disagree by seconds, not by ten minutes.
 */
const CLOCK_SKEW_MS = 10 * 60_000;

/** The leads in a search answer, plain array or paginated `{ data, meta, links }`; odd items are skipped. */
export function parseLeadcenterLeads(json: unknown): LeadcenterLead[] | undefined {
  const parsed = leadcenterCollectionSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const items = Array.isArray(parsed.data) ? parsed.data : parsed.data.data;
  return items.flatMap((item) => {
    const lead = leadcenterLeadSchema.safeParse(item);
    return lead.success ? [lead.data] : [];
  });
}

/** The lead ids named by leadkit markers anywhere in a record's text values. */
function getMarkedIds(record: LeadcenterLead): string[] {
  const pattern = new RegExp(LEAD_MARKER_PATTERN.source, 'g');
  return Object.values(record).flatMap((value) =>
    typeof value === 'string' ? Array.from(value.matchAll(pattern), (match) => match[1] as string) : [],
  );
}

/**
 * Which search result, if any, is the lead an earlier attempt of this delivery created.
 * `?search=` is a fuzzy search, so a hit is not enough:
 * 1. a record whose text carries our marker (`leadkit id: <id>`, written into `notes`) is ours;
 * 2. a record carrying another lead's marker is not;
 * 3. without markers (notes details off, or the vendor does not echo notes) a record with
 *    the same email created no earlier than our lead (minus clock skew) is taken as ours.
 * When in doubt it is not ours: a rare second lead can be merged by a person; a lead
 * skipped as "already there" is lost without anyone seeing it.
 */
export function findOwnLead(records: LeadcenterLead[], lead: CanonicalLead): LeadcenterLead | undefined {
  const marked = records.find((record) => getMarkedIds(record).includes(lead.id));
  if (marked) return marked;
  const email = typeof lead.fields.email === 'string' ? lead.fields.email.trim().toLowerCase() : '';
  if (!email) return undefined;
  const earliest = Date.parse(lead.createdAt) - CLOCK_SKEW_MS;
  return records.find((record) => {
    if (record.email?.trim().toLowerCase() !== email) return false;
    if (getMarkedIds(record).length > 0) return false;
    const created = record.created_at ? Date.parse(record.created_at) : Number.NaN;
    return !Number.isNaN(created) && created >= earliest;
  });
}
