import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type BookingResult,
  type CalendarDefinition,
  fetchDetailsDefinition,
} from '../../src/client/booking-requests';
import { getBrowserTimeZone } from '../../src/client/browser-context';
import type { ClientDeps } from '../../src/client/client-deps';
import { createLinkedController } from '../../src/client/linked-abort';
import { getBookingMessages } from '../../src/i18n/booking-messages';
import { getTextDirection, resolveLocale } from '../../src/i18n/get-messages';
import {
  BookingConfirm,
  type BookingConfirmStatus,
  type BookingDraft,
  type BookingEmit,
  getConfirmLocaleQuery,
  type Slot,
} from '../booking-confirm/booking-confirm-view';
import type { KnownLead } from '../booking-confirm/known-lead';
import { useLocaleMessages } from '../shared/use-locale-messages';
import { SlotPickerSlot } from './slot-picker-slot';

/** Props of the whole booking flow. */
export interface BookingFlowProps {
  endpoint: string;
  calendar: string;
  locale?: string | undefined;
  pageLocale?: string | undefined;
  browserLocale?: string | undefined;
  timezone?: string | undefined;
  theme?: string | undefined;
  prefill?: Record<string, unknown> | undefined;
  hiddenFields?: Record<string, unknown> | undefined;
  leadRef?: string | undefined;
  /** A lead just captured: only what it leaves open is asked (form → instant booking). */
  lead?: KnownLead | undefined;
  /** A form whose fields the details step asks instead of the calendar's (the lead goes to it). */
  form?: string | undefined;
  pageUrl: string;
  deps: ClientDeps;
  emit: BookingEmit;
  signal?: AbortSignal | undefined;
}

/**
 * Picker → details → booked. "Change the time" goes back to the picker and keeps what was
 * typed (the draft lives here, not in the details step); focus goes to each step's heading.
 */
export function BookingFlow(props: BookingFlowProps) {
  const [slot, setSlot] = useState<Slot | undefined>(undefined);
  const [draft, setDraft] = useState<BookingDraft | undefined>(undefined);
  const [definition, setDefinition] = useState<CalendarDefinition | undefined>(undefined);
  const [status, setStatus] = useState<BookingConfirmStatus | undefined>(undefined);
  const [focusKey, setFocusKey] = useState<{ key: string } | undefined>(undefined);
  const rootRef = useRef<HTMLDivElement>(null);
  const pending = useRef<Promise<BookingResult<CalendarDefinition>> | undefined>(undefined);
  // The flow speaks the details step's language: the calendar's definition (fetched here, so
  // the details step needs no request of its own) brings it for languages other than English.
  const localeQuery = getConfirmLocaleQuery(props);
  // A lead already captured is the booking's; a `form` then has nothing left to ask.
  const detailsForm = props.lead ? undefined : props.form;
  const loadDetails = (query: string, signal: AbortSignal) =>
    fetchDetailsDefinition(props.endpoint, props.calendar, detailsForm, {
      deps: props.deps,
      signal,
      base: props.pageUrl,
      query,
    });
  const [received, setReceived] = useLocaleMessages(
    localeQuery,
    async (query, signal) => {
      const result = await loadDetails(query, signal);
      return result.ok ? result.value.messages : null;
    },
    props.signal,
  );
  const locale = resolveLocale([
    props.locale,
    props.pageLocale,
    definition?.form.locale,
    props.browserLocale,
  ]);
  const bm = getBookingMessages(locale, received);
  const timeZone = props.timezone ?? getBrowserTimeZone() ?? 'UTC';

  useEffect(() => {
    if (focusKey) rootRef.current?.querySelector<HTMLElement>(`[data-focus="${focusKey.key}"]`)?.focus();
  }, [focusKey]);

  // A new calendar is a new flow.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on calendar or endpoint change only.
  useEffect(() => {
    setSlot(undefined);
  }, [props.endpoint, props.calendar]);

  // The details step's definition is fetched at once, as the details step would fetch it; if that
  // fails, the details step fetches it again and reports what went wrong.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetched when what the details step asks changes.
  useEffect(() => {
    setDefinition(undefined);
    const controller = createLinkedController(props.signal);
    const query = localeQuery;
    const request = loadDetails(query, controller.signal);
    pending.current = request;
    request.then((result) => {
      if (pending.current === request) pending.current = undefined;
      if (controller.signal.aborted || !result.ok) return;
      setDefinition(result.value);
      setReceived(query, result.value.messages);
    });
    return () => controller.abort();
  }, [props.endpoint, props.calendar, detailsForm]);

  const booked = status === 'booked';
  return (
    <div class="root" part="root" dir={getTextDirection(locale)} lang={locale} ref={rootRef}>
      {slot ? (
        <>
          {booked ? null : (
            <>
              <h2 class="title" tabIndex={-1} data-focus="$details">
                {bm.confirmTitle}
              </h2>
              <button
                type="button"
                class="secondary back"
                part="button back"
                aria-disabled={status === 'sending' ? 'true' : undefined}
                onClick={() => {
                  if (status === 'sending') return;
                  setSlot(undefined);
                  setFocusKey({ key: '$pick' });
                }}
              >
                {bm.changeTime}
              </button>
            </>
          )}
          <BookingConfirm
            endpoint={props.endpoint}
            calendar={props.calendar}
            start={slot.start}
            end={slot.end}
            locale={props.locale}
            pageLocale={props.pageLocale}
            browserLocale={props.browserLocale}
            timezone={timeZone}
            prefill={props.prefill}
            hiddenFields={props.hiddenFields}
            leadRef={props.leadRef}
            lead={props.lead}
            form={props.form}
            pageUrl={props.pageUrl}
            deps={props.deps}
            emit={(name, detail) => {
              // The details step's own ready is not the flow's: the page heard it from the picker.
              if (name !== 'leadkit:ready') props.emit(name, detail);
            }}
            signal={props.signal}
            pendingDefinition={definition ? undefined : pending.current}
            // The messages kept in step with the locale, not those the definition first brought.
            definition={definition && { ...definition, ...(received ? { messages: received } : {}) }}
            draft={draft}
            onDraft={setDraft}
            onSlot={setSlot}
            onStatus={setStatus}
            onDefinition={setDefinition}
          />
        </>
      ) : (
        <>
          <h2 class="title" tabIndex={-1} data-focus="$pick">
            {bm.chooseTime}
          </h2>
          <SlotPickerSlot
            endpoint={props.endpoint}
            calendar={props.calendar}
            timezone={timeZone}
            locale={props.locale ?? props.pageLocale}
            theme={props.theme}
            onSlot={(picked) => {
              setSlot({ start: picked.start, end: picked.end });
              setFocusKey({ key: '$details' });
              props.emit('leadkit:slot-selected', {
                start: picked.start,
                end: picked.end,
                timezone: picked.timezone || timeZone,
                calendar: props.calendar,
              });
            }}
          />
        </>
      )}
    </div>
  );
}
