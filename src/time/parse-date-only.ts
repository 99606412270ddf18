const DAY_MS = 86_400_000;

/**
 * The day number (days since 1970-01-01) of a `YYYY-MM-DD` date, or null when the text is
 * not a real calendar date (`2026-02-30`). A date has no zone: the number only orders and
 * counts dates.
 */
export function parseDateOnly(date: string): number | null {
  if (typeof date !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  return ms / DAY_MS;
}

/** The `YYYY-MM-DD` text of a day number from `parseDateOnly`. */
export function formatDateOnly(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}
