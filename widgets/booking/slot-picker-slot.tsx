import { useEffect, useRef } from 'preact/hooks';
import type { Slot } from '../booking-confirm/booking-confirm-view';
// The picker's tag typing (its JSX.IntrinsicElements entry) comes with its define module.
import type {} from '../slot-picker/define';
import type { SlotPickerElement } from '../slot-picker/slot-picker';

/** Props of the picker as the booking flow places it. */
export interface SlotPickerSlotProps {
  endpoint: string;
  calendar: string;
  timezone?: string | undefined;
  locale?: string | undefined;
  theme?: string | undefined;
  onSlot: (slot: Slot & { timezone: string }) => void;
}

/**
 * `<leadkit-slot-picker>` by its tag, not its class: the flow depends only on the element's
 * public API (attributes and `leadkit:slot-selected`), and a bundle with only the flow's
 * module pulls the picker in through define(), once. The picker's own event is stopped here:
 * the flow re-dispatches it from `<leadkit-booking>`, so the page hears it once, from the host.
 */
export function SlotPickerSlot(props: SlotPickerSlotProps) {
  const ref = useRef<SlotPickerElement>(null);
  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const controller = new AbortController();
    el.addEventListener(
      'leadkit:slot-selected',
      (event) => {
        event.stopPropagation();
        const detail = (event as CustomEvent<{ start?: unknown; end?: unknown; timezone?: unknown }>).detail;
        if (typeof detail?.start !== 'string' || typeof detail.end !== 'string') return;
        latest.current.onSlot({
          start: detail.start,
          end: detail.end,
          timezone: typeof detail.timezone === 'string' ? detail.timezone : '',
        });
      },
      { signal: controller.signal },
    );
    // The picker's ready and error events are the flow's to tell; they bubble on unchanged.
    return () => controller.abort();
  }, []);
  return (
    <leadkit-slot-picker
      ref={ref}
      part="picker"
      endpoint={props.endpoint}
      calendar={props.calendar}
      {...(props.timezone ? { timezone: props.timezone } : {})}
      {...(props.locale ? { locale: props.locale } : {})}
      {...(props.theme ? { theme: props.theme } : {})}
    />
  );
}
