import type { LeadSubmission } from '../model/lead';
import type { ClientDeps } from './client-deps';
import { getProxyUrl } from './proxy-url';
import { type ProxyResponse, requestWithRetry } from './request-with-retry';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-delay';

/** How a submission ended: accepted by the proxy, or a `ProxyResponse` failure. */
export type SendLeadResult =
  | { kind: 'accepted'; leadId: string; leadRef: string }
  | Exclude<ProxyResponse, { kind: 'ok' }>;

/**
 * Posts a lead with its `submissionId` as `Idempotency-Key`, so every retry, and every resend
 * from the offline queue, is the same submission to the proxy and the lead arrives once.
 */
export async function sendLead(
  endpoint: string,
  formId: string,
  submission: LeadSubmission,
  options: { deps: ClientDeps; signal: AbortSignal; policy?: RetryPolicy; base?: string },
): Promise<SendLeadResult> {
  const url = getProxyUrl(endpoint, `/v1/forms/${encodeURIComponent(formId)}/leads`, options.base);
  if (!url)
    return {
      kind: 'rejected',
      status: 0,
      code: 'bad_endpoint',
      message: 'The endpoint attribute is not an http(s) URL.',
    };
  const answer = await requestWithRetry(
    url,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'idempotency-key': submission.submissionId,
      },
      body: JSON.stringify(submission),
      credentials: 'omit',
      // Lets the request finish if the visitor navigates away right after pressing send.
      keepalive: true,
    },
    { deps: options.deps, signal: options.signal, policy: options.policy ?? DEFAULT_RETRY_POLICY },
  );
  if (answer.kind !== 'ok') return answer;
  const body = answer.body as { leadId?: unknown; leadRef?: unknown } | null;
  return {
    kind: 'accepted',
    leadId: typeof body?.leadId === 'string' ? body.leadId : '',
    leadRef: typeof body?.leadRef === 'string' ? body.leadRef : '',
  };
}
