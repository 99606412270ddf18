/**
 * Query parameters removed from every page URL (`context.pageUrl`, and each attribution
 * touch's `referrer` and `landingPage`) before a lead is stored or forwarded: the ones that
 * carry a visitor's personal data (a prefill link's `?email=…`) or a credential (an OAuth
 * redirect's `code`, a magic link's `token`). Compared case-insensitively. The config's
 * `privacy.stripUrlParams` adds to this list; it cannot shorten it.
 */
export const DEFAULT_STRIP_URL_PARAMS: readonly string[] = [
  'email',
  'e-mail',
  'e_mail',
  'mail',
  'phone',
  'tel',
  'mobile',
  'name',
  'first_name',
  'last_name',
  'firstname',
  'lastname',
  'fname',
  'lname',
  'address',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'auth',
  'password',
  'pass',
  'pwd',
  'secret',
  'key',
  'api_key',
  'apikey',
  'session',
  'sessionid',
  'sid',
  'code',
  'lk_ref',
];

/** The query without the listed parameters, or null when it has none of them. */
function stripParams(query: string, names: ReadonlySet<string>): string | null {
  const params = new URLSearchParams(query);
  const listed = [...params.keys()].filter((name) => names.has(name.toLowerCase()));
  for (const name of listed) params.delete(name);
  return listed.length ? params.toString() : null;
}

/**
 * Returns a function that removes the listed query parameters from a URL, in its query and
 * in a fragment written as one (`#access_token=…`, `#/page?email=…`), along with any
 * `user:password@` in it. The rest of the URL, parameter order included, stays as it was.
 *
 * @example
 * const strip = createUrlStripper(['promo']);
 * strip('https://a.example/p?email=j%40x.com&utm_source=g&promo=1') // 'https://a.example/p?utm_source=g'
 */
export function createUrlStripper(extra: readonly string[] = []): (url: string) => string {
  const names = new Set([...DEFAULT_STRIP_URL_PARAMS, ...extra].map((n) => n.toLowerCase()));
  return (text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return text;
    }
    let changed = false;
    if (url.username || url.password) {
      url.username = '';
      url.password = '';
      changed = true;
    }
    const query = stripParams(url.search, names);
    if (query !== null) {
      url.search = query ? `?${query}` : '';
      changed = true;
    }
    const fragment = url.hash.slice(1);
    if (fragment.includes('=')) {
      const cut = fragment.indexOf('?');
      const path = cut >= 0 ? fragment.slice(0, cut) : '';
      const kept = stripParams(cut >= 0 ? fragment.slice(cut + 1) : fragment, names);
      if (kept !== null) {
        const rest = kept ? (cut >= 0 ? `${path}?${kept}` : kept) : path;
        url.hash = rest ? `#${rest}` : '';
        changed = true;
      }
    }
    // An untouched URL is passed on exactly as sent (no re-encoding of its query).
    return changed ? url.href : text;
  };
}
