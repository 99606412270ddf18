import type { Backend } from '../../backends/backend';
import type { IntentSignal } from '../../model/signal';
import type { NewSignalDeliveries } from '../../store/store';
import type { ProxyContext } from '../proxy-context';
import { toStableId } from './to-stable-id';

/**
 * The outbox entries of new signals: one per backend of the lead's form's `deliver` that
 * takes signals (`deliverSignal`: LIO and the webhook; `local` keeps the signal already, the
 * other vendors have no signal endpoint) and takes this one (`takesSignal`: LIO no machine
 * opens). The id is derived from the signal and backend, so a replayed request, whose signal
 * id is the same, can never enqueue a second entry. Pure.
 */
export function planSignalDeliveries(
  signals: readonly IntentSignal[],
  deliver: readonly string[],
  backends: ReadonlyMap<string, Pick<Backend, 'deliverSignal' | 'takesSignal'>>,
): NewSignalDeliveries {
  const out: Array<{ signalId: string; id: string; backend: string }> = [];
  for (const signal of signals) {
    for (const name of new Set(deliver)) {
      const backend = backends.get(name);
      if (!backend?.deliverSignal) continue;
      if (backend.takesSignal && !backend.takesSignal(signal)) continue;
      out.push({ signalId: signal.id, id: toStableId('msg', [signal.id, name]), backend: name });
    }
  }
  return out;
}

/** The entries for new signals of a lead of `form`; none when the form is no longer configured. */
export function signalDeliveriesFor(
  ctx: Pick<ProxyContext, 'config' | 'backends'>,
  form: string,
  signals: readonly IntentSignal[],
): NewSignalDeliveries {
  const deliver = Object.hasOwn(ctx.config.forms, form) ? (ctx.config.forms[form]?.deliver ?? []) : [];
  return planSignalDeliveries(signals, deliver, ctx.backends);
}
