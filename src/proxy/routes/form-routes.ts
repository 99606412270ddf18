import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import type { LeadAccepted } from '../../model/lead';
import { leadSubmissionSchema } from '../../model/lead';
import { validateSubmission } from '../../model/validate-submission';
import { formatPath } from '../config/format-path';
import type { ResolvedForm } from '../config/load-config';
import { hashSubmission, judgeSpam, toCanonicalLead } from '../intake/accept-lead';
import { createKeyedRateLimiter, type KeyedRateLimiter } from '../intake/keyed-rate-limiter';
import { readJsonBody } from '../intake/read-json-body';
import { createUrlStripper } from '../intake/strip-url-params';
import { toClientKey } from '../intake/to-client-key';
import { toValidationError } from '../intake/to-validation-error';
import type { ProxyContext, ProxyEnv } from '../proxy-context';
import { ProxyError } from '../proxy-error';
import { hasAdminToken } from '../security/check-admin';
import { getCorsHeaders, isOriginAllowed } from '../security/cors';
import { createLeadRef } from '../security/lead-ref';
import { matchIntakeToken } from '../security/match-intake-token';
import { getFormPhoneMetadata } from './form-phone-metadata';
import { resolveFormDefinition } from './resolve-form-definition';

function getForm(ctx: ProxyContext, id: string): ResolvedForm {
  const form = Object.hasOwn(ctx.config.forms, id) ? ctx.config.forms[id] : undefined;
  if (!form) throw new ProxyError(404, 'form_not_found', `There is no form "${id.slice(0, 64)}".`);
  return form;
}

