/**
 * The site the browser tests load: the real proxy (`createProxy`, embedded default config with
 * an in-memory store) serving dist/ — the bundle, the themes and the demo pages — and the
 * `/v1` routes, on 127.0.0.1 with a random port. Differences from `leadkit serve`, each
 * for a reason: the forms' `minFillSeconds` is 0 (tests type faster than people), the
 * intake limits are raised (a suite sends more leads per minute than one visitor), and with
 * `csp` every response carries exactly `Content-Security-Policy: default-src 'self'`.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import type { CanonicalLead } from '../../src/model/lead';
import { DEFAULT_CONFIG } from '../../src/proxy/config/default-config';
import { parseConfig } from '../../src/proxy/config/load-config';
import { createProxy, type LeadkitProxy } from '../../src/proxy/create-proxy';

/** A running site. */
export interface TestSite {
  origin: string;
  adminToken: string;
  /** The leads stored so far (spam included, so nothing hides), newest first, via `GET /v1/admin/leads`. */
  listLeads(): Promise<CanonicalLead[]>;
  close(): Promise<void>;
}

const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Fails early, with the fix, when dist/ has not been built. */
export function assertBuilt(): void {
  for (const file of ['leadkit.js', 'demo/index.html', 'demo/marketer/index.html', 'demo/spa/index.html']) {
    if (!existsSync(`${distDir}${file}`))
      throw new Error(`dist/${file} is missing: run \`npm run build\` before the browser tests`);
  }
}

/** Starts a site; `csp` replaces the proxy's own demo policy by exactly `default-src 'self'` on every response. */
export async function startTestSite(options: { csp?: boolean } = {}): Promise<TestSite> {
  assertBuilt();
  const adminToken = `test-admin-${crypto.randomUUID()}`;
  const raw = {
    ...DEFAULT_CONFIG,
    store: 'sqlite::memory:',
    adminToken,
    limits: { perIp: '1000/min', perForm: '1000/min' },
    forms: Object.fromEntries(
      Object.entries(DEFAULT_CONFIG.forms).map(([id, form]) => [id, { ...form, minFillSeconds: 0 }]),
    ),
  };
  const parsed = parseConfig(raw, {}, { source: null, baseDir: process.cwd() });
  if (!parsed.ok) throw new Error(`test config: ${parsed.problems.join('; ')}`);

  // The proxy's own origin is known once the port is: listen first, build the proxy, then answer.
  let proxy: LeadkitProxy | undefined;
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({
      hostname: '127.0.0.1',
      port: 0,
      fetch: async (request, env) => {
        if (!proxy) return new Response('starting', { status: 503, headers: { 'retry-after': '1' } });
        const response = await proxy.fetch(request, env);
        if (!options.csp) return response;
        const headers = new Headers(response.headers);
        headers.set('content-security-policy', "default-src 'self'");
        return new Response(response.body, {
          status: response.status,
          statusText: response.statusText,
          headers,
        });
      },
    }) as Server;
    started.once('error', reject);
    started.once('listening', () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  proxy = await createProxy(parsed.config, {
    logger: pino({ level: 'silent' }),
    selfOrigins: [origin, `http://localhost:${port}`],
    distDir,
    outboxPollMs: 200,
  });
  const running = proxy;

  return {
    origin,
    adminToken,
    async listLeads() {
      const response = await fetch(`${origin}/v1/admin/leads?limit=100&spam=include`, {
        headers: { authorization: `Bearer ${adminToken}` },
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new Error(`GET /v1/admin/leads answered ${response.status}`);
      return ((await response.json()) as { leads: CanonicalLead[] }).leads;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await running.close(1_000);
    },
  };
}
