/** The language subtag of a BCP 47 tag, lower-cased (`de-AT` → `de`). */
export function getLanguage(locale: string): string {
  return (locale.split(/[-_]/)[0] ?? '').toLowerCase();
}
