/**
 * Lower-case particles that belong to the family name (`Ana da Silva`, `Ludwig van
 * Beethoven`, `Jan ter Horst`), so the split does not leave them on the given name.
 */
const PARTICLES = new Set([
  'al',
  'bin',
  'bint',
  'da',
  'das',
  'de',
  'del',
  'della',
  'der',
  'di',
  'do',
  'dos',
  'du',
  'el',
  'la',
  'le',
  'los',
  'las',
  'st.',
  'ten',
  'ter',
  'van',
  'von',
  'y',
]);

/**
 * Splits a single name field into first and last name for LeadCenter.AI's `first_name` /
 * `last_name`. The document names no lead fields at all, so the rules are leadkit's:
 * - `Doe, Jane` (a comma) → last `Doe`, first `Jane`;
 * - otherwise the last word is the family name, together with any lower-case particles
 *   before it (`Ana da Silva` → `Ana` / `da Silva`), and the rest the given names
 *   (`Mary Ann Smith` → `Mary Ann` / `Smith`);
 * - a single word is a first name only (`Cher` → `Cher` / none): an empty `last_name` is
 *   left out rather than invented.
 *
 * @example splitFullName('Ludwig van Beethoven') // { first: 'Ludwig', last: 'van Beethoven' }
 */
export function splitFullName(fullName: string): { first?: string; last?: string } {
  const name = fullName.trim().replace(/\s+/g, ' ');
  if (!name) return {};
  const comma = name.indexOf(',');
  if (comma > 0) {
    const last = name.slice(0, comma).trim();
    const first = name.slice(comma + 1).trim();
    return first ? { first, last } : { first: last };
  }
  const words = name.split(' ');
  if (words.length === 1) return { first: name };
  let start = words.length - 1;
  while (
    start > 1 &&
    PARTICLES.has((words[start - 1] as string).toLowerCase()) &&
    words[start - 1] === words[start - 1]?.toLowerCase()
  ) {
    start--;
  }
  return { first: words.slice(0, start).join(' '), last: words.slice(start).join(' ') };
}
