import * as z from 'zod/mini';
import type { Backend, BackendDeps, CheckResult, DeliveryAttempt, DeliveryOutcome } from '../backend';
import { type BackendDefinition, commonBackendShape, httpUrlSchema, resolveLimits } from '../backend-config';
import { classifyStatus, sendVendorRequest } from '../http/vendor-request';
import { isWebhookSecret, signWebhook } from './webhook-signature';

export const webhookConfigSchema = z.strictObject({
  type: z.literal('webhook'),
  url: httpUrlSchema,
  secret: z
    .string()
    .check(
      z.refine(
        isWebhookSecret,
        'must be a Standard Webhooks secret: "whsec_" followed by base64 of at least 16 bytes',
      ),
    ),
  ...commonBackendShape,
});
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

/**
 * POSTs `{ type, timestamp, data }` signed per Standard Webhooks (CONTRACT §4). The
 * `webhook-id` is the delivery id, the same on every retry, so a receiver that keeps ids
 * processes each event once. Any 2xx is success; 410 and a 3xx (never followed) are
 * permanent; everything else is retried.
 */
export function createWebhookBackend(name: string, config: WebhookConfig, deps: BackendDeps): Backend {
  const limits = resolveLimits(config, { rateLimit: null, concurrency: 8, timeoutMs: 10_000 });
  async function send(type: string, data: unknown, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    const now = deps.now();
    const timestamp = Math.floor(now.getTime() / 1000);
    const body = JSON.stringify({ type, timestamp: now.toISOString(), data });
    const signature = signWebhook({ secret: config.secret, id: attempt.deliveryId, timestamp, body });
    // The shared sender: https only, no redirect followed (a 3xx is permanent), the
    // answer drained up to the cap and dropped — a receiver's body means nothing here.
    const result = await sendVendorRequest(deps.fetch, {
      method: 'POST',
      url: config.url,
      headers: {
        'user-agent': 'leadkit-webhook/1',
        'webhook-id': attempt.deliveryId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      },
      jsonText: body,
      timeoutMs: limits.timeoutMs,
      signal: attempt.signal,
      answer: 'discard',
    });
    if (!result.ok) return result.outcome;
    const res = result.response;
    if (res.status >= 200 && res.status < 300) return { kind: 'ok' };
    if (res.status === 410) return { kind: 'permanent', message: '410: the receiver is gone' };
    const outcome = classifyStatus(res, 'receiver error', { now });
    // The contract retries every other status, 4xx included: receivers fail in odd ways.
    return outcome.kind === 'permanent' ? { kind: 'retry', message: outcome.message } : outcome;
  }

  return {
    name,
    type: 'webhook',
    limits,
    deliverLead: (lead, attempt) => send('lead.created', lead, attempt),
    // Booking events go to webhooks only; a vendor CRM gets the booking inside its lead.
    deliverEvent: (event, attempt) => send(event.type, event.data, attempt),
    // Every signal, machine ones included: `data.machine` tells the receiver (CONTRACT §4).
    deliverSignal: (signal, attempt) => send(`signal.${signal.data.type}`, signal.data, attempt),
    async check(signal): Promise<CheckResult[]> {
      // A GET creates nothing; any answer proves the receiver is reachable.
      const result = await sendVendorRequest(deps.fetch, {
        method: 'GET',
        url: config.url,
        timeoutMs: limits.timeoutMs,
        signal,
        answer: 'discard',
      });
      return [
        result.ok
          ? {
              ok: result.response.status !== 410,
              what: 'receiver reachable',
              detail: `answered ${result.response.status}`,
            }
          : { ok: false, what: 'receiver reachable', detail: result.outcome.message },
      ];
    },
  };
}

export const webhookBackend: BackendDefinition<WebhookConfig> = {
  type: 'webhook',
  configSchema: webhookConfigSchema,
  create: createWebhookBackend,
};
