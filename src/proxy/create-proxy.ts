import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Backend } from '../backends/backend';
import { createBackend } from '../backends/registry';
import { createStore } from '../store/create-store';
import { createMemoryRateGate } from '../store/memory-rate-gate';
import type { RateGate } from '../store/rate-gate';
import type { Store } from '../store/store';
import type { ResolvedConfig } from './config/load-config';
import { createLogger } from './observability/create-logger';
import { createMetrics, type ProxyMetrics } from './observability/create-metrics';
import { createSecurityEvents, getSecurityEventKind } from './observability/security-events';
import { createOutbox, type Outbox } from './outbox/outbox-worker';
import type { ProxyContext, ProxyEnv } from './proxy-context';
import { ProxyError } from './proxy-error';
import { resolveAssetDirs } from './resolve-asset-dirs';
import { registerAdminRoutes } from './routes/admin-routes';
import { registerAssetRoutes } from './routes/asset-routes';
import { registerBookingRoutes } from './routes/booking-routes';
import { registerCalendarRoutes } from './routes/calendar-routes';
import { registerFormRoutes } from './routes/form-routes';
import { registerSignalRoutes } from './routes/signal-routes';
import { registerSystemRoutes } from './routes/system-routes';
import { registerTrackingRoutes } from './routes/tracking-routes';
import { createClientIpResolver } from './security/client-ip';
import { generateAdminToken } from './security/generate-admin-token';
import { publicErrorCors } from './security/public-error-cors';
import { resolveTrackingSettings } from './tracking/resolve-tracking-settings';

export interface ProxyOptions {
  /** Defaults to the store the config's `store` URL names. */
  store?: Store;
  logger?: Logger;
  /** The network for backends; tests inject fakes. */
  fetch?: typeof fetch;
  /** The proxy's own origins besides `publicUrl` (serve adds 127.0.0.1 and localhost on its port). */
  selfOrigins?: string[];
  /**
   * Where vendor request and delivery rates are counted. Default: the store's `rateGate`
   * (PostgreSQL: shared by every instance), else in memory.
   */
  rateGate?: RateGate;
  /** Start the outbox worker (default true). The CLI's inspection commands do not. */
  startOutbox?: boolean;
  /** Outbox idle poll (ms). */
  outboxPollMs?: number;
  /** The bundle and themes (default: the `leadkit` package's dist/); its demo/ is the demo unless `demoDir` says. */
  distDir?: string;
  /** The demo pages served at `/` (default: those shipped with the proxy). */
  demoDir?: string;
  now?: () => Date;
}

/** A running proxy: a web-standard `fetch` handler plus what operators and tests reach for. */
export interface LeadkitProxy {
  fetch: Hono<ProxyEnv>['fetch'];
  app: Hono<ProxyEnv>;
  store: Store;
  outbox: Outbox;
  metrics: ProxyMetrics;
  backends: ReadonlyMap<string, Backend>;
  adminToken: string;
  /** True when the admin token was generated (and should be printed) rather than configured. */
  adminTokenGenerated: boolean;
  /** Stops the outbox after its in-flight deliveries and closes the store. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Builds the proxy from a checked config (see `loadConfig`): opens and migrates the store,
 * creates the backends, starts the outbox, and returns a Hono app whose `fetch` runs on
 * Node (`leadkit serve`), Bun, Deno, Workers or a Next.js route.
 *
 * @example
 * const result = loadConfig('leadkit.config.json');
 * if (!result.ok) throw new Error(result.problems.join('\n'));
 * const proxy = await createProxy(result.config);
 * export default { fetch: proxy.fetch };
 */
export async function createProxy(config: ResolvedConfig, options: ProxyOptions = {}): Promise<LeadkitProxy> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const storeLogger = logger.child({ component: 'store' });
  const store =
    options.store ??
    createStore(config.store, {
      baseDir: config.baseDir,
      onError: (error, context) => storeLogger.warn({ err: error.message }, context),
    });
  await store.migrate();
  const generatedToken = generateAdminToken();
  const adminToken =
    config.adminToken ?? (await store.getOrCreateSetting('adminToken', () => generatedToken));
  const secret =
    config.secret ?? (await store.getOrCreateSetting('secret', () => randomBytes(32).toString('base64url')));
  const now = options.now ?? (() => new Date());
  // One gate for the outbox and every backend: entries on one vendor key share its count.
  const rateGate = options.rateGate ?? store.rateGate ?? createMemoryRateGate();

