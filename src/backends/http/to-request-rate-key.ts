import { createHash } from 'node:crypto';

/**
 * The rate-gate key of the requests to one vendor account: a SHA-256 of the backend type,
 * its base URL (without trailing slashes) and the credential the vendor counts by, so two
 * backend entries on one API key share one limit. The key itself never reaches the gate (a
 * shared gate stores its keys in the database), a log or an error.
 *
 * @example toRequestRateKey('qualifybase', 'https://app.qualifybase.com/api/v1', apiKey) // 'request:…'
 */
export function toRequestRateKey(type: string, baseUrl: string, credential: string): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([type, baseUrl.replace(/\/+$/, ''), credential]))
    .digest('base64url');
  return `request:${digest}`;
}
