import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/proxy/config/default-config';
import { parseConfig } from '../../src/proxy/config/load-config';
import { type RunningServer, startServer } from '../../src/proxy/serve';
import { ADMIN_TOKEN, startTestProxy, type TestProxy } from '../support/start-test-proxy';

/*
 * Operations: what the proxy does to protect itself and its operator — server timeouts and
 * the connection cap, who may read /metrics, and what reaches logs and disk.
 */

const ORIGIN = 'https://www.example.com';

/** A raw TCP connection to the proxy, recording everything it answers and when it closes. */
function openSocket(url: string): { socket: Socket; received: () => string; closed: Promise<number> } {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  const socket = connect({ host: hostname, port: Number(port) });
  let data = '';
  socket.on('data', (chunk) => {
    data += chunk.toString();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  return { socket, received: () => data, closed };
}

/** A GET with exactly these headers (Host included, which fetch would not let a test set). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.end();
  });
}

/** Writes one byte every `everyMs` until the socket closes. */
function drip(socket: Socket, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || socket.writableEnded) return clearInterval(timer);
    socket.write(text[i % text.length] as string);
    i++;
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

describe('server timeouts and connection cap', () => {
  let proxy: TestProxy;
  beforeAll(async () => {
    proxy = await startTestProxy({
      logLevel: 'silent',
      server: { headersTimeoutMs: 1000, requestTimeoutMs: 1500, keepAliveTimeoutMs: 300 },
      backends: { inbox: { type: 'local' } },
      forms: { contact: { origins: [ORIGIN], fields: ['email'], deliver: ['inbox'] } },
    });
  });
  afterAll(async () => {
    await proxy?.shutdown();
  });

  it('closes a connection whose headers trickle in slower than headersTimeout', async () => {
    const { socket, received, closed } = openSocket(proxy.url);
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    drip(socket, 'X-Slow: aaaa\r\n', 100);
    const ms = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 6000))]);
    socket.destroy();
    expect(ms).toBeGreaterThan(900);
    expect(ms).toBeLessThan(3500);
    expect(received()).toMatch(/^HTTP\/1\.1 408|^$/);
  }, 10_000);

  it('closes a connection whose body trickles in slower than requestTimeout', async () => {
    const { socket, closed } = openSocket(proxy.url);
    socket.write(
      `POST /v1/forms/contact/leads HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
    );
    drip(socket, ' ', 100);
    const ms = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 6000))]);
    socket.destroy();
    expect(ms).toBeGreaterThan(1400);
    expect(ms).toBeLessThan(4000);
    // A client that gave up is not a fault of the proxy's: no error line for it.
    await new Promise((r) => setTimeout(r, 50));
    expect(proxy.logs.filter((line) => line.includes('unhandled error'))).toEqual([]);
  }, 10_000);

  it('closes an idle kept-alive connection after keepAliveTimeout', async () => {
    const { socket, received, closed } = openSocket(proxy.url);
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    const ms = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 4000))]);
    socket.destroy();
    expect(received()).toMatch(/^HTTP\/1\.1 200/);
    expect(ms).toBeGreaterThan(250);
    expect(ms).toBeLessThan(2000);
  }, 10_000);

  it('still takes a normal request', async () => {
    expect((await fetch(`${proxy.url}/healthz`)).status).toBe(200);
  });
});

describe('connection cap', () => {
  let proxy: TestProxy;
  beforeAll(async () => {
    proxy = await startTestProxy({ logLevel: 'silent', server: { maxConnections: 2 } });
  });
  afterAll(async () => {
    await proxy?.shutdown();
  });

  it('closes connections past maxConnections on arrival and takes new ones once others end', async () => {
    const held = [openSocket(proxy.url), openSocket(proxy.url)];
    await Promise.all(held.map(({ socket }) => new Promise((r) => socket.once('connect', r))));
    await new Promise((r) => setTimeout(r, 100));
    const extra = openSocket(proxy.url);
    extra.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const ms = await Promise.race([extra.closed, new Promise<number>((r) => setTimeout(() => r(-1), 3000))]);
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(extra.received()).toBe('');
    for (const { socket } of held) socket.destroy();
    await Promise.all(held.map(({ closed }) => closed));
    await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${proxy.url}/healthz`, { headers: { connection: 'close' } })).status).toBe(200);
  }, 10_000);
});