  const backends = new Map<string, Backend>();
  for (const [name, backendConfig] of Object.entries(config.backends)) {
    backends.set(
      name,
      createBackend(name, backendConfig, {
        fetch: options.fetch ?? globalThis.fetch,
        now,
        logger: logger.child({ backend: name }),
        state: {
          get: (key) => store.getBackendState(name, key),
          set: (key, value) => store.setBackendState(name, key, value),
        },
        leads: { markLocal: (leadId, backend) => store.markLocal(leadId, backend) },
        bookings: store,
        rateGate,
      }),
    );
  }
  const metrics = createMetrics(store);
  const outbox = createOutbox({
    store,
    backends,
    logger: logger.child({ component: 'outbox' }),
    onResult: (backend, outcome) => metrics.deliveries.inc({ backend, outcome }),
    pollMs: options.outboxPollMs,
    rateGate,
  });

  const assets = options.distDir
    ? { bundleDir: options.distDir, demoDir: join(options.distDir, 'demo') }
    : resolveAssetDirs();
  const selfOrigins = new Set(options.selfOrigins ?? []);
  if (config.publicUrl) selfOrigins.add(new URL(config.publicUrl).origin);
  const ctx: ProxyContext = {
    config,
    store,
    backends,
    outbox,
    logger,
    metrics,
    adminToken,
    secret,
    acceptedSecrets: [secret, ...Object.values(config.secrets ?? {})],
    selfOrigins,
    clientIp: createClientIpResolver(config.trustProxy),
    now,
    distDir: assets.bundleDir,
    demoDir: options.demoDir ?? assets.demoDir,
  };

  const app = new Hono<ProxyEnv>();
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const route = c.req.routePath === '/*' ? 'static' : c.req.routePath;
    metrics.requestDuration.observe(
      { method: c.req.method, route, status: String(c.res.status) },
      (performance.now() - started) / 1000,
    );
  });
  app.use('/v1/*', publicErrorCors());
  registerSystemRoutes(app, ctx);
  registerFormRoutes(app, ctx);
  registerCalendarRoutes(app, ctx);
  registerBookingRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  // Links point at publicUrl, else at the proxy's first own origin (127.0.0.1 on serve's port).
  const tracking = resolveTrackingSettings(config, [...selfOrigins][0]);
  registerTrackingRoutes(app, ctx, tracking);
  registerSignalRoutes(app, ctx, tracking);
  registerAssetRoutes(app, ctx);
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'No such route.' } }, 404));
  const securityEvents = createSecurityEvents({
    logger: logger.child({ component: 'security' }),
    counter: metrics.securityEvents,
  });
  app.onError((error, c) => {
    if (error instanceof ProxyError) {
      const kind = getSecurityEventKind(error);
      if (kind) {
        const form = c.req.param('form');
        securityEvents.record({
          kind,
          route: c.req.routePath,
          // Only a configured form: an attacker's path must not become a metric label.
          form: form && Object.hasOwn(config.forms, form) ? form : undefined,
          presentedToken: /^Bearer\s/i.test(c.req.header('authorization') ?? ''),
        });
      }
      return c.json(error.toJSON(), error.status, error.options.headers ?? {});
    }
    if ((error as NodeJS.ErrnoException).code === 'ECONNRESET') {
      // The client went away or was cut off by the server's requestTimeout mid-body: no
      // fault of ours, and nobody is left to read an answer.
      logger.info({ route: c.req.routePath }, 'client closed the connection before its request ended');
      return c.body(null, 400);
    }
    // Never a stack trace, a secret or a vendor URL in a response; the log gets the message.
    logger.error({ err: error.message, route: c.req.routePath }, 'unhandled error');
    return c.json(
      {
        error: {
          code: 'internal_error',
          message: 'Something went wrong on our side; the request can be retried.',
        },
      },
      500,
    );
  });

  if (options.startOutbox !== false) outbox.start();
  let closed: Promise<void> | undefined;
  return {
    fetch: app.fetch,
    app,
    store,
    outbox,
    metrics,
    backends,
    adminToken,
    adminTokenGenerated: !config.adminToken && adminToken === generatedToken,
    close(graceMs) {
      closed ??= (async () => {
        securityEvents.flush();
        await outbox.stop(graceMs);
        await Promise.allSettled([...backends.values()].map((b) => b.close?.()));
        await store.close();
      })();
      return closed;
    },
  };
}
