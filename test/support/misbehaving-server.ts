import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Servers that answer the way a broken or hostile endpoint does — a redirect, an endless
 * body — so tests can show what the proxy's outbound calls do with them. They listen on
 * 127.0.0.1 at a port the system chose.
 */

/** One request as the server saw it (its body read). */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface MisbehavingServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Every request, in order of arrival. */
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a server that hands every request, its body read, to `handle`. */
export async function startMisbehavingServer(
  handle: (req: SeenRequest, res: ServerResponse) => void | Promise<void>,
): Promise<MisbehavingServer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      void handle(seen, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** How far a streamed body got before the client stopped reading it. */
export interface StreamedBody {
  /** Bytes handed to the socket so far. */
  readonly sent: number;
  /** True once the client closed the connection before the whole body was sent. */
  readonly cutOff: boolean;
  /** Resolves when the body is finished or the connection is gone. */
  readonly done: Promise<void>;
}

/**
 * Answers `status` with a body of `totalBytes` (JSON-looking text), written in 64 KB chunks
 * as fast as the client takes them, so the client's memory, not the server's, decides.
 */
export function streamHugeBody(res: ServerResponse, status: number, totalBytes: number): StreamedBody {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const state = { sent: 0, cutOff: false };
  const done = new Promise<void>((resolve) => {
    res.on('close', () => {
      if (state.sent < totalBytes) state.cutOff = true;
      resolve();
    });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.write('{"padding":"');
    const pump = () => {
      while (state.sent < totalBytes && !res.destroyed) {
        state.sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end('"}');
    };
    pump();
  });
  return {
    get sent() {
      return state.sent;
    },
    get cutOff() {
      return state.cutOff;
    },
    done,
  };
}

/**
 * Runs `work` while sampling this process's resident memory every 5 ms; resolves with its
 * result, how long it took and the highest RSS growth over the start (bytes).
 */
export async function measurePeakRss<T>(
  work: () => Promise<T>,
): Promise<{ result: T; ms: number; rssGrowth: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const began = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, ms: performance.now() - began, rssGrowth: peak - start };
  } finally {
    clearInterval(timer);
  }
}
