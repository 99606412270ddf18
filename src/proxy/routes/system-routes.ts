import type { Hono } from 'hono';
import type { ProxyContext, ProxyEnv } from '../proxy-context';
import { ProxyError } from '../proxy-error';
import { hasAdminToken } from '../security/check-admin';
import { isLoopbackRequest } from '../security/is-loopback-request';

/**
 * `GET /healthz` (liveness, checks the store answers) and `GET /metrics`: open to a request
 * from this machine (loopback peer and Host, nothing forwarded), else the admin token.
 */
export function registerSystemRoutes(app: Hono<ProxyEnv>, ctx: ProxyContext): void {
  app.get('/healthz', async (c) => {
    try {
      const stats = await ctx.store.getOutboxStats();
      return c.json(
        { status: 'ok', outbox: { pending: stats.byStatus.pending, dead: stats.byStatus.dead } },
        200,
        { 'cache-control': 'no-store' },
      );
    } catch (error) {
      ctx.logger.error({ err: (error as Error).message }, 'health check failed');
      return c.json({ status: 'unavailable' }, 503, { 'cache-control': 'no-store' });
    }
  });

  app.get('/metrics', async (c) => {
    const peer = c.env?.incoming?.socket?.remoteAddress;
    const local = isLoopbackRequest(peer, (name) => c.req.header(name), Object.keys(c.req.header()));
    if (!local && !hasAdminToken(c.req.header('authorization'), ctx.adminToken)) {
      throw new ProxyError(
        403,
        'forbidden',
        'Metrics are open to loopback; others need the admin bearer token.',
      );
    }
    return c.body(await ctx.metrics.registry.metrics(), 200, {
      'content-type': ctx.metrics.registry.contentType,
    });
  });
}
