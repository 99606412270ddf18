import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type MisbehavingServer,
  measurePeakRss,
  type StreamedBody,
  startMisbehavingServer,
  streamHugeBody,
} from '../../../test/support/misbehaving-server';
import { MAX_ANSWER_BYTES, sendVendorRequest, type VendorCallResult } from './vendor-request';

const MB = 1024 * 1024;
let servers: MisbehavingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** The outcome, or the answer's status and size: a failing test prints no 400 MB body. */
function summarize(result: VendorCallResult) {
  return result.ok ? { status: result.response.status, bytes: result.response.text.length } : result.outcome;
}

async function serve(handle: Parameters<typeof startMisbehavingServer>[0]): Promise<MisbehavingServer> {
  const server = await startMisbehavingServer(handle);
  servers.push(server);
  return server;
}

describe('sendVendorRequest: redirects', () => {
  it('does not follow a 301: the POST fails for good and the target never sees the GET it would become', async () => {
    const server = await serve((req, res) => {
      if (req.path === '/leads') res.writeHead(301, { location: '/moved' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"from-a-get"}');
    });
    const result = await sendVendorRequest(fetch, {
      method: 'POST',
      url: `${server.url}/leads`,
      body: { email: 'jane@example.com' },
      timeoutMs: 2000,
    });
    expect(result).toEqual({
      ok: false,
      outcome: {
        kind: 'permanent',
        message:
          "301 redirect (on the same origin) not followed: leadkit never follows redirects; set the backend's URL to the final address",
      },
    });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /leads']);
  });

  it('never carries the API key to another origin, and keeps the Location out of the message', async () => {
    const other = await serve((_req, res) => void res.writeHead(200).end('{}'));
    const server = await serve((_req, res) => {
      res.writeHead(307, { location: `${other.url}/steal?token=abc123` }).end();
    });
    const result = await sendVendorRequest(fetch, {
      method: 'POST',
      url: `${server.url}/leads`,
      headers: { 'x-api-key': 'secret-key-1' },
      body: { email: 'jane@example.com' },
      timeoutMs: 2000,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.outcome.kind).toBe('permanent');
    expect(result.outcome.message).toMatch(/^307 redirect \(to another origin\) not followed/);
    expect(result.outcome.message).not.toContain('abc123');
    expect(result.outcome.message).not.toContain(other.url);
    expect(other.requests).toEqual([]);
  });
});

describe('sendVendorRequest: https only', () => {
  it('refuses plain http to a host that is not loopback without sending anything', async () => {
    const fetchSpy = vi.fn(fetch);
    const result = await sendVendorRequest(fetchSpy, {
      method: 'POST',
      url: 'http://crm.example.com/leads',
      body: { email: 'jane@example.com' },
      timeoutMs: 2000,
    });
    expect(result).toEqual({
      ok: false,
      outcome: { kind: 'permanent', message: "the backend's URL must be https (loopback hosts excepted)" },
    });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('sendVendorRequest: answer size cap', () => {
  it('stops reading a 400 MB answer past the cap: memory stays flat and the call ends at once', async () => {
    let body: StreamedBody | undefined;
    const server = await serve((_req, res) => {
      body = streamHugeBody(res, 200, 400 * MB);
    });
    const { result, ms, rssGrowth } = await measurePeakRss(() =>
      sendVendorRequest(fetch, { method: 'POST', url: `${server.url}/leads`, body: {}, timeoutMs: 30_000 }),
    );
    expect(summarize(result)).toEqual({
      kind: 'retry',
      message: '200 with an answer over 1 MB: stopped reading it',
    });
    expect(ms).toBeLessThan(3000);
    expect(rssGrowth).toBeLessThan(64 * MB);
    await body?.done;
    expect(body?.cutOff).toBe(true);
    expect(body?.sent).toBeLessThan(64 * MB);
  }, 60_000);

  it('classifies an oversized error answer by its status', async () => {
    const statuses = [500, 422];
    const server = await serve((_req, res) => void streamHugeBody(res, statuses.shift() ?? 500, 8 * MB));
    const send = () => sendVendorRequest(fetch, { method: 'GET', url: `${server.url}/x`, timeoutMs: 5000 });
    expect(summarize(await send())).toEqual({ kind: 'retry', message: '500: answer over 1 MB, not read' });
    expect(summarize(await send())).toEqual({
      kind: 'permanent',
      message: '422: answer over 1 MB, not read',
    });
  });

  it('counts the bytes after decompression: a 64 MB gzip bomb of 64 KB is cut at the cap too', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * MB, ' '));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb);
    });
    const { result, ms, rssGrowth } = await measurePeakRss(() =>
      sendVendorRequest(fetch, { method: 'GET', url: `${server.url}/x`, timeoutMs: 30_000 }),
    );
    expect(bomb.length).toBeLessThan(MAX_ANSWER_BYTES);
    expect(summarize(result)).toEqual({
      kind: 'retry',
      message: '200 with an answer over 1 MB: stopped reading it',
    });
    expect(ms).toBeLessThan(3000);
    expect(rssGrowth).toBeLessThan(64 * MB);
  }, 60_000);

  it('reads an answer up to the cap whole', async () => {
    const json = JSON.stringify({ padding: 'b'.repeat(MAX_ANSWER_BYTES - 20) });
    const server = await serve((_req, res) => void res.writeHead(200).end(json));
    const result = await sendVendorRequest(fetch, { method: 'GET', url: `${server.url}/x`, timeoutMs: 5000 });
    expect(result.ok && result.response.text.length).toBe(json.length);
    expect(result.ok && result.response.json).toEqual(JSON.parse(json));
  });

  it('cuts off an answer that trickles in slower than the timeout', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":"');
      const timer = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const { result, ms } = await measurePeakRss(() =>
      sendVendorRequest(fetch, { method: 'GET', url: `${server.url}/x`, timeoutMs: 300 }),
    );
    expect(result).toEqual({ ok: false, outcome: { kind: 'retry', message: 'timed out after 300 ms' } });
    expect(ms).toBeLessThan(1500);
  });
});
