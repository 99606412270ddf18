import { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

// Layout of the decoded reference: key id | synthetic IV | AES-256-GCM(lead id) | GCM tag.
const KID_BYTES = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MIN_BYTES = KID_BYTES + IV_BYTES + 1 + TAG_BYTES;
// A lead id is a UUID today; the cap only keeps junk from costing work.
const MAX_REF_CHARS = 512;

interface LeadRefKey {
  /** Public, derived from the secret: picks the key among `secrets` without trying each. */
  kid: Buffer;
  enc: Buffer;
  mac: Buffer;
}

// Derived keys by secret; a proxy has a handful of secrets, so the cap is only a guard.
const derived = new Map<string, LeadRefKey>();

function getKey(secret: string): LeadRefKey {
  let key = derived.get(secret);
  if (!key) {
    // One HKDF-SHA256 output split three ways, so the encryption key, the IV key and the
    // key id are independent of each other and of the other uses of `secret`.
    const okm = Buffer.from(hkdfSync('sha256', secret, 'leadkit', 'lead-ref v1', KID_BYTES + 64));
    key = {
      kid: okm.subarray(0, KID_BYTES),
      enc: okm.subarray(KID_BYTES, KID_BYTES + 32),
      mac: okm.subarray(-32),
    };
    if (derived.size >= 32) derived.clear();
    derived.set(secret, key);
  }
  return key;
}

function syntheticIv(key: LeadRefKey, leadId: Buffer): Buffer {
  return createHmac('sha256', key.mac).update(leadId).digest().subarray(0, IV_BYTES);
}

/**
 * An opaque, URL-safe reference to one lead (CONTRACT §4): the lead id encrypted and
 * authenticated with AES-256-GCM under a key derived from `secret`, base64url-encoded.
 * Whoever holds it cannot read the lead id from it, nor make one from a lead id. The IV is
 * an HMAC of the lead id (SIV-style), so one lead always has the same reference and a
 * nonce is never reused for two different ids; a short key id in front lets
 * `parseLeadRef` find the right key while `secret` rotates.
 */
export function createLeadRef(leadId: string, secret: string): string {
  const key = getKey(secret);
  const plain = Buffer.from(leadId, 'utf8');
  const iv = syntheticIv(key, plain);
  const cipher = createCipheriv('aes-256-gcm', key.enc, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(key.kid);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([key.kid, iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

function openWith(key: LeadRefKey, bytes: Buffer): string | null {
  const iv = bytes.subarray(KID_BYTES, KID_BYTES + IV_BYTES);
  const sealed = bytes.subarray(KID_BYTES + IV_BYTES, -TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.enc, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(key.kid);
    decipher.setAuthTag(bytes.subarray(-TAG_BYTES));
    // GCM checks the tag in constant time inside final(); a mismatch throws.
    const plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
    // Only the one reference we mint for this lead is valid, not another IV for the same id.
    return timingSafeEqual(syntheticIv(key, plain), iv) ? plain.toString('utf8') : null;
  } catch {
    return null;
  }
}

/**
 * The lead id a reference names, or null when it is malformed, altered or not made with one
 * of `secrets` (the current `secret` first, then rotation keys). Never throws, whatever the
 * input.
 */
export function parseLeadRef(ref: string, secrets: string | readonly string[]): string | null {
  if (typeof ref !== 'string' || ref.length > MAX_REF_CHARS || !/^[A-Za-z0-9_-]+$/.test(ref)) return null;
  const bytes = Buffer.from(ref, 'base64url');
  // Non-canonical base64url (stray trailing bits) would be a second spelling of one ref.
  if (bytes.length < MIN_BYTES || bytes.toString('base64url') !== ref) return null;
  const kid = bytes.subarray(0, KID_BYTES);
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    const key = getKey(secret);
    if (!key.kid.equals(kid)) continue;
    const leadId = openWith(key, bytes);
    if (leadId !== null) return leadId;
  }
  return null;
}
