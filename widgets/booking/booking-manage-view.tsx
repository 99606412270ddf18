import { useEffect, useRef, useState } from 'preact/hooks';
import { type BookingView, manageBooking } from '../../src/client/booking-requests';
import { getBrowserTimeZone, getQueryString } from '../../src/client/browser-context';
import type { ClientDeps } from '../../src/client/client-deps';
import { formatSlot } from '../../src/client/format-slot';
import { createLinkedController } from '../../src/client/linked-abort';
import { toLocaleQuery } from '../../src/client/locale-query';
import { getBookingMessages } from '../../src/i18n/booking-messages';
import { formatMessage, getTextDirection, resolveLocale } from '../../src/i18n/get-messages';
import {
  BookedSummary,
  type BookingEmit,
  describeFailure,
  type Slot,
  SlotSummary,
} from '../booking-confirm/booking-confirm-view';
import { useLocaleMessages } from '../shared/use-locale-messages';
import { SlotPickerSlot } from './slot-picker-slot';

/** Props of the manage view (opened from a booking's manage link). */
export interface BookingManageProps {
  endpoint: string;
  bookingId: string;
  /** The manage token; else the page URL's `?token=`. */
  token?: string | undefined;
  locale?: string | undefined;
  pageLocale?: string | undefined;
  browserLocale?: string | undefined;
  timezone?: string | undefined;
  theme?: string | undefined;
  pageUrl: string;
  deps: ClientDeps;
  emit: BookingEmit;
  signal?: AbortSignal | undefined;
}

type Step =
  | { kind: 'loading' }
  | { kind: 'load-failed'; invalid: boolean }
  | { kind: 'show' }
  | { kind: 'confirm-cancel' }
  | { kind: 'pick' }
  | { kind: 'confirm-move'; slot: Slot; alternatives?: Slot[] }
  | { kind: 'working' };

/**
 * The booking behind a manage link: when it is, add to calendar, and only what the calendar
 * allows (`canReschedule`, `canCancel`): reschedule with the slot picker, cancel after a
 * confirmation. Focus goes to each step's heading or question.
 */
