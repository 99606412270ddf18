import { parseReceivedMessages, type ReceivedMessages } from '../i18n/received-messages';
import type { FormDefinition } from '../model/form';
import { isPhoneMetadata, type PhoneMetadata } from '../phone/phone-metadata';
import type { ClientDeps } from './client-deps';
import type { LeadErrorCode } from './leadkit-events';
import { createLinkedController } from './linked-abort';
import { parseFormDefinition } from './parse-form-definition';
import { getProxyUrl } from './proxy-url';
import { requestWithRetry } from './request-with-retry';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-delay';

/** A loaded form, or why it could not be loaded (`code` is what `leadkit:error` carries). */
export type FormLoadResult =
  | {
      ok: true;
      form: FormDefinition;
      phoneMetadata?: PhoneMetadata;
      /** The catalogue for the visitor's language, when it is not English (checked when used). */
      messages?: ReceivedMessages;
      /** Proxy clock minus browser clock, when the `Date` header is readable (0 otherwise). */
      clockOffsetMs: number;
    }
  | { ok: false; code: LeadErrorCode | 'aborted'; message: string; aborted?: boolean };

/**
 * Fetches `GET /v1/forms/:form` and checks its shape: the answer crosses a trust boundary
 * (a misconfigured proxy, a captive portal's HTML), so it is parsed, not assumed.
 */
export async function fetchFormDefinition(
  endpoint: string,
  formId: string,
  options: {
    deps: ClientDeps;
    signal: AbortSignal;
    policy?: RetryPolicy;
    base?: string;
    /** The locale candidates (`toLocaleQuery`), so the answer carries the catalogue. */
    query?: string;
    /** Revalidate past the browser's HTTP cache (the answer is cacheable for a minute). */
    fresh?: boolean;
  },
): Promise<FormLoadResult> {
  const url = getProxyUrl(
    endpoint,
    `/v1/forms/${encodeURIComponent(formId)}${options.query ? `?${options.query}` : ''}`,
    options.base,
  );
  if (!url)
    return { ok: false, code: 'bad_endpoint', message: 'The endpoint attribute is not an http(s) URL.' };
  const answer = await requestWithRetry(
    url,
    // `same-origin` credentials (no cookies go to another origin) so that a page's
    // `<link rel="preload" as="fetch" crossorigin="anonymous">` for the definition is reused.
    {
      method: 'GET',
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      ...(options.fresh ? { cache: 'no-cache' as const } : {}),
    },
    { deps: options.deps, signal: options.signal, policy: options.policy ?? DEFAULT_RETRY_POLICY },
  );
  switch (answer.kind) {
    case 'ok': {
      const parsed = parseFormDefinition(answer.body);
      if (!parsed.success)
        return {
          ok: false,
          code: 'bad_form_definition',
          message: 'The form definition has an unexpected shape.',
        };
      // The phone metadata for the form's countries rides along with the definition (see
      // src/phone/phone-metadata.ts for why it is not in the bundle).
      const { phoneMetadata, messages } = answer.body as { phoneMetadata?: unknown; messages?: unknown };
      const received = parseReceivedMessages(messages);
      // `startedAt` is judged against the proxy's clock; a visitor's clock that runs ahead
      // would make a human look like a bot, so it is sent in the proxy's time where known.
      const serverTime = answer.date ? Date.parse(answer.date) : Number.NaN;
      const clockOffsetMs = Number.isNaN(serverTime) ? 0 : serverTime - options.deps.now();
      return {
        ok: true,
        form: parsed.data,
        clockOffsetMs,
        ...(isPhoneMetadata(phoneMetadata) ? { phoneMetadata } : {}),
        ...(received ? { messages: received } : {}),
      };
    }
    case 'aborted':
      return { ok: false, code: 'aborted', message: 'Loading was cancelled.', aborted: true };
    case 'unreachable':
      if (answer.reason === 'network' && (await isAnsweringOpaquely(url, options)))
        return {
          ok: false,
          code: 'origin_not_allowed',
          message: "The proxy answered, but not to this page's origin: it is not in the form's origins.",
        };
      return { ok: false, code: answer.reason, message: 'The form server could not be reached.' };
    default:
      return { ok: false, code: answer.code, message: answer.message };
  }
}

/**
 * After a network failure: does the proxy answer at all? A `no-cors` request succeeds with an
 * opaque response when the server answered but CORS kept the answer from the page. The proxy
 * makes every error answer of this route readable (src/proxy/security/public-error-cors.ts)
 * and withholds CORS headers from the definition only for an origin its form does not list,
 * so an opaque answer here means exactly that. Costs one request, only on failure.
 */
async function isAnsweringOpaquely(
  url: string,
  options: { deps: ClientDeps; signal: AbortSignal },
): Promise<boolean> {
  if (options.signal.aborted || !options.deps.isOnline()) return false;
  const controller = createLinkedController(options.signal);
  const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
  try {
    const response = await options.deps.fetch(url, {
      method: 'GET',
      mode: 'no-cors',
      credentials: 'omit',
      signal: controller.signal,
    });
    return response.type === 'opaque';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

const PROBE_TIMEOUT_MS = 8_000;
