import type { Attribution, Touch } from '../model/attribution';
import { TOUCH_PARAMS } from '../model/field-rules';
import type { ClientDeps } from './client-deps';
import { readStoredJson, writeStoredJson } from './stored-json';

const KEY = 'leadkit:attribution';
// Ninety days, the usual ad-platform click window; older touches no longer explain a lead.
const MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;
// The proxy accepts only http(s) page addresses; anything else (an app's referrer, a
// file:// page) is left out here rather than getting the whole lead refused.
const HTTP_URL = /^https?:\/\//i;

/** The page the visitor is on, as the attribution capture needs it. */
export interface PageVisit {
  url: string;
  referrer: string;
}

// Only the campaign parameters are kept from the landing URL: a prefill link
// (`?email=…`) must not leave the visitor's address lying in localStorage.
function toTouch(visit: PageVisit, now: number): { touch: Touch; isCampaign: boolean } | undefined {
  let page: URL;
  try {
    page = new URL(visit.url);
  } catch {
    return undefined;
  }
  if (!HTTP_URL.test(page.href)) return undefined;
  const touch: Touch = {};
  const kept = new URLSearchParams();
  for (const name of TOUCH_PARAMS) {
    const value = page.searchParams.get(name);
    if (value) {
      touch[name] = value.slice(0, 500);
      kept.set(name, value);
    }
  }
  const hasParams = kept.toString() !== '';
  let external = false;
  if (visit.referrer) {
    try {
      const ref = new URL(visit.referrer);
      external = ref.host !== page.host;
      // Origin and path only; the browser's default referrer policy sends no more anyway.
      if (external && HTTP_URL.test(ref.href)) touch.referrer = `${ref.origin}${ref.pathname}`.slice(0, 2000);
    } catch {
      // An unreadable referrer is simply not kept.
    }
  }
  const query = kept.toString();
  touch.landingPage = `${page.origin}${page.pathname}${query ? `?${query}` : ''}`.slice(0, 2000);
  touch.at = new Date(now).toISOString();
  return { touch, isCampaign: hasParams || external };
}

function isFresh(touch: Touch | undefined, now: number): touch is Touch {
  return (
    !!touch?.at && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(touch.at) && now - Date.parse(touch.at) < MAX_AGE_MS
  );
}

const TOUCH_KEYS: readonly string[] = [...TOUCH_PARAMS, 'referrer', 'landingPage', 'at'];

// Storage is the page's: anything there may have been edited, so only string values of
// known keys within the schema's lengths survive (the proxy checks them again with zod).
function toStoredTouch(value: unknown): Touch | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const touch: Record<string, string> = {};
  for (const [key, text] of Object.entries(value)) {
    const isUrl = key === 'referrer' || key === 'landingPage';
    if (
      TOUCH_KEYS.includes(key) &&
      typeof text === 'string' &&
      text.length <= 2000 &&
      (!isUrl || HTTP_URL.test(text))
    )
      touch[key] = text.slice(0, isUrl ? 2000 : 500);
  }
  return touch as Touch;
}

/** First and last touch as stored, with expired or corrupt ones dropped. */
export function readAttribution(deps: Pick<ClientDeps, 'storage' | 'now'>): Attribution {
  const stored = readStoredJson(deps.storage, KEY) as { first?: unknown; last?: unknown } | undefined;
  const first = toStoredTouch(stored?.first);
  const last = toStoredTouch(stored?.last);
  return {
    ...(isFresh(first, deps.now()) ? { first } : {}),
    ...(isFresh(last, deps.now()) ? { last } : {}),
  };
}

/**
 * Records this page visit: the first visit becomes the first touch (kept until it expires);
 * a visit that came from a campaign (UTM or click id) or another site becomes the last
 * touch. Direct visits and internal navigation leave the last touch alone ("last non-direct
 * touch"), so a lead submitted three pages later still carries the campaign that brought it.
 * Stored first-party in localStorage; returns what is now stored.
 */
export function captureAttribution(visit: PageVisit, deps: Pick<ClientDeps, 'storage' | 'now'>): Attribution {
  const stored = readAttribution(deps);
  const current = toTouch(visit, deps.now());
  if (!current) return stored;
  const next: Attribution = { ...stored };
  if (!next.first) next.first = current.touch;
  if (current.isCampaign || !next.last) next.last = current.touch;
  if (next.first !== stored.first || next.last !== stored.last) writeStoredJson(deps.storage, KEY, next);
  return next;
}

let capturedThisPage = false;

/** Captures the current page once per page load (the element and `define()` both call it). */
export function captureCurrentPage(deps: Pick<ClientDeps, 'storage' | 'now'>): void {
  if (capturedThisPage || typeof location === 'undefined') return;
  capturedThisPage = true;
  captureAttribution(
    { url: location.href, referrer: typeof document === 'undefined' ? '' : document.referrer },
    deps,
  );
}
