import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'whsec_';

/** Whether a string is a Standard Webhooks secret: `whsec_` + base64 of at least 16 bytes. */
export function isWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(PREFIX)) return false;
  const body = secret.slice(PREFIX.length);
  return /^[A-Za-z0-9+/]+={0,2}$/.test(body) && Buffer.from(body, 'base64').length >= 16;
}

/**
 * Signs a webhook per the Standard Webhooks specification: base64 HMAC-SHA256 of
 * `"<id>.<timestamp>.<body>"` keyed with the decoded `whsec_` secret, as `v1,<signature>`.
 *
 * @example
 * signWebhook({ secret: 'whsec_…', id: 'msg_1', timestamp: 1732270000, body: '{"type":"lead.created"}' })
 */
export function signWebhook(input: { secret: string; id: string; timestamp: number; body: string }): string {
  const key = Buffer.from(input.secret.slice(PREFIX.length), 'base64');
  const signature = createHmac('sha256', key)
    .update(`${input.id}.${input.timestamp}.${input.body}`)
    .digest('base64');
  return `v1,${signature}`;
}

/**
 * Verifies a `webhook-signature` header (space-separated `v1,<sig>` entries) and the
 * timestamp's age; for receivers written without a Standard Webhooks library.
 */
export function verifyWebhook(input: {
  secret: string;
  id: string;
  timestamp: number;
  body: string;
  signatureHeader: string;
  now?: number;
  toleranceSeconds?: number;
}): boolean {
  const now = input.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - input.timestamp) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(input).slice(3), 'base64');
  return input.signatureHeader.split(' ').some((entry) => {
    const [version, sig] = entry.split(',');
    if (version !== 'v1' || !sig) return false;
    const given = Buffer.from(sig, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
