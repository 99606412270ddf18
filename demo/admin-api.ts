/**
 * What the demo's admin pages (/leads/, /signals/) share: the admin token the visitor types
 * in, kept in this tab's sessionStorage (never in the URL, never handed out by the proxy), and
 * one GET of an admin route with it.
 */
export const ADMIN_TOKEN_KEY = 'leadkit-demo-admin-token';

/** An element the page's HTML must have. */
export function byId<T extends HTMLElement>(id: string, page: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the ${page} page`);
  return element as T;
}

/** GETs an admin route with `token`: its JSON, or the line to show instead. */
export async function getAdmin<T>(
  path: string,
  token: string,
): Promise<{ body: T } | { problem: string; refused: boolean }> {
  try {
    const response = await fetch(path, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 401 || response.status === 403)
      return { problem: 'The proxy refused that token.', refused: true };
    if (!response.ok) return { problem: `The proxy answered ${response.status}.`, refused: false };
    return { body: (await response.json()) as T };
  } catch {
    return { problem: 'Could not reach the proxy.', refused: false };
  }
}
