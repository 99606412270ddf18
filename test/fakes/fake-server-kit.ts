import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The plumbing the vendor fakes share: a server on 127.0.0.1 that hands each request over
 * with its body read, a sliding-window rate limit, queues of injected failures and lost
 * replies, and JSON answers. What a vendor answers, and in which envelope, stays in its fake.
 */

/** A fake's HTTP server, listening on 127.0.0.1 at a port the system chose. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Drops every open connection (hung ones too) and stops listening. */
  close(): Promise<void>;
}

/** Reads a request's body as UTF-8; a request that fails while sending has the empty body. */
export function readRequestBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

/**
 * Starts a server on 127.0.0.1 at a random port that calls `handle` once a request's body
 * has arrived.
 *
 * @example
 * const server = await startLoopbackServer((req, res, rawBody) => replyJson(res, 200, { ok: true }));
 * await fetch(server.url);
 * await server.close();
 */
export async function startLoopbackServer(
  handle: (req: IncomingMessage, res: ServerResponse, rawBody: string) => void | Promise<void>,
): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    void readRequestBody(req).then((rawBody) => handle(req, res, rawBody));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** Answers `status` with `body` as JSON (no body when it is `undefined`). */
export function replyJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A vendor's rate limit as a sliding window: at most `count` requests in any `windowMs`. */
export interface SlidingWindow {
  /**
   * Counts a request arriving at `now` and returns null; when the window is already full it
   * counts nothing and returns the whole seconds (at least 1) until the oldest request
   * leaves it, a `Retry-After`.
   */
  take(now: number): number | null;
  /** Forgets every request counted so far. */
  clear(): void;
}

/** A sliding window for `rate`, empty. */
export function createSlidingWindow(rate: { count: number; windowMs: number }): SlidingWindow {
  let arrivals: number[] = [];
  return {
    take(now) {
      arrivals = arrivals.filter((at) => at > now - rate.windowMs);
      if (arrivals.length >= rate.count) {
        const oldest = arrivals[0] ?? now;
        return Math.max(1, Math.ceil((oldest + rate.windowMs - now) / 1000));
      }
      arrivals.push(now);
      return null;
    },
    clear() {
      arrivals = [];
    },
  };
}

/** Failures waiting for the next requests, first in first out. */
export interface FailureQueue<F> {
  /** The next `count` requests get `failure`, after any already waiting. */
  add(failure: F, count: number): void;
  /** Takes the failure for this request, if one waits. */
  next(): F | undefined;
  /** The failure the next request would get, left waiting. */
  peek(): F | undefined;
  clear(): void;
}

/** An empty failure queue. */
export function createFailureQueue<F>(): FailureQueue<F> {
  const waiting: F[] = [];
  return {
    add(failure, count) {
      for (let i = 0; i < count; i++) waiting.push(failure);
    },
    next: () => waiting.shift(),
    peek: () => waiting[0],
    clear() {
      waiting.length = 0;
    },
  };
}

/**
 * Carries out an injected `hang` (the request never gets an answer, so the client times
 * out) or `reset` (the connection is destroyed at once). True when it did, and the request
 * needs nothing more.
 */
export function failConnection(failure: { kind: string } | undefined, req: IncomingMessage): boolean {
  if (failure?.kind === 'hang') return true;
  if (failure?.kind === 'reset') {
    req.socket.destroy();
    return true;
  }
  return false;
}

/** Replies to lose: the request takes effect, then its connection drops before the answer. */
export interface LostReplies {
  /** The next `count` replies that ask are lost. */
  add(count: number): void;
  /** Destroys the connection and returns true while replies are still to be lost. */
  loseIfDue(req: IncomingMessage): boolean;
  clear(): void;
}

/** No reply to lose, yet. */
export function createLostReplies(): LostReplies {
  let left = 0;
  return {
    add(count) {
      left += count;
    },
    loseIfDue(req) {
      if (left === 0) return false;
      left--;
      req.socket.destroy();
      return true;
    },
    clear() {
      left = 0;
    },
  };
}

/** What the next request(s) suffer instead of a normal answer (QualifyBase, LeadCenter.AI). */
export type InjectedFailure =
  /** Answer this status with the vendor's error envelope (or `body`). */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Never answer; with `process: true` the request is handled (a lead stored) first. */
  | { kind: 'hang'; process?: boolean }
  /** Destroy the connection at once (ECONNRESET), before anything is stored. */
  | { kind: 'reset' }
  /** Handle the request (store the lead), then destroy the connection: the answer is lost. */
  | { kind: 'lose-response' };

/** A vendor's answer to one request. */
export interface FakeAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** One request as a fake logged it. */
export interface LoggedRequest {
  method: string;
  /** The path with its query. */
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON, or the raw text when it is not JSON; `undefined` when empty. */
  body: unknown;
  /** The status answered; 0 when no answer was sent. */
  status: number;
  /** When the request arrived (ms since the epoch): the time the rate window counts. */
  at: number;
}

/**
 * Answers one request with `handle`'s answer, unless `failure` says otherwise, and logs it
 * into `log` with the status it got. An injected `status` failure without a body is answered
 * with `failureBody`.
 */
export function answerOrFail(options: {
  req: IncomingMessage;
  res: ServerResponse;
  rawBody: string;
  failure: InjectedFailure | undefined;
  failureBody: unknown;
  log: LoggedRequest[];
  handle: () => FakeAnswer;
}): void {
  const { req, res, rawBody, failure, log } = options;
  const at = Date.now();
  const record = (status: number) => {
    let body: unknown = rawBody;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {}
    log.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, status, at });
  };
  if (failure?.kind === 'reset' || (failure?.kind === 'hang' && !failure.process)) {
    record(0);
    failConnection(failure, req);
    return;
  }
  if (failure?.kind === 'status') {
    record(failure.status);
    replyJson(res, failure.status, failure.body ?? options.failureBody, failure.headers);
    return;
  }
  const answer = options.handle();
  record(answer.status);
  if (failure?.kind === 'hang') return;
  if (failure?.kind === 'lose-response') {
    req.socket.destroy();
    return;
  }
  replyJson(res, answer.status, answer.body, answer.headers);
}
