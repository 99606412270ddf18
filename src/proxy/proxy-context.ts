import type { Logger } from 'pino';
import type { Backend } from '../backends/backend';
import type { Store } from '../store/store';
import type { ResolvedConfig } from './config/load-config';
import type { ProxyMetrics } from './observability/create-metrics';
import type { Outbox } from './outbox/outbox-worker';

/** What every route handler shares: config, store, backends, outbox, secrets and clocks. */
export interface ProxyContext {
  config: ResolvedConfig;
  store: Store;
  backends: ReadonlyMap<string, Backend>;
  outbox: Outbox;
  logger: Logger;
  metrics: ProxyMetrics;
  adminToken: string;
  secret: string;
  /** `secret` first, then the rotation keys of config `secrets`: what a leadRef or token is checked against. */
  acceptedSecrets: readonly string[];
  /** The proxy's own origins (publicUrl, 127.0.0.1 and localhost on its port): always allowed. */
  selfOrigins: ReadonlySet<string>;
  clientIp(peer: string | undefined, forwardedFor: string | undefined): string;
  now(): Date;
  /** Where the built bundle and themes are (the `leadkit` package's dist/). */
  distDir: string;
  /** Where the built demo pages are. */
  demoDir: string;
}

/** Hono bindings: on Node, `incoming` is the request's IncomingMessage (for the peer address). */
export type ProxyEnv = {
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } & Partial<AsyncIterable<Uint8Array>> };
};
