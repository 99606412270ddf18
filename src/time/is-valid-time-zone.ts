/**
 * Whether `zone` names a time zone this runtime knows (an IANA name such as `Europe/Berlin`,
 * or `UTC`). Intl is the arbiter because it is what every later calculation uses.
 */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
