import type { CanonicalLead } from '../model/lead';

/**
 * The lead's context as flat string pairs — form, creation time, consent, first and last
 * touch (`first_touch_utm_source`, `last_touch_landing_page`, …), the booked slot
 * (`booking_id`, `booking_start`, … on a booking's lead), page, locale and time zone —
 * for vendors whose only place for them is a map of string custom fields (LIO, SquadStack).
 * Empty values are left out.
 */
export function flattenLeadContext(lead: CanonicalLead): Array<[key: string, value: string]> {
  const pairs: Array<[string, string | undefined]> = [
    ['leadkit_form', lead.form],
    ['leadkit_created_at', lead.createdAt],
  ];
  if (lead.consent) {
    pairs.push(
      ['consent_granted', String(lead.consent.granted)],
      ['consent_text', lead.consent.text],
      ['consent_version', lead.consent.version],
      ['consent_granted_at', lead.consent.grantedAt],
    );
  }
  for (const [prefix, touch] of [
    ['first_touch', lead.attribution.first],
    ['last_touch', lead.attribution.last],
  ] as const) {
    for (const [key, value] of Object.entries(touch ?? {})) {
      pairs.push([`${prefix}_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`, value]);
    }
  }
  if (lead.booking) {
    pairs.push(
      ['booking_id', lead.booking.id],
      ['booking_calendar', lead.booking.calendar],
      ['booking_start', lead.booking.start],
      ['booking_end', lead.booking.end],
      ['booking_timezone', lead.booking.timezone],
    );
  }
  pairs.push(
    ['page_url', lead.context.pageUrl],
    ['locale', lead.context.locale],
    ['timezone', lead.context.timezone],
  );
  return pairs.filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1].trim() !== '');
}
