/**
 * The page URL without the query parameter `name`, every other parameter kept as written
 * (not re-encoded: `?q=a%20b&flag` stays so) and the hash kept.
 */
export function removeQueryParam(href: string, name: string): string {
  const url = new URL(href);
  url.search = url.search
    .slice(1)
    .split('&')
    .filter((part) => {
      try {
        return decodeURIComponent((part.split('=')[0] as string).replace(/\+/g, ' ')) !== name;
      } catch {
        return true;
      }
    })
    .join('&');
  return url.href;
}

/**
 * Takes the lead reference a human click on a tracking link brought (`?lk_ref=…`, the
 * config's `tracking.refParam`), hands it to `identify` (which keeps it first-party), then
 * removes the parameter from the address bar with `history.replaceState` (the history entry
 * and its state stay), so it is not bookmarked, shared or sent on as a referrer.
 */
export function captureLeadRef(param: string, identify: (leadRef: string) => unknown): void {
  try {
    const href = globalThis.location?.href;
    const leadRef = href && new URL(href).searchParams.get(param);
    if (!href || leadRef === null) return;
    identify(leadRef);
    history.replaceState(history.state, '', removeQueryParam(href, param));
  } catch {
    // An opaque or sandboxed page may refuse replaceState; the reference is kept all the same.
  }
}
