import { createHash } from 'node:crypto';
import { hasAdminToken } from './check-admin';

/**
 * Finds which intake token (`intakeTokens`, the form's and the global ones) an
 * `Authorization: Bearer …` header carries, compared in constant time. Answers a short,
 * non-reversible name for it (the rate limiter's key; never the token), or null.
 * An intake token may only submit leads: the admin routes and `/metrics` check the admin
 * token alone, so an intake token never opens them.
 */
export function matchIntakeToken(
  authorization: string | undefined,
  tokens: readonly string[],
): string | null {
  if (!authorization) return null;
  let matched: string | null = null;
  // Every token is compared, so the time taken does not tell which one matched.
  for (const token of tokens) if (hasAdminToken(authorization, token)) matched = token;
  return matched === null ? null : createHash('sha256').update(matched).digest('base64url').slice(0, 12);
}
