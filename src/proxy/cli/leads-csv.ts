import type { CanonicalLead } from '../../model/lead';

/**
 * A CSV cell, quoted when needed and safe against formula injection: a value a spreadsheet
 * would run (starting with =, +, -, @, tab or CR) is prefixed with an apostrophe (OWASP's
 * advice), so `+4915…` shows as text rather than being evaluated.
 */
export function toCsvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : typeof value === 'string' ? value : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

const ATTRIBUTION_KEYS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'gclid',
  'fbclid',
  'msclkid',
  'referrer',
  'landingPage',
] as const;

/** Leads as CSV: fixed columns, then every field and hidden value any of them has. */
export function toLeadsCsv(leads: readonly CanonicalLead[]): string {
  const fieldKeys = [...new Set(leads.flatMap((l) => Object.keys(l.fields)))];
  const hiddenKeys = [...new Set(leads.flatMap((l) => Object.keys(l.hidden)))];
  const header = [
    'id',
    'createdAt',
    'form',
    ...fieldKeys,
    ...hiddenKeys.map((k) => `hidden.${k}`),
    'consent.granted',
    'consent.version',
    'consent.grantedAt',
    ...ATTRIBUTION_KEYS.map((k) => `first.${k}`),
    ...ATTRIBUTION_KEYS.map((k) => `last.${k}`),
    'pageUrl',
    'locale',
  ];
  const rows = leads.map((l) => [
    l.id,
    l.createdAt,
    l.form,
    ...fieldKeys.map((k) => l.fields[k]),
    ...hiddenKeys.map((k) => l.hidden[k]),
    l.consent?.granted,
    l.consent?.version,
    l.consent?.grantedAt,
    ...ATTRIBUTION_KEYS.map((k) => l.attribution.first?.[k]),
    ...ATTRIBUTION_KEYS.map((k) => l.attribution.last?.[k]),
    l.context.pageUrl,
    l.context.locale,
  ]);
  return `${[header, ...rows].map((row) => row.map(toCsvCell).join(',')).join('\r\n')}\r\n`;
}
