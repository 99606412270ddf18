const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
// Seven or more digits, possibly with a leading + and common separators: phone-like.
const PHONE = /\+?\d(?:[\s().-]*\d){6,}/g;
const UUIDISH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Masks e-mail addresses (`j***@example.com`) and phone numbers (`+49******78`) in free
 * text, such as a vendor's error message that quotes the lead back. UUIDs (lead and
 * delivery ids) are left readable.
 */
export function maskPersonalData(text: string): string {
  // Split around UUIDs (kept as they are) and mask the text between them.
  const parts = text.split(UUIDISH);
  const ids = text.match(UUIDISH) ?? [];
  return parts
    .map((part) =>
      part
        .replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`)
        .replace(PHONE, (phone) => {
          const digits = phone.replace(/\D/g, '');
          return `${phone.startsWith('+') ? '+' : ''}${digits.slice(0, 2)}${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-2)}`;
        }),
    )
    .reduce((out, part, i) => out + part + (ids[i] ?? ''), '');
}

/** Masks personal data in every string of a log object, however deep. */
export function maskLogObject(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskLogObject(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskLogObject(v, depth + 1)]));
}