export function BookingManage(props: BookingManageProps) {
  const { deps } = props;
  const [booking, setBooking] = useState<BookingView | undefined>(undefined);
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const [focusKey, setFocusKey] = useState<{ key: string } | undefined>(undefined);
  const rootRef = useRef<HTMLDivElement>(null);
  const lifetime = useRef<AbortController | undefined>(undefined);
  lifetime.current ??= createLinkedController(props.signal);
  const latest = useRef(props);
  latest.current = props;

  const locale = resolveLocale([props.locale, props.pageLocale, props.browserLocale]);
  // The booking's answer brings the sentences of languages other than English; no form locale
  // is in this chain, so the proxy is asked for the locale resolved here.
  const localeQuery = toLocaleQuery(locale, undefined);
  const [received, setReceived] = useLocaleMessages(
    localeQuery,
    async (query, signal) => {
      const p = latest.current;
      const result = await manageBooking(
        p.endpoint,
        p.bookingId,
        token,
        { method: 'GET' },
        {
          deps,
          signal,
          base: p.pageUrl,
          query,
        },
      );
      return result.ok ? result.value.messages : null;
    },
    props.signal,
  );
  const bm = getBookingMessages(locale, received);
  const dir = getTextDirection(locale);
  const timeZone = props.timezone ?? getBrowserTimeZone() ?? 'UTC';
  const token = props.token ?? new URLSearchParams(getQueryString(props.pageUrl)).get('token') ?? '';

  useEffect(() => {
    const controller = lifetime.current;
    return () => controller?.abort();
  }, []);

  useEffect(() => {
    if (focusKey) rootRef.current?.querySelector<HTMLElement>(`[data-focus="${focusKey.key}"]`)?.focus();
  }, [focusKey]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per booking, endpoint and token.
  useEffect(() => {
    const controller = createLinkedController(props.signal);
    setStep({ kind: 'loading' });
    manageBooking(
      props.endpoint,
      props.bookingId,
      token,
      { method: 'GET' },
      {
        deps,
        signal: controller.signal,
        base: props.pageUrl,
        query: localeQuery,
      },
    ).then((result) => {
      if (controller.signal.aborted) return;
      if (!result.ok) {
        if (result.failure.kind === 'aborted') return;
        const f = describeFailure(result.failure);
        setStep({
          kind: 'load-failed',
          invalid: ['invalid_token', 'token_expired', 'booking_not_found'].includes(f.code),
        });
        props.emit('leadkit:error', { code: f.code, message: f.message });
        return;
      }
      setBooking(result.value);
      setReceived(localeQuery, result.value.messages);
      setStep({ kind: 'show' });
      props.emit('leadkit:ready', { calendar: result.value.calendar ?? '' });
    });
    return () => controller.abort();
  }, [props.endpoint, props.bookingId, token, deps]);

  const run = async (
    action: { method: 'PATCH'; start: string; end: string } | { method: 'DELETE' },
    slot?: Slot,
  ) => {
    const p = latest.current;
    const signal = lifetime.current?.signal ?? new AbortController().signal;
    setStep({ kind: 'working' });
    const result = await manageBooking(p.endpoint, p.bookingId, token, action, {
      deps,
      signal,
      base: p.pageUrl,
    });
    if (signal.aborted) return;
    if (!result.ok) {
      const failure = result.failure;
      const f = describeFailure(failure);
      p.emit('leadkit:error', { code: f.code, message: f.message, calendar: booking?.calendar ?? '' });
      if (slot && failure.kind === 'rejected' && failure.code === 'slot_unavailable') {
        setStep({ kind: 'confirm-move', slot, alternatives: failure.alternatives ?? [] });
        setAnnouncement(failure.alternatives?.length ? bm.slotTaken : bm.slotTakenNoAlternatives);
        setFocusKey({ key: '$taken' });
        return;
      }
      setStep({ kind: 'show' });
      setNotice({ text: bm.manageFailed, error: true });
      setAnnouncement(bm.manageFailed);
      setFocusKey({ key: '$notice' });
      return;
    }
    const next = result.value;
    const previous = booking;
    setBooking(next);
    setStep({ kind: 'show' });
    const text = action.method === 'DELETE' ? bm.cancelled : bm.rescheduled;
    // A cancelled booking's heading says it already; a move is told above the booking.
    setNotice(action.method === 'DELETE' ? undefined : { text });
    setAnnouncement(text);
    setFocusKey({ key: action.method === 'DELETE' ? '$title' : '$notice' });
    const detail = {
      bookingId: next.bookingId,
      start: action.method === 'DELETE' ? (previous?.start ?? next.start) : next.start,
      end: action.method === 'DELETE' ? (previous?.end ?? next.end) : next.end,
      timezone: timeZone,
    };
    p.emit(action.method === 'DELETE' ? 'leadkit:cancelled' : 'leadkit:rescheduled', detail);
  };

  const go = (next: Step, focus: string) => {
    setNotice(undefined);
    setStep(next);
    setFocusKey({ key: focus });
  };

  const root = (children: preact.ComponentChildren) => (
    <div class="root" part="root" dir={dir} lang={locale} ref={rootRef}>
      <div role="status" aria-live="polite" aria-atomic="true" class="sr-only">
        {announcement}
      </div>
      {children}
    </div>
  );

  if (step.kind === 'loading') return root(<p part="status">{bm.loading}</p>);
  if (step.kind === 'load-failed' || !booking)
    return root(
      <p class="alert" part="error">
        {step.kind === 'load-failed' && step.invalid ? bm.linkInvalid : bm.manageFailed}
      </p>,
    );

  const cancelled = booking.status === 'cancelled';
  const calendarZone = booking.timezone;
  const working = step.kind === 'working';
  return root(
    <>
      {notice ? (
        <p
          class={notice.error ? 'alert' : 'message ok'}
          part={notice.error ? 'error' : 'message'}
          tabIndex={-1}
          data-focus="$notice"
        >
          {notice.text}
        </p>
      ) : null}
      {cancelled ? (
        <>
          <h2 class="title" tabIndex={-1} data-focus="$title">
            {bm.cancelled}
          </h2>
          <SlotSummary
            slot={booking}
            bm={bm}
            locale={locale}
            timeZone={timeZone}
            calendarZone={calendarZone}
          />
        </>
      ) : step.kind === 'pick' ? (
        <>
          <h2 class="title" tabIndex={-1} data-focus="$title">
            {bm.chooseTime}
          </h2>
          <SlotPickerSlot
            endpoint={props.endpoint}
            calendar={booking.calendar ?? ''}
            timezone={timeZone}
            locale={locale}
            theme={props.theme}
            onSlot={(slot) => {
              go({ kind: 'confirm-move', slot }, '$question');
              latest.current.emit('leadkit:slot-selected', {
                start: slot.start,
                end: slot.end,
                timezone: slot.timezone || timeZone,
                calendar: booking.calendar ?? '',
              });
            }}
          />
          <div class="actions">
            <button
              type="button"
              class="secondary"
              part="button"
              onClick={() => go({ kind: 'show' }, '$reschedule')}
            >
              {bm.back}
            </button>
          </div>
        </>
      ) : step.kind === 'confirm-move' ? (
        <>
          {step.alternatives ? (
            <div class="taken" part="alternatives">
              <p class="alert" part="error" tabIndex={-1} data-focus="$taken">
                {step.alternatives.length ? bm.slotTaken : bm.slotTakenNoAlternatives}
              </p>
              <ul class="alternatives" aria-label={bm.alternativesLabel}>
                {step.alternatives.map((a) => (
                  <li key={a.start}>
                    <button
                      type="button"
                      part="slot"
                      class="secondary"
                      onClick={() => go({ kind: 'confirm-move', slot: a }, '$question')}
                    >
                      {formatSlot(a.start, a.end, locale, timeZone)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p class="question" tabIndex={-1} data-focus="$question">
              {formatMessage(bm.moveQuestion, {
                time: formatSlot(step.slot.start, step.slot.end, locale, timeZone),
              })}
            </p>
          )}
          <div class="actions">
            {step.alternatives ? null : (
              <button
                type="button"
                part="button"
                onClick={() =>
                  void run({ method: 'PATCH', start: step.slot.start, end: step.slot.end }, step.slot)
                }
              >
                {bm.move}
              </button>
            )}
            <button
              type="button"
              class="secondary"
              part="button"
              onClick={() => go({ kind: 'pick' }, '$title')}
            >
              {bm.changeTime}
            </button>
          </div>
        </>
      ) : (
        <>
          <BookedSummary
            bm={bm}
            booking={{ ...booking, manageUrl: undefined, manageToken: token }}
            endpoint={props.endpoint}
            pageUrl={props.pageUrl}
            locale={locale}
            timeZone={timeZone}
            calendarZone={calendarZone}
            heading={bm.yourBooking}
          />
          {step.kind === 'confirm-cancel' ? (
            <div class="confirm" part="confirm">
              <p class="question" tabIndex={-1} data-focus="$question">
                {bm.cancelQuestion}
              </p>
              <div class="actions">
                <button type="button" part="button" onClick={() => void run({ method: 'DELETE' })}>
                  {bm.confirmCancel}
                </button>
                <button
                  type="button"
                  class="secondary"
                  part="button"
                  onClick={() => go({ kind: 'show' }, '$cancel')}
                >
                  {bm.keep}
                </button>
              </div>
            </div>
          ) : (
            <div class="actions" aria-busy={working ? 'true' : undefined}>
              {booking.canReschedule ? (
                <button
                  type="button"
                  part="button"
                  data-focus="$reschedule"
                  aria-disabled={working ? 'true' : undefined}
                  onClick={() => !working && go({ kind: 'pick' }, '$title')}
                >
                  {bm.reschedule}
                </button>
              ) : null}
              {booking.canCancel ? (
                <button
                  type="button"
                  class="secondary"
                  part="button"
                  data-focus="$cancel"
                  aria-disabled={working ? 'true' : undefined}
                  onClick={() => !working && go({ kind: 'confirm-cancel' }, '$question')}
                >
                  {bm.cancelBooking}
                </button>
              ) : null}
            </div>
          )}
        </>
      )}
    </>,
  );
}