/** The client's IP as the proxy believes it (trustProxy decides whether X-Forwarded-For counts). */
export function getClientIp(ctx: ProxyContext, c: Context<ProxyEnv>): string {
  return ctx.clientIp(c.env?.incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for'));
}

/**
 * `GET /v1/forms/:form` (public, CORS for the form's origins) and
 * `POST /v1/forms/:form/leads`: the checks in the order CONTRACT §4 and the issue give,
 * then one transaction for the lead and its outbox entries, then 202.
 */
export function registerFormRoutes(app: Hono<ProxyEnv>, ctx: ProxyContext): void {
  const ipLimiters = new Map<string, KeyedRateLimiter>();
  const formLimiters = new Map<string, KeyedRateLimiter>();
  const limiterFor = (
    map: Map<string, KeyedRateLimiter>,
    form: ResolvedForm,
    rate: ResolvedForm['limits']['perIp'],
  ) => {
    let limiter = map.get(form.id);
    if (!limiter) {
      limiter = createKeyedRateLimiter(rate);
      map.set(form.id, limiter);
    }
    return limiter;
  };

  // The definition carries phone metadata (~17 KB for 21 countries): gzip it (~5 KB).
  app.get('/v1/forms/:form', compress(), async (c) => {
    const form = getForm(ctx, c.req.param('form'));
    const origin = c.req.header('origin');
    const definition = await resolveFormDefinition(ctx, form);
    const phoneMetadata = getFormPhoneMetadata(form, definition.fields);
    const cors =
      origin && isOriginAllowed(origin, form.origins, ctx.selfOrigins)
        ? getCorsHeaders(origin, 'GET, POST, OPTIONS')
        : { vary: 'Origin' };
    return c.json({ ...definition, ...(phoneMetadata ? { phoneMetadata } : {}) }, 200, {
      ...cors,
      'cache-control': 'public, max-age=60',
    });
  });

  app.options('/v1/forms/:form/leads', (c) => preflight(c, getForm(ctx, c.req.param('form'))));
  app.options('/v1/forms/:form', (c) => preflight(c, getForm(ctx, c.req.param('form'))));

  function preflight(c: Context<ProxyEnv>, form: ResolvedForm) {
    const origin = c.req.header('origin');
    if (!origin || !isOriginAllowed(origin, form.origins, ctx.selfOrigins)) {
      throw new ProxyError(403, 'origin_not_allowed', 'This origin may not use this form.');
    }
    return c.body(null, 204, getCorsHeaders(origin, 'GET, POST, OPTIONS'));
  }

  // The per-IP limit comes first, before the body is read, and is cheap; the per-form budget
  // is spent only by requests the per-IP limit let through and that hold a valid lead (see
  // README "Rate limits under a flood"), so one client cannot spend the form's budget for
  // everybody else.
  const checkRate = (limiter: KeyedRateLimiter, key: string, now: number) => {
    const hit = limiter.hit(key, now);
    if (hit.allowed) return;
    const seconds = Math.max(1, Math.ceil(hit.retryAfterMs / 1000));
    throw new ProxyError(429, 'rate_limited', `Too many submissions; try again in ${seconds} s.`, {
      headers: { 'retry-after': String(seconds) },
    });
  };
  const stripUrl = createUrlStripper(ctx.config.privacy?.stripUrlParams);

  app.post('/v1/forms/:form/leads', async (c) => {
    const form = getForm(ctx, c.req.param('form'));
    const origin = c.req.header('origin');
    const authorization = c.req.header('authorization');
    const isAdmin = hasAdminToken(authorization, ctx.adminToken);
    const intakeToken = isAdmin
      ? null
      : matchIntakeToken(authorization, [...(form.intakeTokens ?? []), ...(ctx.config.intakeTokens ?? [])]);
    if (origin !== undefined && !isOriginAllowed(origin, form.origins, ctx.selfOrigins)) {
      ctx.metrics.leadsRejected.inc({ reason: 'origin' });
      throw new ProxyError(403, 'origin_not_allowed', 'This origin may not submit to this form.');
    }
    if (origin === undefined && !isAdmin && intakeToken === null) {
      ctx.metrics.leadsRejected.inc({ reason: 'origin' });
      throw new ProxyError(
        403,
        'forbidden',
        'A call without an Origin header needs an intake token of this form or the admin bearer token.',
      );
    }
    const cors = origin ? getCorsHeaders(origin, 'GET, POST, OPTIONS') : {};
    try {
      // An intake token is a website backend sending every visitor's lead from one IP:
      // it is not limited per IP, but by a per-form budget of its own (in acceptLead).
      if (!isAdmin && intakeToken === null) {
        checkRate(
          limiterFor(ipLimiters, form, form.limits.perIp),
          toClientKey(getClientIp(ctx, c)),
          ctx.now().getTime(),
        );
      }
      const accepted = await acceptLead(c, form, {
        isAdmin,
        intakeToken,
        fromBrowser: origin !== undefined,
      });
      return c.json(accepted.body, 202, {
        ...cors,
        ...(accepted.replay ? { 'idempotent-replayed': 'true' } : {}),
      });
    } catch (error) {
      if (error instanceof ProxyError) {
        ctx.metrics.leadsRejected.inc({ reason: error.code });
        // The browser must be able to read the error: keep the CORS headers on it.
        Object.assign(error.options, { headers: { ...cors, ...error.options.headers } });
      }
      throw error;
    }
  });

  async function acceptLead(
    c: Context<ProxyEnv>,
    form: ResolvedForm,
    caller: { isAdmin: boolean; intakeToken: string | null; fromBrowser: boolean },
  ): Promise<{ body: LeadAccepted; replay: boolean }> {
    const raw = await readJsonBody(
      c.req.raw,
      undefined,
      c.env?.incoming as AsyncIterable<Uint8Array> | undefined,
    );
    const parsed = leadSubmissionSchema.safeParse(raw);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys')
          for (const key of issue.keys) fields[formatPath([...issue.path, key])] = 'is not a known field';
        else fields[formatPath(issue.path)] ??= issue.message;
      }
      throw toValidationError(fields);
    }
    const submission = parsed.data;
    const definition = await resolveFormDefinition(ctx, form);
    const check = validateSubmission(definition, submission);
    const problems: Record<string, string> = check.ok
      ? {}
      : Object.fromEntries(Object.entries(check.problems).map(([k, p]) => [k, p.message]));
    if (form.consent?.required && !submission.consent?.granted) problems.consent = 'is required';
    if (submission.consent && !form.consent) {
      // Forwarding it would put a consent record in the CRM that no configured text backs.
      problems.consent = 'this form shows no consent text, so no consent can be recorded';
    }
    if (submission.consent && form.consent) {
      const texts =
        typeof form.consent.text === 'string' ? [form.consent.text] : Object.values(form.consent.text);
      if (!texts.includes(submission.consent.text) || submission.consent.version !== form.consent.version) {
        problems.consent = 'does not match the consent text and version this form shows';
      }
    }
    if (Object.keys(problems).length) throw toValidationError(problems);

    const key = c.req.header('idempotency-key');
    if (!key)
      throw new ProxyError(
        400,
        'idempotency_key_required',
        'Send the submissionId as the Idempotency-Key header.',
      );
    if (key !== submission.submissionId)
      throw new ProxyError(
        400,
        'idempotency_key_mismatch',
        'The Idempotency-Key header must equal submissionId.',
      );

    const nowDate = ctx.now();
    if (!caller.isAdmin) {
      const budget = caller.intakeToken === null ? 'form' : `token:${caller.intakeToken}`;
      checkRate(limiterFor(formLimiters, form, form.limits.perForm), budget, nowDate.getTime());
    }

    const spam = judgeSpam(submission, form.minFillSeconds, nowDate, caller.fromBrowser);
    const leadId = randomUUID();
    const leadRef = createLeadRef(leadId, ctx.secret);
    const lead = toCanonicalLead({
      id: leadId,
      leadRef,
      form: form.id,
      now: nowDate,
      fields: check.ok ? check.fields : {},
      submission,
      stripUrl,
    });
    const bodyHash = hashSubmission(submission);
    const saved = await ctx.store.saveLead({
      lead,
      idempotencyKey: key,
      bodyHash,
      spam,
      deliveries: spam
        ? []
        : form.deliver.map((backend) => ({
            id: `msg_${randomUUID().replaceAll('-', '')}`,
            backend,
            kind: 'lead' as const,
          })),
    });
    if (saved.kind === 'existing') {
      if (saved.bodyHash !== bodyHash || saved.form !== form.id) {
        throw new ProxyError(
          409,
          'idempotency_conflict',
          'This Idempotency-Key was used for a different submission.',
        );
      }
      return { body: { leadId: saved.leadId, leadRef: saved.leadRef, status: 'accepted' }, replay: true };
    }
    if (spam) {
      ctx.metrics.leadsRejected.inc({ reason: `spam_${spam}` });
      ctx.logger.info({ form: form.id, lead: leadId, spam }, 'lead kept as spam');
    } else {
      ctx.metrics.leadsAccepted.inc({ form: form.id });
      for (const backend of form.deliver) ctx.outbox.wake(backend);
    }
    return { body: { leadId, leadRef, status: 'accepted' }, replay: false };
  }
}
