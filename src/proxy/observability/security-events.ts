import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { ProxyError } from '../proxy-error';

/** What a refusal says about who is knocking: a missing or wrong admin token, a foreign origin, a flood. */
export type SecurityEventKind = 'admin_token' | 'origin' | 'rate_limit';

/**
 * The refusals that are security events, by the error code every route throws for them:
 * `forbidden` (admin token missing or wrong: /v1/admin/*, /metrics, intake without Origin),
 * `origin_not_allowed` (an Origin outside the form's list) and `rate_limited` (429).
 */
const KIND_BY_CODE: Readonly<Record<string, SecurityEventKind>> = {
  forbidden: 'admin_token',
  origin_not_allowed: 'origin',
  rate_limited: 'rate_limit',
};

/** The security event a refusal stands for, or null for an ordinary client error. */
export function getSecurityEventKind(error: ProxyError): SecurityEventKind | null {
  return KIND_BY_CODE[error.code] ?? null;
}

/** One refused request: where it went, never who sent it or what credential it carried. */
export interface SecurityEvent {
  kind: SecurityEventKind;
  /** The route pattern (`/v1/forms/:form/leads`), not the raw path. */
  route: string;
  /** A configured form's id, when the route names one. */
  form?: string;
  /** Whether an `Authorization: Bearer` header was sent (and refused). */
  presentedToken?: boolean;
}

/** Counts refusals and logs them aggregated: at most one warn line per kind per interval. */
export interface SecurityEvents {
  record(event: SecurityEvent): void;
  /** Logs what has been counted since the last line (the proxy calls it on close). */
  flush(): void;
}

interface Tally {
  count: number;
  tokens: number;
  forms: Map<string, number>;
  routes: Map<string, number>;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * Security events for one proxy. Each event increments `counter` at once (labels `kind`
 * and `form`, both from closed sets, so a flood cannot grow the label space) and joins a
 * tally that is logged as one warn line per kind per `intervalMs` (default a minute): a
 * flood of 10,000 refusals is one line with its count, never 10,000 lines. A lone event is
 * logged too, up to one interval late.
 */
export function createSecurityEvents(options: {
  logger: Logger;
  counter: Counter<'kind' | 'form'>;
  intervalMs?: number;
}): SecurityEvents {
  const intervalMs = options.intervalMs ?? 60_000;
  const tallies = new Map<SecurityEventKind, Tally>();
  let timer: NodeJS.Timeout | undefined;

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    for (const [kind, tally] of tallies) {
      options.logger.warn(
        {
          event: 'security',
          kind,
          count: tally.count,
          ...(kind === 'admin_token' ? { withWrongToken: tally.tokens } : {}),
          ...(tally.forms.size ? { forms: Object.fromEntries(tally.forms) } : {}),
          routes: Object.fromEntries(tally.routes),
          windowSeconds: Math.round(intervalMs / 1000),
        },
        `security: ${tally.count} request${tally.count === 1 ? '' : 's'} refused (${kind})`,
      );
    }
    tallies.clear();
  }

  return {
    record(event) {
      options.counter.inc({ kind: event.kind, form: event.form ?? '' });
      let tally = tallies.get(event.kind);
      if (!tally) {
        tally = { count: 0, tokens: 0, forms: new Map(), routes: new Map() };
        tallies.set(event.kind, tally);
      }
      tally.count++;
      if (event.presentedToken) tally.tokens++;
      if (event.form) bump(tally.forms, event.form);
      bump(tally.routes, event.route);
      if (!timer) {
        timer = setTimeout(flush, intervalMs);
        timer.unref();
      }
    },
    flush,
  };
}
