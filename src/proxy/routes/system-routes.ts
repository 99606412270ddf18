import type { Hono } from 'hono';
import type { ProxyContext, ProxyEnv } from '../proxy-context';
import { ProxyError } from '../proxy-error';
import { hasAdminToken } from '../security/check-admin';

function isLoopback(ip: string | undefined): boolean {
  return !!ip && (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.'));
}

/** `GET /healthz` (liveness, checks the store answers) and `GET /metrics` (loopback or admin). */
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
    // Behind a reverse proxy every peer is the proxy: believe loopback only when nothing forwarded.
    const local = isLoopback(peer) && !c.req.header('x-forwarded-for');
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
