import type { Touch } from '../../model/attribution';
import type { CanonicalLead } from '../../model/lead';

/**
 * The line that marks a lead as ours in its notes (`leadkit id: <lead id>`). A redelivery
 * recognises its own earlier, unanswered create by it (see `findOwnLead`).
 */
export function toLeadMarker(leadId: string): string {
  return `leadkit id: ${leadId}`;
}

/** Any leadkit marker in a text, and the id it names. */
export const LEAD_MARKER_PATTERN = /leadkit id: (\S+)/;

function describeTouch(touch: Touch | undefined): string | undefined {
  if (!touch) return undefined;
  const parts = Object.entries(touch)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${value}`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/**
 * LeadCenter.AI's `notes`: the visitor's message, then a block with everything else the
 * lead carries that has no field of its own — other form fields, hidden values, consent,
 * first and last touch, the page — and the leadkit marker.
 *
 * Decision: the document names no custom-field mechanism, so anything without a field
 * would otherwise be lost; notes are what every CRM shows a salesperson. `notesDetails:
 * false` in the config sends the message alone (and then a redelivery recognises its lead
 * by email and time only).
 */
export function toLeadcenterNotes(
  lead: CanonicalLead,
  message: string | undefined,
  extraFields: Record<string, string | boolean>,
  withDetails: boolean,
): string | undefined {
  if (!withDetails) return message || undefined;
  const lines: string[] = [];
  for (const [key, value] of Object.entries(extraFields))
    lines.push(`${key}: ${value === true ? 'yes' : value === false ? 'no' : value}`);
  for (const [key, value] of Object.entries(lead.hidden)) lines.push(`${key} (hidden): ${value}`);
  if (lead.consent) {
    lines.push(
      `consent: ${lead.consent.granted ? 'granted' : 'not granted'}, version ${lead.consent.version}, ${lead.consent.grantedAt}`,
    );
  }
  const first = describeTouch(lead.attribution.first);
  const last = describeTouch(lead.attribution.last);
  if (first) lines.push(`first touch: ${first}`);
  if (last) lines.push(`last touch: ${last}`);
  if (lead.context.pageUrl) lines.push(`page: ${lead.context.pageUrl}`);
  // The document has no appointment field on a lead: the booked slot goes in the notes.
  if (lead.booking)
    lines.push(
      `booking: ${lead.booking.start} to ${lead.booking.end} (${lead.booking.timezone}), ${lead.booking.id}`,
    );
  lines.push(`form: ${lead.form}`, toLeadMarker(lead.id));
  const details = lines.join('\n');
  return message ? `${message}\n\n--\n${details}` : details;
}
