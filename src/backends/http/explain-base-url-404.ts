/**
 * Why a 404 from a vendor route that must exist (a health or list route) is most likely the
 * base URL, for `leadkit check-config --live`. `appended` is the prefix the backend puts
 * after `baseUrl` itself (`/api/v1` for LIO and Qvoo), `path` the route it asked for.
 *
 * The usual mistake is copying the prefix into `baseUrl` (`https://host/api/v1`, or a whole
 * endpoint URL), which doubles it; a `baseUrl` ending in part of it (`/api`) does the same
 * by half. The suggestion is built from the URL's origin and path only, never its user info.
 *
 * @example
 * explainBaseUrl404('https://lio.example.com/api/v1', '/api/v1', '/api/v1/lead/lead-list')
 * // 'baseUrl ends in /api/v1, and leadkit appends /api/v1/… itself (the request went to
 * //  /api/v1/api/v1/lead/lead-list); set baseUrl to "https://lio.example.com"'
 */
export function explainBaseUrl404(baseUrl: string, appended: string, path: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `leadkit appends ${appended}/… to baseUrl; check that baseUrl is the vendor's host`;
  }
  const basePath = url.pathname.replace(/\/+$/, '');
  const requested = `${basePath}${path}`;
  const suggest = (keep: string) => `set baseUrl to "${url.origin}${keep}"`;

  const at = `${basePath}/`.indexOf(`${appended}/`);
  if (at >= 0) {
    const found = basePath.slice(at);
    const what = found === appended ? `ends in ${appended}` : `contains ${appended} (${found})`;
    return `baseUrl ${what}, and leadkit appends ${appended}/… itself (the request went to ${requested}); ${suggest(basePath.slice(0, at))}`;
  }
  const segments = appended.split('/').filter(Boolean);
  for (let n = segments.length - 1; n > 0; n--) {
    const part = `/${segments.slice(0, n).join('/')}`;
    if (basePath.endsWith(part)) {
      return `baseUrl ends in ${part}, and leadkit appends ${appended}/… itself (the request went to ${requested}); ${suggest(basePath.slice(0, -part.length))}`;
    }
  }
  if (basePath !== '') {
    return `nothing answers at ${requested}: baseUrl is what comes before ${appended} in the vendor's URLs, usually the bare host (${suggest('')})`;
  }
  return `nothing answers at ${url.origin}${path}: is baseUrl the vendor's API host? (leadkit appends ${appended}/… to it)`;
}
