/**
 * Joins the `endpoint` attribute and an API path. The endpoint may carry a path prefix
 * (`https://example.com/leadkit`); only http(s) URLs are accepted so an attribute cannot
 * point requests at `javascript:` or `data:`.
 */
export function getProxyUrl(endpoint: string, path: string, base?: string): string | undefined {
  try {
    // An empty endpoint means the site itself, not the page's own path.
    const url = new URL(endpoint.trim() || '/', base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}${path}`;
  } catch {
    return undefined;
  }
}

/**
 * The endpoint as an absolute URL (a page may write `endpoint="/"` when the proxy serves
 * it); queued submissions keep this form so a later page elsewhere on the site sends them
 * to the same place. Undefined when it is not an http(s) URL.
 */
export function resolveEndpoint(endpoint: string, base: string): string | undefined {
  try {
    const url = new URL(endpoint.trim() || '/', base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
