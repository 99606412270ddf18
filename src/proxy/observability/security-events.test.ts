import { Writable } from 'node:stream';
import { Counter, Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProxyError } from '../proxy-error';
import { createLogger } from './create-logger';
import { createSecurityEvents, getSecurityEventKind } from './security-events';

function setup() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      cb();
    },
  });
  const registry = new Registry();
  const counter = new Counter({
    name: 'leadkit_security_events_total',
    help: 'test',
    labelNames: ['kind', 'form'] as const,
    registers: [registry],
  });
  const logger = createLogger({ level: 'info', destination });
  return { lines, counter, events: createSecurityEvents({ logger, counter, intervalMs: 60_000 }) };
}

describe('security events', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs a flood as one warn line per kind per minute, with the count and the form', async () => {
    const { lines, counter, events } = setup();
    for (let i = 0; i < 500; i++)
      events.record({
        kind: 'rate_limit',
        route: '/v1/forms/:form/leads',
        form: i % 5 ? 'contact' : 'quote',
      });
    for (let i = 0; i < 3; i++)
      events.record({ kind: 'admin_token', route: '/v1/admin/*', presentedToken: i > 0 });
    expect(lines).toEqual([]);
    expect((await counter.get()).values.find((v) => v.labels.form === 'contact')?.value).toBe(400);
    vi.advanceTimersByTime(60_000);
    await vi.runAllTimersAsync();
    expect(lines.map((l) => [l.level, l.kind, l.count])).toEqual([
      [40, 'rate_limit', 500],
      [40, 'admin_token', 3],
    ]);
    expect(lines[0]).toMatchObject({ event: 'security', forms: { contact: 400, quote: 100 } });
    expect(lines[1]).toMatchObject({ withWrongToken: 2, routes: { '/v1/admin/*': 3 } });
    // Quiet afterwards: no line without new events.
    vi.advanceTimersByTime(180_000);
    expect(lines).toHaveLength(2);
    events.record({ kind: 'origin', route: '/v1/forms/:form/leads', form: 'contact' });
    events.flush();
    expect(lines.at(-1)).toMatchObject({ kind: 'origin', count: 1 });
  });

  it('maps the refusals routes throw to kinds and leaves other errors alone', () => {
    expect(getSecurityEventKind(new ProxyError(403, 'forbidden', 'x'))).toBe('admin_token');
    expect(getSecurityEventKind(new ProxyError(403, 'origin_not_allowed', 'x'))).toBe('origin');
    expect(getSecurityEventKind(new ProxyError(429, 'rate_limited', 'x'))).toBe('rate_limit');
    expect(getSecurityEventKind(new ProxyError(400, 'validation_failed', 'x'))).toBeNull();
  });
});
