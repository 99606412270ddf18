import type { Context } from 'hono';
import type { LocaleCandidates } from '../locales/get-locale-messages';

/** The widget's locale candidates from a definition request's query (`?locale=`, `?fallback=`). */
export function getLocaleCandidates(c: Context): LocaleCandidates {
  return { locale: c.req.query('locale'), fallback: c.req.query('fallback') };
}
