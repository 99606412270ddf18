import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { getClientIp } from '../intake/lead-intake';
import { readJsonBody } from '../intake/read-json-body';
import { toValidationError } from '../intake/to-validation-error';
import type { ProxyContext, ProxyEnv } from '../proxy-context';
import { ProxyError } from '../proxy-error';
import { hasAdminToken } from '../security/check-admin';
import { parseLeadRef } from '../security/lead-ref';
import { createTrackingLinks } from '../tracking/create-tracking-links';
import { signalDeliveriesFor } from '../tracking/plan-signal-deliveries';
import { recordTrackingFetch, type TrackingDeps } from '../tracking/record-tracking-fetch';
import type { TrackingSettings } from '../tracking/resolve-tracking-settings';

/** The 43-byte transparent 1×1 GIF (CONTRACT §4). */
export const TRACKING_GIF = Buffer.from(
  'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==',
  'base64',
);

const GIF_HEADERS = {
  'content-type': 'image/gif',
  'cache-control': 'no-store, no-cache, must-revalidate, private, max-age=0',
  expires: '0',
  'content-length': String(TRACKING_GIF.length),
};

const NOT_FOUND_HTML =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Link not found</title></head>' +
  '<body><h1>Link not found</h1><p>This link is not valid or has expired.</p></body></html>';

function notFound(head: boolean): Response {
  return new Response(head ? null : NOT_FOUND_HTML, {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

const MAX_BATCH = 500;
const mintSchema = z.strictObject({
  links: z
    .array(
      z.strictObject({
        leadRef: z.string().check(z.maxLength(512)),
        url: z.optional(z.string().check(z.maxLength(4096))),
        campaign: z.optional(z.string().check(z.maxLength(256))),
      }),
    )
    .check(z.minLength(1), z.maxLength(MAX_BATCH)),
});

/**
 * `GET|HEAD /t/o/:token` (the pixel), `GET|HEAD /t/c/:token` (the click redirect) — never
 * JSON, and never an error a scanner could flag the link for — and
 * `POST /v1/admin/tracking-links` (mint many, admin token).
 */
export function registerTrackingRoutes(
  app: Hono<ProxyEnv>,
  ctx: ProxyContext,
  settings: TrackingSettings,
): void {
  const deps: TrackingDeps = {
    store: ctx.store,
    secret: ctx.secret,
    acceptedSecrets: ctx.acceptedSecrets,
    settings,
    logger: ctx.logger.child({ component: 'tracking' }),
    deliveriesFor: (form, signals) => signalDeliveriesFor(ctx, form, signals),
    wake: (backends) => {
      for (const backend of new Set(backends)) ctx.outbox.wake(backend);
    },
  };
  const factsOf = (c: Context<ProxyEnv>) => {
    const headers: Record<string, string | undefined> = {};
    for (const name of ['purpose', 'sec-purpose', 'x-moz', 'x-purpose', 'sec-gpc'])
      headers[name] = c.req.header(name);
    return { userAgent: c.req.header('user-agent') ?? '', headers, ip: getClientIp(ctx, c), now: ctx.now() };
  };

  app.on(['GET', 'HEAD'], '/t/o/:token', async (c) => {
    const head = c.req.method === 'HEAD';
    await recordTrackingFetch(deps, { kind: 'open', token: c.req.param('token'), head, facts: factsOf(c) });
    return new Response(head ? null : TRACKING_GIF, { status: 200, headers: GIF_HEADERS });
  });

  app.on(['GET', 'HEAD'], '/t/c/:token', async (c) => {
    const head = c.req.method === 'HEAD';
    const answer = await recordTrackingFetch(deps, {
      kind: 'click',
      token: c.req.param('token'),
      head,
      facts: factsOf(c),
    });
    const location = answer.kind === 'click' ? answer.location : null;
    if (!location) return notFound(head);
    // The answer differs per visitor (human or machine): no cache may keep it.
    return new Response(null, {
      status: 302,
      headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    });
  });

  // Anything else under /t/ (no token, extra segments) is still never JSON.
  app.on(
    ['GET', 'HEAD'],
    '/t/o/*',
    (c) => new Response(c.req.method === 'HEAD' ? null : TRACKING_GIF, { status: 200, headers: GIF_HEADERS }),
  );
  app.on(['GET', 'HEAD'], '/t/c/*', (c) => notFound(c.req.method === 'HEAD'));

  app.post('/v1/admin/tracking-links', async (c) => {
    if (!hasAdminToken(c.req.header('authorization'), ctx.adminToken))
      throw new ProxyError(403, 'forbidden', 'This route needs Authorization: Bearer <adminToken>.');
    // A batch of 500 links with long URLs is larger than a lead: 1 MB.
    const raw = await readJsonBody(
      c.req.raw,
      1024 * 1024,
      c.env?.incoming as AsyncIterable<Uint8Array> | undefined,
    );
    const parsed = mintSchema.safeParse(raw);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'links'] ??= issue.message;
      throw toValidationError(fields);
    }
    const now = ctx.now();
    const links = [];
    for (const item of parsed.data.links) {
      const leadId = parseLeadRef(item.leadRef, ctx.acceptedSecrets);
      if (leadId && !(await ctx.store.getLead(leadId))) {
        links.push({ error: { code: 'lead_not_found', message: 'No lead has this leadRef.' } });
        continue;
      }
      const result = createTrackingLinks(item, {
        secret: ctx.secret,
        acceptedSecrets: ctx.acceptedSecrets,
        settings,
        now,
      });
      links.push(
        result.ok
          ? { pixel: result.pixel, ...(result.click ? { click: result.click } : {}) }
          : { error: { code: result.code, message: result.message } },
      );
    }
    return c.json({ links });
  });
}
