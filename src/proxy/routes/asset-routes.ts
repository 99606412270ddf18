import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import type { ProxyContext, ProxyEnv } from '../proxy-context';
import { ProxyError } from '../proxy-error';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

// The demo pages are served under the strictest policy the widget promises to work with.
const DEMO_CSP =
  "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

interface CachedFile {
  body: Uint8Array;
  etag: string;
}

/**
 * `GET /leadkit.js` (long cache + ETag, so a marketer needs one host), `GET /themes/*.css`
 * and, when the config's `demo` is on (the embedded default), the demo pages from dist/demo/. Files are read once and kept; a path that leaves its
 * folder is a 404.
 */
export function registerAssetRoutes(app: Hono<ProxyEnv>, ctx: ProxyContext): void {
  const cache = new Map<string, CachedFile | null>();

  async function load(path: string): Promise<CachedFile | null> {
    if (cache.has(path)) return cache.get(path) ?? null;
    const file = await readFile(path).then(
      (body) => ({
        body: new Uint8Array(body),
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      }),
      () => null,
    );
    // Missing files are not cached: `npm run build` may produce them while the proxy runs.
    if (file) cache.set(path, file);
    return file;
  }

  /**
   * The build writes `.br` and `.gz` beside the bundle and themes: send the smallest one
   * the browser accepts (128 KB of script is 33 KB as brotli — most of a mobile load).
   */
  async function loadEncoded(
    c: Context<ProxyEnv>,
    path: string,
  ): Promise<{ file: CachedFile; encoding?: string } | null> {
    const accepted = (c.req.header('accept-encoding') ?? '').toLowerCase();
    for (const [encoding, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      if (!new RegExp(`\\b${encoding}\\b`).test(accepted)) continue;
      const file = await load(path + suffix);
      if (file) return { file, encoding };
    }
    const file = await load(path);
    return file ? { file } : null;
  }

  async function send(c: Context<ProxyEnv>, root: string, relative: string, headers: Record<string, string>) {
    const path = normalize(join(root, relative));
    if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return c.notFound();
    const found = await loadEncoded(c, path);
    if (!found) return null;
    const { file, encoding } = found;
    const common = {
      etag: file.etag,
      'x-content-type-options': 'nosniff',
      vary: 'Accept-Encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
      ...headers,
    };
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, common);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      ...common,
    });
  }

  const longCache = {
    'cache-control': 'public, max-age=86400, stale-while-revalidate=604800',
    'access-control-allow-origin': '*',
  };

  app.get('/leadkit.js', async (c) => {
    const sent = await send(c, ctx.distDir, 'leadkit.js', longCache);
    return sent ?? c.text('leadkit.js is not built yet: run `npm run build`.', 404);
  });

  app.get(
    '/themes/:file{[a-z0-9-]+\\.css}',
    async (c) => (await send(c, join(ctx.distDir, 'themes'), c.req.param('file'), longCache)) ?? c.notFound(),
  );

  // The manage page behind each booking's default `manageUrl` (`<publicUrl>/manage/{id}?token=`):
  // served whenever a calendar exists, demo or not. The token stays in the page's own URL
  // (the element reads it from there) and no Referer carries it to another host.
  if (Object.keys(ctx.config.calendars ?? {}).length > 0) {
    app.get('/manage/:id', (c) => {
      const id = c.req.param('id');
      if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) return c.notFound();
      const base = (ctx.config.publicUrl ?? '').replace(/\/+$/, '');
      return c.html(renderManagePage(id, base), 200, {
        'cache-control': 'no-store',
        'content-security-policy': DEMO_CSP,
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      });
    });
  }

  // The demo pages include /leads/, a page that lists stored leads: a deployment with its
  // own config has no use for them unless it asks (`"demo": true`).
  if (!ctx.config.demo) return;

  app.get('/*', async (c) => {
    const demoDir = ctx.demoDir;
    let relative: string;
    try {
      relative = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      throw new ProxyError(400, 'invalid_path', 'The path has a malformed percent-encoding.');
    }
    if (relative.endsWith('/')) relative += 'index.html';
    const headers = { 'cache-control': 'no-cache', 'content-security-policy': DEMO_CSP };
    const sent =
      (await send(c, demoDir, relative, headers)) ??
      (extname(relative) ? null : await send(c, demoDir, `${relative}/index.html`, headers));
    if (sent) return sent;
    if (relative === '/index.html') {
      return c.text(
        'leadkit proxy is running. The demo pages are not built yet: run `npm run build`.',
        200,
        headers,
      );
    }
    return c.notFound();
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The manage page: `<leadkit-booking>` in manage mode for one booking, nothing inline (CSP). */
export function renderManagePage(bookingId: string, base: string): string {
  const endpoint = escapeHtml(base || '/');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Manage your booking</title>
<script src="${escapeHtml(base)}/leadkit.js" defer></script>
</head>
<body>
<main>
<h1>Manage your booking</h1>
<leadkit-booking endpoint="${endpoint}" booking="${escapeHtml(bookingId)}"></leadkit-booking>
</main>
</body>
</html>
`;
}
