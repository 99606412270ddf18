/** An event to add to a visitor's calendar. */
export interface CalendarEvent {
  title: string;
  start: string;
  end: string;
  details?: string;
}

// Google's `dates` wants UTC basic format (20261124T130000Z), per its "render?action=TEMPLATE"
// link format; the instant is exact, so no zone is needed.
function toBasicUtc(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A Google Calendar "add event" link (opens the visitor's Google Calendar, prefilled). */
export function getGoogleCalendarUrl(event: CalendarEvent): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: event.title,
    dates: `${toBasicUtc(event.start)}/${toBasicUtc(event.end)}`,
    ...(event.details ? { details: event.details } : {}),
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

/** An Outlook.com "compose event" deep link, with the instants in UTC ISO 8601. */
export function getOutlookCalendarUrl(event: CalendarEvent): string {
  const params = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: event.title,
    startdt: new Date(event.start).toISOString(),
    enddt: new Date(event.end).toISOString(),
    ...(event.details ? { body: event.details } : {}),
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${params}`;
}
