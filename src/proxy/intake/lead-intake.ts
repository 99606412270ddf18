import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import type { CanonicalLead, LeadSubmission } from '../../model/lead';
import { validateSubmission } from '../../model/validate-submission';
import type { NewLead, SpamReason } from '../../store/store';
import { formatPath } from '../config/format-path';
import type { ResolvedForm } from '../config/load-config';
import type { ProxyContext, ProxyEnv } from '../proxy-context';
import { ProxyError } from '../proxy-error';
import { resolveFormDefinition } from '../routes/resolve-form-definition';
import { hasAdminToken } from '../security/check-admin';
import { getCorsHeaders, isOriginAllowed } from '../security/cors';
import { createLeadRef } from '../security/lead-ref';
import { matchIntakeToken } from '../security/match-intake-token';
import { hashSubmission, judgeSpam, toCanonicalLead } from './accept-lead';
import { createKeyedRateLimiter, type KeyedRateLimiter } from './keyed-rate-limiter';
import { readJsonBody } from './read-json-body';
import { createUrlStripper } from './strip-url-params';
import { toClientKey } from './to-client-key';
import { toValidationError } from './to-validation-error';

/** Who is submitting, as `admit` judged it; `cors` goes on every answer, errors included. */
export interface IntakeCaller {
  isAdmin: boolean;
  /** A short name of the intake token used (never the token), or null. */
  intakeToken: string | null;
  /** It sent an `Origin`: a browser (judged by fill time even without `startedAt`). */
  fromBrowser: boolean;
  cors: Record<string, string>;
}

/** A lead that passed every check, ready to be stored (with a booking or alone). */
export interface PreparedLead<S extends LeadSubmission> {
  submission: S;
  /** The `Idempotency-Key` (= submissionId). */
  key: string;
  bodyHash: string;
  spam: SpamReason | null;
  lead: CanonicalLead;
  /** The store's input: the lead with one outbox entry per backend of the form's `deliver` (none for spam). */
  newLead: NewLead;
}

/**
 * The one path every lead takes into the proxy, whether sent to `POST /v1/forms/:form/leads`
 * or with a booking to `POST /v1/calendars/:cal/bookings` (the calendar's form): origin and
 * token rules, the per-IP limit before the body is read, the schema, the form's fields,
 * consent, the Idempotency-Key, the per-form budget, then the spam judgement.
 */
export interface LeadIntake {
  /**
   * The caller rules of CONTRACT §4 for `origins` (the form's or the calendar's), then the
   * per-IP limit of `form`. Throws a ProxyError (403, 429) carrying the CORS headers.
   */
  admit(
    c: Context<ProxyEnv>,
    target: { form: ResolvedForm; origins: readonly string[]; what: 'form' | 'calendar' },
  ): IntakeCaller;
  /**
   * Reads the body and checks it against `schema` (a lead submission or a superset of one)
   * and the form; `extraProblems` adds problems of the superset's own keys to the same 400.
   */
  prepare<S extends LeadSubmission>(
    c: Context<ProxyEnv>,
    form: ResolvedForm,
    caller: IntakeCaller,
    schema: z.ZodMiniType<S>,
    extraProblems?: (submission: S) => Record<string, string> | Promise<Record<string, string>>,
  ): Promise<PreparedLead<S>>;
  /** Counts a rejection and keeps the CORS headers on the error, so the browser can read it. */
  rejected(error: unknown, caller: { cors: Record<string, string> } | null): unknown;
}

const intakes = new WeakMap<ProxyContext, LeadIntake>();

/** The proxy's lead intake (one per proxy, so both routes share the limiters' counts). */
export function getLeadIntake(ctx: ProxyContext): LeadIntake {
  let intake = intakes.get(ctx);
  if (!intake) {
    intake = createLeadIntake(ctx);
    intakes.set(ctx, intake);
  }
  return intake;
}

/** The client's IP as the proxy believes it (trustProxy decides whether X-Forwarded-For counts). */
export function getClientIp(ctx: ProxyContext, c: Context<ProxyEnv>): string {
  return ctx.clientIp(c.env?.incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for'));
}

function createLeadIntake(ctx: ProxyContext): LeadIntake {
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
  // The per-IP limit comes first, before the body is read, and is cheap; the per-form budget
  // is spent only by requests the per-IP limit let through and that hold a valid lead (see
  // docs/http-api.md, "Rate limits under a flood"), so one client cannot spend the form's budget for
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

  function rejected(error: unknown, caller: { cors: Record<string, string> } | null) {
    if (error instanceof ProxyError) {
      ctx.metrics.leadsRejected.inc({ reason: error.code });
      if (caller) Object.assign(error.options, { headers: { ...caller.cors, ...error.options.headers } });
    }
    return error;
  }

  return {
    rejected,

    admit(c, { form, origins, what }) {
      const origin = c.req.header('origin');
      const authorization = c.req.header('authorization');
      const isAdmin = hasAdminToken(authorization, ctx.adminToken);
      const intakeToken = isAdmin
        ? null
        : matchIntakeToken(authorization, [...(form.intakeTokens ?? []), ...(ctx.config.intakeTokens ?? [])]);
      if (origin !== undefined && !isOriginAllowed(origin, origins, ctx.selfOrigins)) {
        ctx.metrics.leadsRejected.inc({ reason: 'origin' });
        throw new ProxyError(403, 'origin_not_allowed', `This origin may not submit to this ${what}.`);
      }
      if (origin === undefined && !isAdmin && intakeToken === null) {
        ctx.metrics.leadsRejected.inc({ reason: 'origin' });
        throw new ProxyError(
          403,
          'forbidden',
          'A call without an Origin header needs an intake token of this form or the admin bearer token.',
        );
      }
      const caller: IntakeCaller = {
        isAdmin,
        intakeToken,
        fromBrowser: origin !== undefined,
        cors: origin ? getCorsHeaders(origin, 'GET, POST, OPTIONS') : {},
      };
      try {
        // An intake token is a website backend sending every visitor's lead from one IP:
        // it is not limited per IP, but by a per-form budget of its own (in prepare).
        if (!isAdmin && intakeToken === null) {
          checkRate(
            limiterFor(ipLimiters, form, form.limits.perIp),
            toClientKey(getClientIp(ctx, c)),
            ctx.now().getTime(),
          );
        }
      } catch (error) {
        throw rejected(error, caller);
      }
      return caller;
    },

    async prepare(c, form, caller, schema, extraProblems) {
      const raw = await readJsonBody(
        c.req.raw,
        undefined,
        c.env?.incoming as AsyncIterable<Uint8Array> | undefined,
      );
      const parsed = schema.safeParse(raw);
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
      if (extraProblems) Object.assign(problems, await extraProblems(submission));
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
      const lead = toCanonicalLead({
        id: leadId,
        leadRef: createLeadRef(leadId, ctx.secret),
        form: form.id,
        now: nowDate,
        fields: check.ok ? check.fields : {},
        submission,
        stripUrl,
      });
      const bodyHash = hashSubmission(submission);
      return {
        submission,
        key,
        bodyHash,
        spam,
        lead,
        newLead: {
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
        },
      };
    },
  };
}