describe('GET /metrics', () => {
  let proxy: TestProxy;
  let host: string;
  beforeAll(async () => {
    proxy = await startTestProxy({ logLevel: 'silent' });
    host = new URL(proxy.url).host;
  });
  afterAll(async () => {
    await proxy?.shutdown();
  });
  const metrics = (headers: Record<string, string>) => rawGet(`${proxy.url}/metrics`, headers);

  it('is open to a loopback peer that names a loopback host', async () => {
    const port = new URL(proxy.url).port;
    for (const name of [host, `localhost:${port}`, `[::1]:${port}`, 'localhost', '127.0.0.1']) {
      const res = await metrics({ host: name });
      expect(res.status, name).toBe(200);
      expect(res.body).toContain('leadkit_http_request_duration_seconds');
    }
  });

  it('needs the admin token when the Host is not loopback (DNS rebinding)', async () => {
    for (const name of [
      'evil.example',
      `attacker.example:${new URL(proxy.url).port}`,
      '127.0.0.1.evil.example',
    ]) {
      const res = await metrics({ host: name });
      expect(res.status, name).toBe(403);
      expect(res.body).not.toContain('leadkit_');
    }
    const admin = await metrics({ host: 'evil.example', authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(admin.status).toBe(200);
  });

  it('needs the admin token when any forwarding header is present', async () => {
    const relayed: Array<Record<string, string>> = [
      { 'x-forwarded-for': '203.0.113.9' },
      { forwarded: 'for=203.0.113.9' },
      { 'x-real-ip': '203.0.113.9' },
      { 'x-forwarded-host': 'metrics.example.com' },
    ];
    for (const forwarded of relayed) {
      const res = await metrics({ host, ...forwarded });
      expect(res.status, JSON.stringify(forwarded)).toBe(403);
      const admin = await metrics({ host, ...forwarded, authorization: `Bearer ${ADMIN_TOKEN}` });
      expect(admin.status).toBe(200);
    }
  });
});

/** A dist/ with a demo home page and a leads page, so the demo routes have something to serve. */
function makeDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'leadkit-dist-'));
  mkdirSync(join(dist, 'demo', 'leads'), { recursive: true });
  writeFileSync(join(dist, 'demo', 'index.html'), '<!doctype html><title>demo home</title>');
  writeFileSync(join(dist, 'demo', 'leads', 'index.html'), '<!doctype html><title>leads page</title>');
  writeFileSync(join(dist, 'leadkit.js'), 'console.log("leadkit")');
  return dist;
}

/** A proxy on 127.0.0.1:0 from a raw config (source null = the embedded default) and a fake dist/. */
async function startWithDist(raw: Record<string, unknown>, source: string | null): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'leadkit-ops-'));
  const parsed = parseConfig(
    { ...raw, store: `sqlite:${join(dir, 'leadkit.db')}`, adminToken: ADMIN_TOKEN },
    {},
    { source, baseDir: dir },
  );
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return startServer(
    parsed.config,
    { port: 0, host: '127.0.0.1' },
    { distDir: makeDist(), logger: pino({ level: 'silent' }) },
  );
}

