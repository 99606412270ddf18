import type { ResolvedConfig } from '../config/load-config';
import { isLoopbackHost } from '../security/is-loopback-request';

/**
 * The warning `leadkit serve --host H` prints when H is not a loopback address: what the
 * network can now reach, so an operator who meant "localhost only" notices. Null on loopback.
 */
export function getExposureWarning(host: string, config: Pick<ResolvedConfig, 'demo'>): string | null {
  if (isLoopbackHost(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host)) return null;
  const exposed = [
    'lead intake (/v1/forms/*)',
    'the admin API (/v1/admin/*, admin token)',
    '/metrics (admin token)',
    '/healthz',
    '/leadkit.js',
    ...(config.demo ? ['the demo pages and the /leads/ page that shows stored leads'] : []),
  ];
  return [
    `leadkit: warning: --host ${host} is not loopback, so other machines can reach: ${exposed.join(', ')}.`,
    '  Serve it behind TLS (a reverse proxy) and list that proxy in trustProxy; use --host 127.0.0.1 to stay local.',
  ].join('\n');
}
