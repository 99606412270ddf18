import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** What a tracking token says: who, which email, which kind of event and, for a click, where to. */
export interface TrackingClaims {
  /** An open token is never accepted where a click token is expected, nor the reverse. */
  type: 'open' | 'click';
  /** The signed lead reference (security/lead-ref.ts), appended as `lk_ref` on a human click. */
  leadRef: string;
  campaign: string | null;
  /** Shared by the pixel and every link of one email (11 base64url characters). */
  emailId: string;
  /** Whole seconds: the verdicts judge a fetch made right after minting. */
  issuedAt: Date;
  expiresAt: Date;
  /** The sealed destination of a click (already checked, see check-destination.ts); null for an open. */
  url: string | null;
}

// Layout: key id | type | issued at | expires at | email id | leadRef | campaign | url | tag.
const KID_BYTES = 2;
const EMAIL_ID_BYTES = 8;
const TAG_BYTES = 16; // HMAC-SHA256 cut to 128 bits (RFC 2104 §5 allows truncation to half)
const MAX_CAMPAIGN_BYTES = 64;
const MAX_URL_BYTES = 2048;
const MAX_LEAD_REF_BYTES = 255;
const TYPE_CODES = { open: 1, click: 2 } as const;
/** Longest token accepted; longer input is refused before it is decoded. */
export const MAX_TOKEN_CHARS = 4096;

interface TokenKey {
  kid: Buffer;
  mac: Buffer;
}

const derived = new Map<string, TokenKey>();

// As lead-ref.ts does: an HKDF output split into a public key id and the MAC key, with its
// own `info` so these keys are independent of the leadRef keys made from the same secret.
function getKey(secret: string): TokenKey {
  let key = derived.get(secret);
  if (!key) {
    const okm = Buffer.from(hkdfSync('sha256', secret, 'leadkit', 'tracking-token v1', KID_BYTES + 32));
    key = { kid: okm.subarray(0, KID_BYTES), mac: okm.subarray(KID_BYTES) };
    if (derived.size >= 32) derived.clear();
    derived.set(secret, key);
  }
  return key;
}

function tag(key: TokenKey, body: Buffer): Buffer {
  return createHmac('sha256', key.mac).update(body).digest().subarray(0, TAG_BYTES);
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return b;
}

/**
 * Mints a compact, URL-safe (`[A-Za-z0-9_-]`) token carrying `claims`, authenticated with
 * HMAC-SHA256 under a key derived from `secret` (tag 128 bits). The claims are readable by
 * whoever holds the token (the leadRef inside is itself encrypted); they cannot be changed.
 * Throws on claims that cannot be encoded: callers check the URL first.
 */
export function createTrackingToken(claims: TrackingClaims, secret: string): string {
  if ((claims.type === 'click') !== (claims.url !== null))
    throw new Error('a click token needs a URL and an open token must not have one');
  const leadRef = Buffer.from(claims.leadRef, 'base64url');
  if (
    !leadRef.length ||
    leadRef.length > MAX_LEAD_REF_BYTES ||
    leadRef.toString('base64url') !== claims.leadRef
  )
    throw new Error('the leadRef is not a lead reference');
  const campaign = Buffer.from(claims.campaign ?? '', 'utf8');
  if (campaign.length > MAX_CAMPAIGN_BYTES)
    throw new Error(`the campaign is longer than ${MAX_CAMPAIGN_BYTES} bytes`);
  const url = Buffer.from(claims.url ?? '', 'utf8');
  if (url.length > MAX_URL_BYTES) throw new Error(`the URL is longer than ${MAX_URL_BYTES} bytes`);
  const emailId = Buffer.from(claims.emailId, 'base64url');
  if (emailId.length !== EMAIL_ID_BYTES) throw new Error('the email id must be 8 bytes');
  const key = getKey(secret);
  const urlLength = Buffer.alloc(2);
  urlLength.writeUInt16BE(url.length);
  const body = Buffer.concat([
    key.kid,
    Buffer.from([TYPE_CODES[claims.type]]),
    u32(Math.floor(claims.issuedAt.getTime() / 1000)),
    u32(Math.floor(claims.expiresAt.getTime() / 1000)),
    emailId,
    Buffer.from([leadRef.length]),
    leadRef,
    Buffer.from([campaign.length]),
    campaign,
    urlLength,
    url,
  ]);
  return Buffer.concat([body, tag(key, body)]).toString('base64url');
}

/** Reads the claims after the tag is checked; null when the layout does not add up. */
function decode(body: Buffer): (Omit<TrackingClaims, 'type'> & { typeCode: number }) | null {
  let at = KID_BYTES;
  const need = (n: number) => at + n <= body.length;
  if (!need(1 + 8 + EMAIL_ID_BYTES + 1)) return null;
  const typeCode = body[at++] as number;
  const issuedAt = body.readUInt32BE(at);
  const expiresAt = body.readUInt32BE(at + 4);
  at += 8;
  const emailId = body.subarray(at, at + EMAIL_ID_BYTES).toString('base64url');
  at += EMAIL_ID_BYTES;
  const refLength = body[at++] as number;
  if (!need(refLength + 1)) return null;
  const leadRef = body.subarray(at, at + refLength).toString('base64url');
  at += refLength;
  const campaignLength = body[at++] as number;
  if (!need(campaignLength + 2)) return null;
  const campaign = body.subarray(at, at + campaignLength).toString('utf8');
  at += campaignLength;
  const urlLength = body.readUInt16BE(at);
  at += 2;
  if (at + urlLength !== body.length) return null;
  const url = body.subarray(at).toString('utf8');
  return {
    typeCode,
    leadRef,
    campaign: campaign || null,
    emailId,
    issuedAt: new Date(issuedAt * 1000),
    expiresAt: new Date(expiresAt * 1000),
    url: url || null,
  };
}

/**
 * The claims of a token of the `expected` type, or null when it is malformed, altered,
 * made with a key not among `secrets` (current first, then rotation keys), of the other
 * type, or expired at `now`. Never throws, whatever the input.
 */
export function parseTrackingToken(
  token: string,
  expected: TrackingClaims['type'],
  secrets: readonly string[],
  now: Date,
): TrackingClaims | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS || !/^[A-Za-z0-9_-]+$/.test(token))
    return null;
  const bytes = Buffer.from(token, 'base64url');
  // A second spelling of one token (stray trailing bits) is refused, as for leadRefs.
  if (bytes.length <= KID_BYTES + TAG_BYTES || bytes.toString('base64url') !== token) return null;
  const body = bytes.subarray(0, -TAG_BYTES);
  const given = bytes.subarray(-TAG_BYTES);
  const kid = bytes.subarray(0, KID_BYTES);
  // Two secrets may share a 2-byte key id: try each that has it.
  const key = secrets.map(getKey).find((k) => k.kid.equals(kid) && timingSafeEqual(tag(k, body), given));
  if (!key) return null;
  const decoded = decode(body);
  if (!decoded || decoded.typeCode !== TYPE_CODES[expected]) return null;
  if ((expected === 'click') !== (decoded.url !== null)) return null;
  if (decoded.expiresAt.getTime() <= now.getTime()) return null;
  const { typeCode: _type, ...rest } = decoded;
  return { type: expected, ...rest };
}
