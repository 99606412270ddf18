import { randomBytes } from 'node:crypto';

/** A new admin token: 24 random bytes, URL-safe (32 characters). */
export function generateAdminToken(): string {
  return randomBytes(24).toString('base64url');
}
