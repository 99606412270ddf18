/** @jsxImportSource react */
import { useEffect, useRef } from 'react';
import type { LeadFormElement } from '../../src/index';

/** Props of the React wrapper: the element's attributes plus event callbacks. */
export interface LeadFormProps {
  endpoint: string;
  form: string;
  locale?: string;
  theme?: string;
  prefill?: Record<string, string>;
  onEvent?: (type: string, detail: unknown) => void;
}

const EVENTS = ['leadkit:ready', 'leadkit:submit', 'leadkit:success', 'leadkit:error'] as const;

/**
 * `<leadkit-form>` used straight from JSX, the way the README shows React users: attributes as
 * props (React 19 passes them through to custom elements) and events through a ref, because
 * the event names contain a colon. The listeners go with the element on unmount.
 */
export function LeadForm({ endpoint, form, locale, theme, prefill, onEvent }: LeadFormProps) {
  const ref = useRef<LeadFormElement>(null);
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const listeners = new AbortController();
    for (const type of EVENTS) {
      element.addEventListener(type, (event) => onEventRef.current?.(type, (event as CustomEvent).detail), {
        signal: listeners.signal,
      });
    }
    return () => listeners.abort();
  }, []);

  return (
    <leadkit-form
      ref={ref}
      endpoint={endpoint}
      form={form}
      locale={locale}
      theme={theme}
      prefill={prefill ? JSON.stringify(prefill) : undefined}
    />
  );
}
