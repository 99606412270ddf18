/**
 * A slot as the visitor reads it: "Tuesday, 24 November 2026, 14:00 – 14:30" in `timeZone`,
 * 12 or 24 hours as the locale has it. Falls back to the ISO text where Intl cannot format.
 */
export function formatSlot(start: string, end: string, locale: string, timeZone: string): string {
  try {
    const format = new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
    });
    return format.formatRange(new Date(start), new Date(end));
  } catch {
    return `${start} – ${end}`;
  }
}

/** The zone's name as people read it ("Central European Time"), else its IANA id. */
export function getZoneName(timeZone: string, locale: string, at: string): string {
  try {
    const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' })
      .formatToParts(new Date(at))
      .find((p) => p.type === 'timeZoneName');
    return part ? `${part.value} (${timeZone})` : timeZone;
  } catch {
    return timeZone;
  }
}
