// Addresses as RFC 6531 allows them: any letter, mark or digit of any script in the local
// part and the domain (`jürgen@müller-bau.de`, `ω@例え.jp`), not only ASCII.
const EMAIL =
  /([\p{L}\p{M}\p{N}!#$%&'’*+/=?^_`{|}~-])[\p{L}\p{M}\p{N}!#$%&'’*+/=?^_`{|}~.-]*@((?:[\p{L}\p{M}\p{N}-]+\.)+(?:[\p{L}\p{M}]{2,}|xn--[a-z0-9-]+))/giu;
// Seven or more digits, possibly with a leading + and common separators: phone-like.
const PHONE = /\+?\d(?:[\s().-]*\d){6,}/g;
/**
 * What looks like a phone but is not one, kept whole: UUIDs (lead ids), ISO dates and times,
 * prefixed ids whose tail has a letter (`msg_<32 hex>` delivery ids, vendor ids such as
 * `lead_7Hx…`), and hex strings of 16 or more with a letter (hashes). A tail of digits
 * only (`lead_4915112345678`) may be a phone, so it is not kept.
 */
const NOT_A_PHONE = new RegExp(
  [
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.source,
    /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/.source,
    /\b[A-Za-z][A-Za-z0-9]*_(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]+\b/.source,
    /\b(?=[0-9a-f]*[a-f])[0-9a-f]{16,}\b/.source,
  ].join('|'),
  'gi',
);

function maskPhones(text: string): string {
  return text.replace(PHONE, (phone) => {
    const digits = phone.replace(/\D/g, '');
    return `${phone.startsWith('+') ? '+' : ''}${digits.slice(0, 2)}${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-2)}`;
  });
}

/**
 * Masks e-mail addresses (`j***@example.com`, internationalised ones too) and phone numbers
 * (`+49******78`) in free text, such as a vendor's error message that quotes the lead back.
 * Ids (lead UUIDs, `msg_…` delivery ids, hashes) and timestamps are left readable.
 */
export function maskPersonalData(text: string): string {
  // E-mails first, over the whole text: an id-like local part (`jane_doe1@…`) is still an address.
  const withoutEmails = text.replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`);
  const kept = withoutEmails.match(NOT_A_PHONE) ?? [];
  return withoutEmails
    .split(NOT_A_PHONE)
    .map(maskPhones)
    .reduce((out, part, i) => out + part + (kept[i] ?? ''), '');
}

/** Masks personal data in every string of a log object, however deep. */
export function maskLogObject(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskLogObject(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskLogObject(v, depth + 1)]));
}
