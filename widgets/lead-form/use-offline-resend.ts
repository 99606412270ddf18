import { useEffect, useRef } from 'preact/hooks';
import type { ClientDeps } from '../../src/client/client-deps';
import { createLinkedController } from '../../src/client/linked-abort';
import { claimQueuedResults, flushQueue, type QueuedSubmission } from '../../src/client/offline-queue';
import { resolveEndpoint } from '../../src/client/proxy-url';
import type { SendLeadResult } from '../../src/client/send-lead';

/**
 * Resends what an earlier visit (or this one, offline) left in the queue for `endpoint`:
 * on mount and whenever the browser comes back online, and takes the results of the page's
 * own flusher (define.ts) for submissions of this `form`. Whichever sends an entry reports
 * it, once. The listener and every request are tied to `signal` and to the component's
 * life; `onResult` is read fresh on each result.
 */
export function useOfflineResend(options: {
  endpoint: string;
  form: string;
  pageUrl: string;
  deps: ClientDeps;
  signal: AbortSignal | undefined;
  onResult: (entry: QueuedSubmission, result: SendLeadResult) => void;
}): void {
  const onResult = useRef(options.onResult);
  onResult.current = options.onResult;
  const { endpoint, form, pageUrl, deps, signal } = options;
  useEffect(() => {
    const controller = createLinkedController(signal);
    const target = resolveEndpoint(endpoint, pageUrl) ?? endpoint;
    const flush = () =>
      void flushQueue(target, {
        deps,
        signal: controller.signal,
        onResult: (entry, result) => onResult.current(entry, result),
      });
    claimQueuedResults((entry, result) => {
      if (entry.endpoint !== target || entry.form !== form) return false;
      onResult.current(entry, result);
      return true;
    }, controller.signal);
    flush();
    globalThis.addEventListener?.('online', flush, { signal: controller.signal });
    return () => controller.abort();
  }, [endpoint, form, pageUrl, deps, signal]);
}
