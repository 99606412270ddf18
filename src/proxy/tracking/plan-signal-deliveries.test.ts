import { describe, expect, it } from 'vitest';
import type { Backend } from '../../backends/backend';
import type { IntentSignal } from '../../model/signal';
import { planSignalDeliveries } from './plan-signal-deliveries';

const signal = (overrides: Partial<IntentSignal> = {}): IntentSignal => ({
  id: 'sig_a',
  leadId: 'lead-1',
  type: 'link_clicked',
  detail: {},
  occurredAt: 0,
  machine: false,
  source: 'email',
  eventId: null,
  ...overrides,
});

const deliverSignal: Backend['deliverSignal'] = async () => ({ kind: 'ok' });
const backends = new Map<string, Pick<Backend, 'deliverSignal' | 'takesSignal'>>([
  ['crm', { deliverSignal, takesSignal: (s) => !s.machine }],
  ['hook', { deliverSignal }],
  ['inbox', {}],
]);

describe('planSignalDeliveries', () => {
  it("queues a signal for each backend of the form's deliver that takes signals, once each", () => {
    const plan = planSignalDeliveries([signal()], ['inbox', 'crm', 'hook', 'crm', 'gone'], backends);
    expect(plan.map((d) => d.backend)).toEqual(['crm', 'hook']);
    expect(new Set(plan.map((d) => d.id)).size).toBe(2);
  });

  it('gives the same ids for the same signal, so a replay cannot enqueue twice', () => {
    const a = planSignalDeliveries([signal()], ['crm', 'hook'], backends);
    const b = planSignalDeliveries([signal()], ['crm', 'hook'], backends);
    expect(b).toEqual(a);
    expect(planSignalDeliveries([signal({ id: 'sig_b' })], ['crm'], backends)[0]?.id).not.toBe(a[0]?.id);
  });

  it('leaves out a backend that refuses the signal (a machine open for LIO)', () => {
    const plan = planSignalDeliveries([signal({ machine: true })], ['crm', 'hook'], backends);
    expect(plan.map((d) => d.backend)).toEqual(['hook']);
  });
});
