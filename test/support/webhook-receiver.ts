import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  payload: { type: string; timestamp: string; data: { id: string } & Record<string, unknown> };
}

export interface WebhookReceiver {
  url: string;
  /** Every call that verified, in order (redeliveries included). */
  received: ReceivedWebhook[];
  /** Calls refused because the signature or timestamp did not verify. */
  rejected: number;
  /** Calls answered with an injected failure. */
  failed: number;
  /**
   * Calls that arrived while another call with the same `webhook-id` was still open: one
   * entry in flight on two workers (or two proxy instances) at once.
   */
  overlaps: number;
  /** Distinct webhook ids seen, as a receiver that keeps ids would. */
  ids(): Set<string>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A webhook receiver as a customer would write one: it verifies every call with the
 * `standardwebhooks` package and answers 401 when that fails. `failRate` answers that
 * share of verified calls with 500 (after reading them), to force redeliveries.
 */
export async function startWebhookReceiver(options: {
  secret: string;
  failRate?: number;
  status?: number;
  /** Keeps each verified call open this long before answering, so overlaps show. */
  holdMs?: number;
  /** Listens on this port (default: a free one), e.g. to come back where a config points. */
  port?: number;
}): Promise<WebhookReceiver> {
  const verifier = new Webhook(options.secret);
  const received: ReceivedWebhook[] = [];
  const state = { rejected: 0, failed: 0, overlaps: 0 };
  const open = new Map<string, number>();
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const headers = {
      'webhook-id': String(req.headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
    };
    let payload: ReceivedWebhook['payload'];
    try {
      payload = verifier.verify(body, headers) as ReceivedWebhook['payload'];
    } catch {
      state.rejected++;
      res.writeHead(401).end();
      return;
    }
    if (options.status) {
      res.writeHead(options.status).end();
      return;
    }
    const id = headers['webhook-id'];
    if (open.get(id)) state.overlaps++;
    open.set(id, (open.get(id) ?? 0) + 1);
    try {
      if (options.holdMs) await new Promise((resolve) => setTimeout(resolve, options.holdMs));
    } finally {
      const left = (open.get(id) ?? 1) - 1;
      if (left) open.set(id, left);
      else open.delete(id);
    }
    if (options.failRate && Math.random() < options.failRate) {
      state.failed++;
      res.writeHead(500).end('try again');
      return;
    }
    received.push({
      id: headers['webhook-id'],
      timestamp: headers['webhook-timestamp'],
      signature: headers['webhook-signature'],
      body,
      payload,
    });
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/leads`,
    received,
    get rejected() {
      return state.rejected;
    },
    get failed() {
      return state.failed;
    },
    get overlaps() {
      return state.overlaps;
    },
    ids: () => new Set(received.map((r) => r.id)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh Standard Webhooks secret. */
export function makeWebhookSecret(): string {
  return `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64')}`;
}
