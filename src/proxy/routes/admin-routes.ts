import type { Hono, MiddlewareHandler } from 'hono';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../model/delivery';
import { toSignalEventData } from '../../model/signal';
import type { ProxyContext, ProxyEnv } from '../proxy-context';
import { ProxyError } from '../proxy-error';
import { hasAdminToken } from '../security/check-admin';

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 500)
    throw new ProxyError(400, 'invalid_query', 'limit must be a whole number from 1 to 500.');
  return n;
}

/**
 * `/v1/admin/*` behind the admin bearer token: outbox inspection and replay
 * (CONTRACT §4), the leads the `local` backends hold (for the demo's leads page) and the
 * intent signals in the store (the demo's signals page, like `leadkit signals list`).
 */
export function registerAdminRoutes(app: Hono<ProxyEnv>, ctx: ProxyContext): void {
  const requireAdmin: MiddlewareHandler<ProxyEnv> = async (c, next) => {
    if (!hasAdminToken(c.req.header('authorization'), ctx.adminToken)) {
      throw new ProxyError(403, 'forbidden', 'This route needs Authorization: Bearer <adminToken>.');
    }
    await next();
  };
  // Leads, delivery errors that quote them, tokens: no browser or shared cache may keep any
  // of it (refusals too, so a cached 403 never stands in for a later answer).
  app.use('/v1/admin/*', async (c, next) => {
    await next();
    c.res.headers.set('cache-control', 'no-store');
  });
  app.use('/v1/admin/*', requireAdmin);

  app.get('/v1/admin/deliveries', async (c) => {
    const status = c.req.query('status');
    if (status && !DELIVERY_STATUSES.includes(status as DeliveryStatus)) {
      throw new ProxyError(400, 'invalid_query', `status must be one of ${DELIVERY_STATUSES.join(', ')}.`);
    }
    const page = await ctx.store.listDeliveries({
      status: status as DeliveryStatus | undefined,
      backend: c.req.query('backend') || undefined,
      limit: parseLimit(c.req.query('limit')),
      cursor: c.req.query('cursor') || undefined,
    });
    return c.json({ deliveries: page.items, nextCursor: page.nextCursor });
  });

  app.post('/v1/admin/deliveries/:id/retry', async (c) => {
    const id = c.req.param('id');
    const view = await ctx.store.retryDelivery(id, Date.now());
    if (!view) throw new ProxyError(404, 'delivery_not_found', 'There is no such delivery.');
    if (view.status === 'in_flight')
      throw new ProxyError(409, 'in_flight', 'The delivery is in flight; try again when it ends.');
    ctx.outbox.wake(view.backend);
    return c.json({ delivery: view });
  });

  app.get('/v1/admin/leads', async (c) => {
    const page = await ctx.store.listLeads({
      form: c.req.query('form') || undefined,
      includeSpam: c.req.query('spam') === 'include',
      limit: parseLimit(c.req.query('limit')),
      cursor: c.req.query('cursor') || undefined,
    });
    return c.json({
      leads: page.items.map((item) => ({ ...item.lead, spam: item.spam })),
      nextCursor: page.nextCursor,
    });
  });

  app.get('/v1/admin/signals', async (c) => {
    const page = await ctx.store.listSignals({
      leadId: c.req.query('lead') || undefined,
      type: c.req.query('type') || undefined,
      limit: parseLimit(c.req.query('limit')),
      cursor: c.req.query('cursor') || undefined,
    });
    return c.json({
      signals: page.items.map((signal) => ({ ...toSignalEventData(signal), source: signal.source })),
      nextCursor: page.nextCursor,
    });
  });
}
