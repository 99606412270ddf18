/** The visitor's IANA time zone, if the browser tells. */
export function getBrowserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** The query string of a URL (`?a=1`), or '' when the URL cannot be read. */
export function getQueryString(href: string): string {
  try {
    return new URL(href).search;
  } catch {
    return '';
  }
}
