import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Store } from '../../store/store';

export interface ProxyMetrics {
  registry: Registry;
  leadsAccepted: Counter<'form'>;
  leadsRejected: Counter<'reason'>;
  deliveries: Counter<'backend' | 'outcome'>;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  securityEvents: Counter<'kind' | 'form'>;
}

/**
 * Prometheus metrics for one proxy (its own registry, so several proxies in one process
 * do not mix): leads accepted and rejected by reason, deliveries by backend and outcome,
 * outbox depth and oldest pending age (read from the store at scrape time), request latency,
 * security events (security-events.ts).
 */
export function createMetrics(store: Store): ProxyMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'leadkit_process_' });
  const leadsAccepted = new Counter({
    name: 'leadkit_leads_accepted_total',
    help: 'Leads stored and answered 202',
    labelNames: ['form'] as const,
    registers: [registry],
  });
  const leadsRejected = new Counter({
    name: 'leadkit_leads_rejected_total',
    help: 'Lead submissions refused or kept as spam, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'leadkit_deliveries_total',
    help: 'Delivery attempts by backend and outcome (delivered, duplicate, retry, dead)',
    labelNames: ['backend', 'outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'leadkit_outbox_entries',
    help: 'Outbox entries by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const stats = await store.getOutboxStats();
      for (const [status, n] of Object.entries(stats.byStatus)) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'leadkit_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest entry not yet delivered or dead',
    registers: [registry],
    async collect() {
      const stats = await store.getOutboxStats();
      this.set(stats.oldestPendingAt === null ? 0 : (Date.now() - stats.oldestPendingAt) / 1000);
    },
  });
  const requestDuration = new Histogram({
    name: 'leadkit_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const securityEvents = new Counter({
    name: 'leadkit_security_events_total',
    help: 'Refused requests that are security events: admin_token (missing or wrong), origin, rate_limit; form is the configured form or empty',
    labelNames: ['kind', 'form'] as const,
    registers: [registry],
  });
  return { registry, leadsAccepted, leadsRejected, deliveries, requestDuration, securityEvents };
}
