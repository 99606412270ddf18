import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * An opaque, URL-safe reference to one lead, signed with the proxy's `secret` so it cannot
 * be made from a lead id (CONTRACT §4): `<base64url lead id>.<base64url HMAC>`.
 */
export function createLeadRef(leadId: string, secret: string): string {
  const id = Buffer.from(leadId).toString('base64url');
  const mac = createHmac('sha256', secret)
    .update(`leadref:${leadId}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
  return `${id}.${mac}`;
}

/** The lead id a reference names, or null when it is malformed or not ours. */
export function parseLeadRef(ref: string, secret: string): string | null {
  const [id, mac] = ref.split('.');
  if (!id || !mac || ref.split('.').length !== 2) return null;
  const leadId = Buffer.from(id, 'base64url').toString();
  const expected = Buffer.from(createLeadRef(leadId, secret).split('.')[1] as string, 'base64url');
  const given = Buffer.from(mac, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? leadId : null;
}
