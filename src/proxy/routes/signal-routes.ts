import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import type { IntentSignal } from '../../model/signal';
import { createKeyedRateLimiter } from '../intake/keyed-rate-limiter';
import { getClientIp } from '../intake/lead-intake';
import { readJsonBody } from '../intake/read-json-body';
import { toClientKey } from '../intake/to-client-key';
import { toValidationError } from '../intake/to-validation-error';
import type { ProxyContext, ProxyEnv } from '../proxy-context';
import { ProxyError } from '../proxy-error';
import { hasAdminToken } from '../security/check-admin';
import { getCorsHeaders, isOriginAllowed } from '../security/cors';
import { parseLeadRef } from '../security/lead-ref';
import { signalDeliveriesFor } from '../tracking/plan-signal-deliveries';
import type { TrackingSettings } from '../tracking/resolve-tracking-settings';
import { toStableId } from '../tracking/to-stable-id';

/** A page signal is a type and a little context, far smaller than a lead. */
const MAX_SIGNAL_BYTES = 8 * 1024;
const MAX_DETAIL_KEYS = 20;
const FUTURE_SLACK_MS = 5 * 60_000;
const MAX_AGE_MS = 30 * 86_400_000;

const signalBodySchema = z.strictObject({
  type: z.string().check(z.minLength(1), z.maxLength(64)),
  leadRef: z.optional(z.string().check(z.maxLength(512))),
  detail: z.optional(
    z
      .record(
        z
          .string()
          .check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'keys are a letter then letters, digits or _')),
        z.union([z.string().check(z.maxLength(500)), z.number(), z.boolean(), z.null()]),
      )
      .check(z.refine((d) => Object.keys(d).length <= MAX_DETAIL_KEYS, `at most ${MAX_DETAIL_KEYS} keys`)),
  ),
  occurredAt: z.optional(z.iso.datetime({ offset: true })),
});

const ACCEPTED = { status: 'accepted' } as const;

/** The same detail in any key order is the same signal. */
function canonicalJson(detail: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(detail).sort(([a], [b]) => (a < b ? -1 : 1))));
}

/**
 * `POST /v1/signals` (and its preflight): an intent signal from a page the lead visits.
 * Origin-checked like lead intake (`tracking.origins` and the proxy's own), rate-limited per
 * client (an IPv6 /64 is one), size-capped, validated. Without a known lead, without the
 * lead's consent (when `requireConsent`) or with `Sec-GPC: 1` it answers the same 202 and
 * keeps nothing, so the answer tells a caller nothing about a lead.
 */
export function registerSignalRoutes(
  app: Hono<ProxyEnv>,
  ctx: ProxyContext,
  settings: TrackingSettings,
): void {
  const limiter = createKeyedRateLimiter(ctx.config.limits.perIp);
  const allowed = (origin: string) => isOriginAllowed(origin, settings.origins, ctx.selfOrigins);

  app.options('/v1/signals', (c) => {
    const origin = c.req.header('origin');
    if (!origin || !allowed(origin))
      throw new ProxyError(403, 'origin_not_allowed', 'This origin may not send signals.');
    return c.body(null, 204, getCorsHeaders(origin, 'POST, OPTIONS'));
  });

  app.post('/v1/signals', async (c) => {
    const origin = c.req.header('origin');
    const isAdmin = hasAdminToken(c.req.header('authorization'), ctx.adminToken);
    if (origin !== undefined && !allowed(origin))
      throw new ProxyError(403, 'origin_not_allowed', 'This origin may not send signals.');
    if (origin === undefined && !isAdmin)
      throw new ProxyError(403, 'forbidden', 'A call without an Origin header needs the admin bearer token.');
    const cors = origin ? getCorsHeaders(origin, 'POST, OPTIONS') : {};
    try {
      return await accept(c, isAdmin, cors);
    } catch (error) {
      if (error instanceof ProxyError)
        Object.assign(error.options, { headers: { ...cors, ...error.options.headers } });
      throw error;
    }
  });

  async function accept(c: Context<ProxyEnv>, isAdmin: boolean, cors: Record<string, string>) {
    const now = ctx.now();
    if (!isAdmin) {
      const hit = limiter.hit(toClientKey(getClientIp(ctx, c)), now.getTime());
      if (!hit.allowed) {
        const seconds = Math.max(1, Math.ceil(hit.retryAfterMs / 1000));
        throw new ProxyError(429, 'rate_limited', `Too many signals; try again in ${seconds} s.`, {
          headers: { 'retry-after': String(seconds) },
        });
      }
    }
    const raw = await readJsonBody(
      c.req.raw,
      MAX_SIGNAL_BYTES,
      c.env?.incoming as AsyncIterable<Uint8Array> | undefined,
    );
    const parsed = signalBodySchema.safeParse(raw);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys')
          for (const key of issue.keys) fields[key] = 'is not a known field';
        else fields[issue.path.join('.') || 'body'] ??= issue.message;
      }
      throw toValidationError(fields);
    }
    const body = parsed.data;
    if (!settings.signalTypes.has(body.type))
      throw toValidationError({ type: `is not a signal type (${[...settings.signalTypes].join(', ')})` });
    let occurredAt = now.getTime();
    if (body.occurredAt) {
      occurredAt = Date.parse(body.occurredAt);
      if (occurredAt > now.getTime() + FUTURE_SLACK_MS)
        throw toValidationError({ occurredAt: 'is in the future' });
      if (occurredAt < now.getTime() - MAX_AGE_MS)
        throw toValidationError({ occurredAt: 'is more than 30 days ago' });
    }
    const dropped = () => c.json(ACCEPTED, 202, cors);
    // The visitor's browser asks not to be tracked: nothing is kept, whoever they are.
    if (c.req.header('sec-gpc')?.trim() === '1') return dropped();
    const leadId = body.leadRef ? parseLeadRef(body.leadRef, ctx.acceptedSecrets) : null;
    const lead = leadId ? await ctx.store.getLead(leadId) : null;
    if (!leadId || !lead || lead.spam) return dropped();
    if (settings.requireConsent && !lead.lead.consent?.granted) return dropped();
    const detail = body.detail ?? {};
    // Whole seconds when the page gave no time, so a retried request is the same signal.
    const idTime = body.occurredAt ? occurredAt : Math.floor(occurredAt / 1000) * 1000;
    const signal: IntentSignal = {
      id: toStableId('sig', [leadId, body.type, canonicalJson(detail), idTime]),
      leadId,
      type: body.type,
      detail,
      occurredAt: idTime,
      machine: false,
      source: 'page',
      eventId: null,
    };
    // The signal and its outbox entries in one write; a replay (same id) writes neither.
    const deliveries = signalDeliveriesFor(ctx, lead.lead.form, [signal]);
    const { recorded } = await ctx.store.recordSignal(signal, deliveries);
    if (recorded) for (const backend of new Set(deliveries.map((d) => d.backend))) ctx.outbox.wake(backend);
    return c.json(ACCEPTED, 202, cors);
  }
}
