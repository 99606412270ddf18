import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

// Layout of the decoded token: version | expiry (unix seconds, uint32 BE) | HMAC-SHA256 tag.
const VERSION = 1;
const HEADER_BYTES = 1 + 4;
const TAG_BYTES = 32;
const TOKEN_BYTES = HEADER_BYTES + TAG_BYTES;
const TOKEN_CHARS = Math.ceil((TOKEN_BYTES * 4) / 3);
const MAX_EXPIRY_SECONDS = 0xffff_ffff;

// Derived keys by secret; a proxy has a handful of secrets, so the cap is only a guard.
const derived = new Map<string, Buffer>();

function getKey(secret: string): Buffer {
  let key = derived.get(secret);
  if (!key) {
    // Its own key, so a manage token can never be confused with a leadRef or a tracking token
    // made from the same `secret`.
    key = Buffer.from(hkdfSync('sha256', secret, 'leadkit', 'manage-token v1', 32));
    if (derived.size >= 32) derived.clear();
    derived.set(secret, key);
  }
  return key;
}

function getTag(secret: string, header: Buffer, bookingId: string): Buffer {
  // The booking id is the last field, so header || id is unambiguous.
  return createHmac('sha256', getKey(secret)).update(header).update(bookingId, 'utf8').digest();
}

/**
 * The manage link's credential for one booking (CONTRACT §4 `/v1/bookings/:id?token=`):
 * URL-safe base64 of a version byte, the expiry (unix seconds, rounded up) and an
 * HMAC-SHA256 over both and the booking id, under a key derived from `secret`. It names
 * no personal data; it opens only that booking and only until `expiresAt`.
 * Throws a RangeError for an empty booking id or secret, or an expiry outside 1970–2106.
 */
export function createManageToken(bookingId: string, expiresAt: Date, secret: string): string {
  if (typeof bookingId !== 'string' || bookingId.length === 0)
    throw new RangeError('createManageToken: empty booking id');
  if (typeof secret !== 'string' || secret.length === 0)
    throw new RangeError('createManageToken: empty secret');
  const seconds = Math.ceil(expiresAt.getTime() / 1000);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_EXPIRY_SECONDS) {
    throw new RangeError('createManageToken: expiresAt must be a valid date between 1970 and 2106');
  }
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt8(VERSION, 0);
  header.writeUInt32BE(seconds, 1);
  return Buffer.concat([header, getTag(secret, header, bookingId)]).toString('base64url');
}

/**
 * Checks a manage token for `bookingId`: `ok`, `expired` (authentic, but `now` is at or past
 * its expiry), or `invalid` (malformed, altered, made for another booking, or not made with
 * any of `secrets` — the current `secret` first, then the rotation keys). Tags are compared
 * in constant time; an expiry is only believed once the tag matched. Never throws,
 * whatever the input.
 */
export function verifyManageToken(
  token: string,
  bookingId: string,
  secrets: readonly string[],
  now: Date,
): 'ok' | 'invalid' | 'expired' {
  if (typeof token !== 'string' || token.length !== TOKEN_CHARS || !/^[A-Za-z0-9_-]+$/.test(token))
    return 'invalid';
  if (typeof bookingId !== 'string' || bookingId.length === 0 || !Array.isArray(secrets)) return 'invalid';
  const bytes = Buffer.from(token, 'base64url');
  // Non-canonical base64url (stray trailing bits) would be a second spelling of one token.
  if (bytes.length !== TOKEN_BYTES || bytes.toString('base64url') !== token) return 'invalid';
  if (bytes.readUInt8(0) !== VERSION) return 'invalid';
  const header = bytes.subarray(0, HEADER_BYTES);
  const tag = bytes.subarray(HEADER_BYTES);
  let authentic = false;
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length === 0) continue;
    if (timingSafeEqual(getTag(secret, header, bookingId), tag)) {
      authentic = true;
      break;
    }
  }
  if (!authentic) return 'invalid';
  const nowMs = now instanceof Date ? now.getTime() : Number.NaN;
  if (Number.isNaN(nowMs)) return 'invalid';
  return nowMs >= header.readUInt32BE(1) * 1000 ? 'expired' : 'ok';
}
