import type { Server } from 'node:http';
import { serve as serveNode } from '@hono/node-server';
import type { ResolvedConfig } from './config/load-config';
import { resolveServerLimits } from './config/server-limits';
import { createProxy, type LeadkitProxy, type ProxyOptions } from './create-proxy';

export interface RunningServer {
  proxy: LeadkitProxy;
  server: Server;
  url: string;
  /** Stops accepting, finishes in-flight requests, stops the outbox after its current deliveries, closes the store. */
  shutdown(): Promise<void>;
}

/**
 * Serves a proxy on Node (`leadkit serve`). Port 0 picks a free one; `url` says which.
 * The config's `server` key sets the timeouts and the connection cap (server-limits.ts).
 */
export async function startServer(
  config: ResolvedConfig,
  listen: { port: number; host: string },
  options: ProxyOptions = {},
): Promise<RunningServer> {
  // The proxy's own origins are known only once the port is, so listen first and answer
  // 503 for the few milliseconds until the proxy is built.
  let handler: LeadkitProxy['fetch'] | undefined;
  const limits = resolveServerLimits(config.server);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serveNode({
      serverOptions: {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        // Node checks the two timeouts above on this interval (30 s by default), so a
        // 15 s limit could hold a socket for 45 s; check often enough to keep the promise.
        connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs / 2),
      },
      fetch: (request, env) =>
        handler
          ? handler(request, env)
          : new Response('starting', { status: 503, headers: { 'retry-after': '1' } }),
      port: listen.port,
      hostname: listen.host,
    }) as Server;
    s.maxConnections = limits.maxConnections;
    s.once('error', reject);
    s.once('listening', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const shownHost = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  const selfOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://${shownHost}:${port}`];
  let proxy: LeadkitProxy;
  try {
    proxy = await createProxy(config, {
      ...options,
      selfOrigins: [...selfOrigins, ...(options.selfOrigins ?? [])],
    });
  } catch (error) {
    server.close();
    throw error;
  }
  handler = proxy.fetch;

  let stopping: Promise<void> | undefined;
  return {
    proxy,
    server,
    url: `http://${shownHost}:${port}`,
    shutdown() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await proxy.close();
      })();
      return stopping;
    },
  };
}