describe('demo pages', () => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.shutdown()));
  });
  const start = async (raw: Record<string, unknown>, source: string | null) => {
    const server = await startWithDist(raw, source);
    servers.push(server);
    return server;
  };

  it('are served with the embedded default', async () => {
    const { url } = await start({ ...DEFAULT_CONFIG }, null);
    expect(await (await fetch(`${url}/`)).text()).toContain('demo home');
    expect(await (await fetch(`${url}/leads/`)).text()).toContain('leads page');
  });

  it('are not served for a config file unless it says "demo": true', async () => {
    const config = {
      backends: { inbox: { type: 'local' } },
      forms: { contact: { fields: ['email'], deliver: ['inbox'] } },
    };
    const off = await start(config, 'leadkit.config.json');
    for (const path of ['/', '/index.html', '/leads/', '/leads/index.html']) {
      const res = await fetch(`${off.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('leads page');
    }
    // The bundle is not a demo page: always served.
    expect((await fetch(`${off.url}/leadkit.js`)).status).toBe(200);
    const on = await start({ ...config, demo: true }, 'leadkit.config.json');
    expect(await (await fetch(`${on.url}/leads/`)).text()).toContain('leads page');
  });

  it('answer a malformed percent-encoding in the path with 400, not 500', async () => {
    const { url } = await start({ ...DEFAULT_CONFIG }, null);
    for (const path of ['/%E0%A4%A', '/%zz', '/leads/%']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_path');
    }
  });
});

describe('admin responses', () => {
  let proxy: TestProxy;
  beforeAll(async () => {
    proxy = await startTestProxy({
      logLevel: 'silent',
      backends: { inbox: { type: 'local' } },
      forms: { contact: { origins: [ORIGIN], fields: ['email'], deliver: ['inbox'] } },
    });
  });
  afterAll(async () => {
    await proxy?.shutdown();
  });

  it('carry Cache-Control: no-store, so no cache keeps the leads they list', async () => {
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
    for (const path of ['/v1/admin/leads', '/v1/admin/deliveries', '/v1/admin/deliveries?status=lost']) {
      const res = await fetch(`${proxy.url}${path}`, { headers: auth });
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    const refused = await fetch(`${proxy.url}/v1/admin/leads`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });
});

describe('security events', () => {
  it('counts refused tokens, origins and floods in /metrics and logs them aggregated, without secrets', async () => {
    const proxy = await startTestProxy({
      backends: { inbox: { type: 'local' } },
      forms: {
        contact: { origins: [ORIGIN], fields: ['email'], deliver: ['inbox'], limits: { perIp: '1/min' } },
      },
    });
    const wrongToken = 'wrong-admin-token-5f1e0c9a7b';
    try {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${proxy.url}/v1/admin/leads`, {
          headers: { authorization: `Bearer ${wrongToken}` },
        });
        expect(res.status).toBe(403);
      }
      expect((await fetch(`${proxy.url}/v1/admin/deliveries`)).status).toBe(403);
      for (let i = 0; i < 2; i++) {
        const res = await proxy.post('/v1/forms/contact/leads', {}, { origin: 'https://evil.example' });
        expect(res.status).toBe(403);
      }
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const id = crypto.randomUUID();
        const res = await proxy.post(
          '/v1/forms/contact/leads',
          { submissionId: id, fields: { email: `f${i}@example.com` } },
          { origin: ORIGIN, 'idempotency-key': id },
        );
        statuses.push(res.status);
      }
      expect(statuses.filter((s) => s === 429)).toHaveLength(19);

      const metrics = await (await fetch(`${proxy.url}/metrics`)).text();
      expect(metrics).toContain('leadkit_security_events_total{kind="admin_token",form=""} 4');
      expect(metrics).toContain('leadkit_security_events_total{kind="origin",form="contact"} 2');
      expect(metrics).toContain('leadkit_security_events_total{kind="rate_limit",form="contact"} 19');
      // Aggregated: nothing per request.
      expect(proxy.logs.filter((line) => line.includes('"event":"security"'))).toEqual([]);
    } finally {
      await proxy.shutdown();
    }
    const security = proxy.logs
      .filter((line) => line.includes('"event":"security"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(security.map((l) => [l.kind, l.count]).sort()).toEqual([
      ['admin_token', 4],
      ['origin', 2],
      ['rate_limit', 19],
    ]);
    expect(security.find((l) => l.kind === 'admin_token')).toMatchObject({ withWrongToken: 3, level: 40 });
    expect(security.find((l) => l.kind === 'rate_limit')).toMatchObject({ forms: { contact: 19 } });
    const log = proxy.logs.join('\n');
    expect(log).not.toContain(wrongToken);
    expect(log).not.toContain(ADMIN_TOKEN);
    expect(log).not.toContain('127.0.0.1');
  }, 20_000);
});
