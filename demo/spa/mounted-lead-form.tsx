/** @jsxImportSource react */

import { useEffect, useRef } from 'react';
import { type MountedForm, mount } from '../../src/index';

/** Props of the `mount()`-based wrapper. */
export interface MountedLeadFormProps {
  endpoint: string;
  form: string;
  locale?: string;
  theme?: string;
  onEvent?: (type: string, detail: unknown) => void;
}

/**
 * The same form through the JavaScript API: `mount()` on first render, `update()` when props
 * change, `destroy()` on unmount — the pattern for frameworks without custom-element support.
 */
export function MountedLeadForm({ endpoint, form, locale, theme, onEvent }: MountedLeadFormProps) {
  const host = useRef<HTMLDivElement>(null);
  const mounted = useRef<MountedForm | null>(null);
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  // biome-ignore lint/correctness/useExhaustiveDependencies: created once per mount; later props go through update() below
  useEffect(() => {
    if (!host.current) return;
    const widget = mount(host.current, 'form', {
      endpoint,
      form,
      onSuccess: (event) => onEventRef.current?.('leadkit:success', event.detail),
      onError: (event) => onEventRef.current?.('leadkit:error', event.detail),
      onReady: (event) => onEventRef.current?.('leadkit:ready', event.detail),
    });
    mounted.current = widget;
    return () => {
      widget.destroy();
      mounted.current = null;
    };
  }, []);

  useEffect(() => {
    mounted.current?.update({ endpoint, form, locale, theme });
  }, [endpoint, form, locale, theme]);

  return <div ref={host} />;
}
