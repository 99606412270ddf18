import type { Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import type { LeadAccepted, LeadSubmission } from '../../model/lead';
import { leadSubmissionSchema } from '../../model/lead';
import type { ResolvedForm } from '../config/load-config';
import { getLeadIntake, type PreparedLead } from '../intake/lead-intake';
import { getLocaleMessages } from '../locales/get-locale-messages';
import type { ProxyContext, ProxyEnv } from '../proxy-context';
import { ProxyError } from '../proxy-error';
import { getCorsHeaders, isOriginAllowed } from '../security/cors';
import { getFormPhoneMetadata } from './form-phone-metadata';
import { getLocaleCandidates } from './get-locale-candidates';
import { resolveFormDefinition } from './resolve-form-definition';

function getForm(ctx: ProxyContext, id: string): ResolvedForm {
  const form = Object.hasOwn(ctx.config.forms, id) ? ctx.config.forms[id] : undefined;
  if (!form) throw new ProxyError(404, 'form_not_found', `There is no form "${id.slice(0, 64)}".`);
  return form;
}

/**
 * `GET /v1/forms/:form` (public, CORS for the form's origins) and
 * `POST /v1/forms/:form/leads`: the checks in the order CONTRACT §4 and the issue give,
 * then one transaction for the lead and its outbox entries, then 202.
 */
export function registerFormRoutes(app: Hono<ProxyEnv>, ctx: ProxyContext): void {
  // The definition carries phone metadata (~17 KB for 21 countries): gzip it (~5 KB). And, for a
  // visitor whose language is not English, the form's sentences (`?locale=`, `?fallback=`): only
  // English is in the bundle. The query is part of the URL, so caches keep one answer per query.
  app.get('/v1/forms/:form', compress(), async (c) => {
    const form = getForm(ctx, c.req.param('form'));
    const origin = c.req.header('origin');
    const definition = await resolveFormDefinition(ctx, form);
    const phoneMetadata = getFormPhoneMetadata(form, definition.fields);
    const messages = getLocaleMessages(getLocaleCandidates(c), form.locale, ['form']);
    const cors =
      origin && isOriginAllowed(origin, form.origins, ctx.selfOrigins)
        ? getCorsHeaders(origin, 'GET, POST, OPTIONS')
        : { vary: 'Origin' };
    return c.json(
      { ...definition, ...(phoneMetadata ? { phoneMetadata } : {}), ...(messages ? { messages } : {}) },
      200,
      {
        ...cors,
        'cache-control': 'public, max-age=60',
      },
    );
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

  const intake = getLeadIntake(ctx);

  app.post('/v1/forms/:form/leads', async (c) => {
    const form = getForm(ctx, c.req.param('form'));
    const caller = intake.admit(c, { form, origins: form.origins, what: 'form' });
    try {
      const prepared = await intake.prepare(c, form, caller, leadSubmissionSchema);
      const accepted = await saveLead(form, prepared);
      return c.json(accepted.body, 202, {
        ...caller.cors,
        ...(accepted.replay ? { 'idempotent-replayed': 'true' } : {}),
      });
    } catch (error) {
      throw intake.rejected(error, caller);
    }
  });

  async function saveLead(
    form: ResolvedForm,
    prepared: PreparedLead<LeadSubmission>,
  ): Promise<{ body: LeadAccepted; replay: boolean }> {
    const { lead, spam } = prepared;
    const saved = await ctx.store.saveLead(prepared.newLead);
    if (saved.kind === 'existing') {
      if (saved.bodyHash !== prepared.bodyHash || saved.form !== form.id) {
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
      ctx.logger.info({ form: form.id, lead: lead.id, spam }, 'lead kept as spam');
    } else {
      ctx.metrics.leadsAccepted.inc({ form: form.id });
      for (const backend of form.deliver) ctx.outbox.wake(backend);
    }
    return { body: { leadId: lead.id, leadRef: lead.leadRef, status: 'accepted' }, replay: false };
  }
}
