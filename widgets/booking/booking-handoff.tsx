import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { FormBookingProps } from '../lead-form/form-booking';
import type { BookingElement } from './booking';
// `<leadkit-booking>`'s tag typing comes with its define module.
import type {} from './define';

/**
 * Form → instant booking: `<leadkit-booking>` inside the form's shadow root, mounted hidden
 * while the visitor is still typing, so the calendar and its free times are loaded by the time
 * the lead is sent; the lead's 202 then shows it with the visitor's details known (one choice
 * of a time and a confirm book it, linked to the lead by its `leadRef`). The flow's own
 * `leadkit:ready` is not the page's to hear (the form was ready long before); its other
 * events bubble on, out of the form.
 */
export function BookingHandoff(props: FormBookingProps) {
  const ref = useRef<BookingElement>(null);
  useEffect(() => {
    const controller = new AbortController();
    ref.current?.addEventListener('leadkit:ready', (event) => event.stopPropagation(), {
      signal: controller.signal,
    });
    return () => controller.abort();
  }, []);
  // Before the paint that shows the flow, so it never shows without the lead.
  useLayoutEffect(() => {
    if (ref.current && props.lead) ref.current.lead = props.lead;
  }, [props.lead]);
  return (
    <leadkit-booking
      ref={ref}
      part="booking"
      hidden={!props.lead}
      endpoint={props.endpoint}
      calendar={props.calendar}
      locale={props.locale}
      {...(props.timezone ? { timezone: props.timezone } : {})}
      {...(props.theme ? { theme: props.theme } : {})}
    />
  );
}
