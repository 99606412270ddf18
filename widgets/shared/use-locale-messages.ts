import { useEffect, useState } from 'preact/hooks';
import { createLinkedController } from '../../src/client/linked-abort';
import type { ReceivedMessages } from '../../src/i18n/received-messages';

/** Fetches the element's definition again with a locale query; its `messages`, or `null` if it failed. */
export type RefetchMessages = (
  query: string,
  signal: AbortSignal,
) => Promise<ReceivedMessages | undefined | null>;

/**
 * The catalogue an element's definition brought (only English is in the bundle), kept in step
 * with the element's locale: when the `locale` attribute or the page's `lang` changes after the
 * definition loaded, the definition is fetched again with the new candidates and only its
 * `messages` are taken, so nothing the visitor typed or chose is reset. Until they arrive, the
 * catalogue no longer matches the locale and the text is English. Returns the catalogue and
 * the setter the element's own load calls.
 */
export function useLocaleMessages(
  query: string,
  refetch: RefetchMessages,
  signal: AbortSignal | undefined,
): [ReceivedMessages | undefined, (query: string, messages: ReceivedMessages | undefined) => void] {
  const [state, setState] = useState<{ query: string; messages?: ReceivedMessages | undefined }>();
  const loaded = state?.query;
  // biome-ignore lint/correctness/useExhaustiveDependencies: triggered by the query and the loaded one only.
  useEffect(() => {
    if (loaded === undefined || loaded === query) return;
    const controller = createLinkedController(signal);
    refetch(query, controller.signal)
      .then((messages) => {
        if (!controller.signal.aborted && messages !== null) setState({ query, messages });
      })
      .catch(() => undefined); // the text stays English; nothing reaches the host page

    return () => controller.abort();
  }, [query, loaded]);
  return [state?.messages, (next, messages) => setState({ query: next, messages })];
}
