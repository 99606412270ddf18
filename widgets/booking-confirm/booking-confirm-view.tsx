import type { CountryCode } from 'libphonenumber-js/core';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { readAttribution } from '../../src/client/attribution';
import {
  type BookingFailure,
  type BookingResult,
  type BookingView,
  type CalendarDefinition,
  createBooking,
  fetchCalendarDefinition,
  fetchDetailsDefinition,
  getBookingIcsUrl,
} from '../../src/client/booking-requests';
import { getBrowserTimeZone, getQueryString } from '../../src/client/browser-context';
import { getGoogleCalendarUrl, getOutlookCalendarUrl } from '../../src/client/calendar-links';
import type { ClientDeps } from '../../src/client/client-deps';
import { formatSlot, getZoneName } from '../../src/client/format-slot';
import { readLeadRef, storeLeadRef } from '../../src/client/lead-ref';
import type { BookingEventDetails } from '../../src/client/leadkit-events';
import { createLinkedController } from '../../src/client/linked-abort';
import { toLocaleQuery } from '../../src/client/locale-query';
import { sendLead } from '../../src/client/send-lead';
import { warnDeveloper } from '../../src/client/warn-developer';
import { type BookingMessages, getBookingMessages } from '../../src/i18n/booking-messages';
import {
  findLocale,
  formatMessage,
  getMessages,
  getTextDirection,
  resolveLocale,
} from '../../src/i18n/get-messages';
import type { FieldValue } from '../../src/model/field';
import { buildSubmission } from '../lead-form/build-submission';
import { FormFields } from '../lead-form/form-fields';
import {
  CONSENT_KEY,
  checkFieldValue,
  type FieldErrors,
  type FieldValues,
  getConsentDef,
  getInitialValues,
  getPhoneCountries,
  getVisibleFields,
  toServerFieldErrors,
  validateValues,
  withError,
} from '../lead-form/lead-form-values';
import { LoadState } from '../lead-form/load-state';
import { useLocaleMessages } from '../shared/use-locale-messages';
import { getFieldsToAsk, isConsentKnown, type KnownLead } from './known-lead';

/** The confirm step's states, in the order it goes through them. */
export type BookingConfirmStatus = 'loading' | 'load-failed' | 'editing' | 'sending' | 'booked' | 'failed';

/** How the view tells the page (the element adds nothing but the dispatch). */
export type BookingEmit = <K extends keyof BookingEventDetails>(
  name: K,
  detail: BookingEventDetails[K],
) => void;

/** What the visitor typed, kept by a flow across steps (back navigation loses nothing). */
export interface BookingDraft {
  values: FieldValues;
  consent: boolean;
  phoneCountries: Record<string, CountryCode | undefined>;
}

/** A free slot. */
export interface Slot {
  start: string;
  end: string;
}

/** Props of the confirm view; the element fills them from its attributes. */
export interface BookingConfirmProps {
  endpoint: string;
  calendar: string;
  start: string;
  end: string;
  locale?: string | undefined;
  pageLocale?: string | undefined;
  browserLocale?: string | undefined;
  timezone?: string | undefined;
  prefill?: Record<string, unknown> | undefined;
  hiddenFields?: Record<string, unknown> | undefined;
  /** The signed reference of a lead just captured (CONTRACT §4); else the one the browser kept. */
  leadRef?: string | undefined;
  /** A lead just captured (form → instant booking): linked by its `leadRef`; only what it leaves open is asked. */
  lead?: KnownLead | undefined;
  /** A form whose fields are asked instead of the calendar's; Book sends the lead to it first. */
  form?: string | undefined;
  pageUrl: string;
  deps: ClientDeps;
  emit: BookingEmit;
  signal?: AbortSignal | undefined;
  /** A calendar definition the flow already has (saves a request). */
  definition?: CalendarDefinition | undefined;
  /** The flow's request for the definition, still under way: the first load waits for it. */
  pendingDefinition?: Promise<BookingResult<CalendarDefinition>> | undefined;
  draft?: BookingDraft | undefined;
  onDraft?: ((draft: BookingDraft) => void) | undefined;
  /** The visitor took an alternative after a 409: the flow learns the slot that is now chosen. */
  onSlot?: ((slot: Slot) => void) | undefined;
  onBooked?: ((booking: BookingView) => void) | undefined;
  /** The calendar definition once loaded (a flow keeps it for its next visit to this step). */
  onDefinition?: ((definition: CalendarDefinition) => void) | undefined;
  onStatus?: ((status: BookingConfirmStatus) => void) | undefined;
}

/**
 * The details step of a booking: the slot in the visitor's zone (and the calendar's when it
 * differs), the calendar form's fields through the lead form's own controls and checks,
 * consent, and Book. A taken slot keeps everything typed and offers the proxy's alternatives.
 */
export function BookingConfirm(props: BookingConfirmProps) {
  const { deps } = props;
  const uid = useId();
  const [def, setDef] = useState<CalendarDefinition | undefined>(props.definition);
  const [status, setStatusState] = useState<BookingConfirmStatus>(props.definition ? 'editing' : 'loading');
  const [values, setValues] = useState<FieldValues>(props.draft?.values ?? {});
  const [consent, setConsent] = useState(props.draft?.consent ?? false);
  const [phoneCountries, setPhoneCountries] = useState(props.draft?.phoneCountries ?? {});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [slot, setSlot] = useState<Slot>({ start: props.start, end: props.end });
  const [alternatives, setAlternatives] = useState<Slot[] | undefined>(undefined);
  const [booked, setBooked] = useState<BookingView | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const [focusRequest, setFocusRequest] = useState<{ key: string } | undefined>(undefined);
  const [loadAttempt, setLoadAttempt] = useState(0);
  // With a known lead: the fields still to ask (the rest are the lead's); else all are shown.
  const [asked, setAsked] = useState<string[] | undefined>(undefined);
  const rootRef = useRef<HTMLDivElement>(null);
  const hpRef = useRef<HTMLInputElement>(null);
  const edited = useRef(new Set<string>());
  const submissionId = useRef<string | undefined>(undefined);
  // With `form`: the lead sent to it (kept, so a retry of the booking does not send it again).
  const leadSubmissionId = useRef<string | undefined>(undefined);
  const formLead = useRef<KnownLead | undefined>(undefined);
  const startedAt = useRef<string | undefined>(undefined);
  const busy = useRef(false);
  const lifetime = useRef<AbortController | undefined>(undefined);
  lifetime.current ??= createLinkedController(props.signal);
  const latest = useRef(props);
  latest.current = props;

  // Other languages than English come with the calendar's definition, asked for with the
  // candidates; the proxy resolves them in this same order (the form's locale between the two).
  const localeQuery = getConfirmLocaleQuery(props);
  const [received, setReceived] = useLocaleMessages(
    localeQuery,
    async (query, signal) => {
      const p = latest.current;
      const result = await fetchCalendarDefinition(p.endpoint, p.calendar, {
        deps,
        signal,
        base: p.pageUrl,
        query,
      });
      return result.ok ? result.value.messages : null;
    },
    props.signal,
  );
  const locale = resolveLocale([props.locale, props.pageLocale, def?.form.locale, props.browserLocale]);
  const messages = getMessages(locale, received);
  const bm = getBookingMessages(locale, received);
  const dir = getTextDirection(locale);
  const timeZone = props.timezone ?? getBrowserTimeZone() ?? 'UTC';

  const setStatus = (next: BookingConfirmStatus) => {
    setStatusState(next);
    latest.current.onStatus?.(next);
  };

  useEffect(() => {
    const controller = lifetime.current;
    return () => controller?.abort();
  }, []);

  // A new slot from the attributes is a new booking: a new key, and the alternatives go.
  useEffect(() => {
    setSlot({ start: props.start, end: props.end });
    setAlternatives(undefined);
    submissionId.current = undefined;
  }, [props.start, props.end]);

  const adopt = (calendar: CalendarDefinition) => {
    const p = latest.current;
    setDef(calendar);
    // A flow's definition was fetched with this same query (`getConfirmLocaleQuery`).
    setReceived(localeQuery, calendar.messages);
    p.onDefinition?.(calendar);
    const initial = getInitialValues(calendar.form, {
      prefill: p.lead ? { ...p.lead.fields, ...p.prefill } : p.prefill,
      query: getQueryString(p.pageUrl),
    });
    const countries = getPhoneCountries(calendar.form, calendar.phoneMetadata, {
      locale,
      browserLocale: p.browserLocale,
      timeZone,
    });
    if (!p.draft) {
      setValues(initial);
      setPhoneCountries(countries);
    }
    // Judged on the lead's own values, not the draft, so a field asked stays asked once typed.
    setAsked(
      p.lead
        ? getFieldsToAsk(
            calendar.form,
            initial,
            (field, value) =>
              checkFieldValue(field, value, {
                locale,
                messages,
                phoneCountry: countries[field.name],
                phoneMetadata: calendar.phoneMetadata,
              }).ok,
          )
        : undefined,
    );
    startedAt.current = new Date(deps.now()).toISOString();
    setStatus('editing');
    p.emit('leadkit:ready', { calendar: p.calendar });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: (re)load on endpoint, calendar or "try again" only.
  useEffect(() => {
    if (props.definition) {
      adopt(props.definition);
      return;
    }
    const controller = createLinkedController(props.signal);
    setStatus('loading');
    // A lead already captured is the booking's; a `form` then has nothing left to ask.
    const request =
      loadAttempt === 0 && props.pendingDefinition
        ? props.pendingDefinition
        : fetchDetailsDefinition(props.endpoint, props.calendar, props.lead ? undefined : props.form, {
            deps,
            signal: controller.signal,
            base: props.pageUrl,
            query: localeQuery,
          });
    request.then((result) => {
      if (controller.signal.aborted) return;
      if (!result.ok) {
        if (result.failure.kind === 'aborted') return;
        setStatus('load-failed');
        const f = describeFailure(result.failure);
        props.emit('leadkit:error', { code: f.code, message: f.message, calendar: props.calendar });
        return;
      }
      warnOfMissing(result.value, props.form);
      adopt(result.value);
    });
    return () => controller.abort();
  }, [props.endpoint, props.calendar, props.form, deps, loadAttempt]);

  // The flow keeps what was typed, so "back" and forth loses nothing. A layout effect, not an
  // effect: Preact runs effects after the next paint, so a "Change the time" pressed right after
  // the last keystroke would find the draft without it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reported on change of the typed values only.
  useLayoutEffect(() => {
    if (def) latest.current.onDraft?.({ values, consent, phoneCountries });
  }, [values, consent, phoneCountries]);

  useEffect(() => {
    if (!focusRequest) return;
    rootRef.current?.querySelector<HTMLElement>(`[data-focus="${focusRequest.key}"]`)?.focus();
  }, [focusRequest]);

  if (!def) {
    return (
      <div class="root" part="root" dir={dir} lang={locale} ref={rootRef}>
        <LoadState
          failed={status === 'load-failed'}
          messages={messages}
          onRetry={() => setLoadAttempt((n) => n + 1)}
        />
      </div>
    );
  }

  const form = def.form;
  const consentDef = getConsentDef(form);
  const consentKnown = props.lead ? isConsentKnown(consentDef, props.lead, locale) : false;
  // A field the lead left open, or one a check or the proxy refused, is shown from then on.
  const ask = (names: string[]) => {
    if (asked) setAsked([...asked, ...names.filter((name) => !asked.includes(name))]);
  };
  const validSlot = !Number.isNaN(Date.parse(slot.start)) && Date.parse(slot.end) > Date.parse(slot.start);
  const checkOne = (name: string, value: FieldValue | undefined) => {
    const field = form.fields.find((f) => f.name === name);
    if (!field) return undefined;
    const result = checkFieldValue(field, value, {
      locale,
      messages,
      phoneCountry: phoneCountries[name],
      phoneMetadata: def.phoneMetadata,
    });
    return result.ok ? undefined : result.message;
  };

  const chooseAlternative = (next: Slot) => {
    setSlot(next);
    submissionId.current = undefined;
    setAlternatives(undefined);
    setStatus('editing');
    const tz = latest.current.timezone ?? getBrowserTimeZone() ?? 'UTC';
    setAnnouncement(formatMessage(bm.chosen, { time: formatSlot(next.start, next.end, locale, tz) }));
    setFocusRequest({ key: '$book' });
    latest.current.onSlot?.(next);
    latest.current.emit('leadkit:slot-selected', {
      start: next.start,
      end: next.end,
      timezone: tz,
      calendar: latest.current.calendar,
    });
  };

  const fail = (failure: BookingFailure) => {
    const p = latest.current;
    const f = describeFailure(failure);
    if (failure.kind === 'rejected' && failure.code === 'slot_unavailable') {
      submissionId.current = undefined;
      const free = failure.alternatives ?? [];
      setAlternatives(free);
      setStatus('editing');
      setAnnouncement(free.length ? bm.slotTaken : bm.slotTakenNoAlternatives);
      setFocusRequest({ key: '$taken' });
    } else if (failure.kind === 'rejected' && failure.status === 400 && failure.fields) {
      submissionId.current = undefined;
      const fieldErrors = toServerFieldErrors(form, failure.fields, messages);
      ask(Object.keys(fieldErrors));
      setErrors(fieldErrors);
      setStatus('editing');
      const first = Object.keys(fieldErrors)[0];
      setAnnouncement(formatMessage(messages.fixFields, { count: Object.keys(fieldErrors).length }));
      setFocusRequest({ key: first ?? '$failed' });
    } else {
      // A network failure keeps the key: the retry is the same booking, answered once.
      if (failure.kind === 'rejected') submissionId.current = undefined;
      setStatus('failed');
      setAnnouncement(bm.failed);
      setFocusRequest({ key: '$failed' });
    }
    p.emit('leadkit:error', { code: f.code, message: f.message, calendar: p.calendar });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy.current || status === 'sending' || !validSlot) return;
    const p = latest.current;
    const check = validateValues(form, values, {
      locale,
      messages,
      phoneCountries,
      phoneMetadata: def.phoneMetadata,
      consentGranted: consentKnown || consent,
    });
    if (!check.ok) {
      ask(Object.keys(check.errors));
      setErrors(check.errors);
      setAnnouncement(formatMessage(messages.fixFields, { count: Object.keys(check.errors).length }));
      setFocusRequest({ key: Object.keys(check.errors)[0] as string });
      return;
    }
    busy.current = true;
    setErrors({});
    setStatus('sending');
    setAnnouncement(bm.booking);
    const signal = lifetime.current?.signal ?? new AbortController().signal;
    const granted = consentKnown || consent;
    const common = {
      hiddenFields: p.hiddenFields,
      attribution: readAttribution(deps),
      locale,
      timeZone,
      pageUrl: p.pageUrl,
      startedAt: p.lead?.startedAt ?? startedAt.current,
      honeypot: hpRef.current?.value ?? '',
    };
    // With `form`, the lead is that form's: sent to it first, then the booking is linked to it
    // as to any known lead, with what the calendar's own form asks of what was typed.
    const bookingForm = def.calendarForm ?? form;
    if (def.calendarForm && !formLead.current) {
      leadSubmissionId.current ??= deps.randomUUID();
      const lead = buildSubmission({
        ...common,
        form,
        submissionId: leadSubmissionId.current,
        fields: check.fields,
        consent: consentDef ? { def: consentDef, granted } : undefined,
      });
      const sent = await sendLead(p.endpoint, form.id, lead, { deps, signal, base: p.pageUrl });
      if (sent.kind !== 'accepted' || signal.aborted) {
        busy.current = false;
        if (sent.kind === 'rejected') leadSubmissionId.current = undefined;
        if (sent.kind !== 'accepted' && !signal.aborted) fail(sent);
        return;
      }
      storeLeadRef(sent.leadRef, deps);
      formLead.current = { leadRef: sent.leadRef, fields: lead.fields, consent: lead.consent };
    }
    const known = formLead.current ?? p.lead;
    const bookingConsent = getConsentDef(bookingForm);
    submissionId.current ??= deps.randomUUID();
    const leadRef = known?.leadRef || p.leadRef || readLeadRef(deps);
    const submission = {
      ...buildSubmission({
        ...common,
        form: bookingForm,
        submissionId: submissionId.current,
        fields: def.calendarForm
          ? Object.fromEntries(
              Object.entries(check.fields).filter(([name]) =>
                bookingForm.fields.some((f) => f.name === name),
              ),
            )
          : check.fields,
        // The calendar's consent is the one given only where it is word for word the same.
        consent:
          bookingConsent && (!def.calendarForm || (known && isConsentKnown(bookingConsent, known, locale)))
            ? { def: bookingConsent, granted }
            : undefined,
      }),
      start: slot.start,
      end: slot.end,
      ...(leadRef ? { leadRef } : {}),
    };
    p.emit('leadkit:submit', { calendar: p.calendar, submissionId: submission.submissionId });
    const result = await createBooking(p.endpoint, p.calendar, submission, {
      deps,
      signal,
      base: p.pageUrl,
    }).finally(() => {
      busy.current = false;
    });
    if (signal.aborted) return;
    if (!result.ok) {
      fail(result.failure);
      return;
    }
    setBooked(result.value);
    setStatus('booked');
    setAnnouncement(bm.booked);
    setFocusRequest({ key: '$booked' });
    p.onBooked?.(result.value);
    p.emit('leadkit:booked', {
      bookingId: result.value.bookingId,
      start: result.value.start,
      end: result.value.end,
      timezone: timeZone,
    });
  };

  const onSubmit = (event: Event) => {
    submit(event).catch((error: unknown) => {
      busy.current = false;
      setStatus('failed');
      setAnnouncement(bm.failed);
      latest.current.emit('leadkit:error', {
        code: 'internal',
        message: error instanceof Error ? error.message : 'Unexpected error.',
        calendar: latest.current.calendar,
      });
    });
  };

  if (booked) {
    return (
      <div class="root" part="root" dir={dir} lang={locale} ref={rootRef}>
        <div role="status" aria-live="polite" aria-atomic="true" class="sr-only">
          {announcement}
        </div>
        <BookedSummary
          bm={bm}
          booking={booked}
          endpoint={props.endpoint}
          pageUrl={props.pageUrl}
          locale={locale}
          timeZone={timeZone}
          calendarZone={def.timezone}
        />
      </div>
    );
  }

  const sending = status === 'sending';
  const fields = getVisibleFields(form).filter((f) => !asked || asked.includes(f.name));
  return (
    <div class="root" part="root" dir={dir} lang={locale} ref={rootRef}>
      <div role="status" aria-live="polite" aria-atomic="true" class="sr-only">
        {announcement}
      </div>
      <SlotSummary slot={slot} bm={bm} locale={locale} timeZone={timeZone} calendarZone={def.timezone} />
      {!validSlot ? (
        <p class="alert" part="error">
          {bm.badSlot}
        </p>
      ) : null}
      {alternatives ? (
        <div class="taken" part="alternatives">
          <p class="alert" part="error" tabIndex={-1} data-focus="$taken">
            {alternatives.length ? bm.slotTaken : bm.slotTakenNoAlternatives}
          </p>
          {alternatives.length ? (
            <ul class="alternatives" aria-label={bm.alternativesLabel}>
              {alternatives.map((a) => (
                <li key={a.start}>
                  <button type="button" part="slot" class="secondary" onClick={() => chooseAlternative(a)}>
                    {formatSlot(a.start, a.end, locale, timeZone)}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <form part="form" noValidate onSubmit={onSubmit} aria-busy={sending ? 'true' : undefined}>
        <FormFields
          uid={uid}
          fields={fields}
          consent={consentKnown ? undefined : consentDef}
          locale={locale}
          messages={messages}
          values={values}
          errors={errors}
          phoneCountries={phoneCountries}
          phoneMetadata={def.phoneMetadata}
          consentGranted={consent}
          sending={sending}
          honeypot={hpRef}
          onValue={(name, value) => {
            edited.current.add(name);
            setValues((current) => ({ ...current, [name]: value }));
            if (errors[name]) setErrors((current) => withError(current, name, checkOne(name, value)));
          }}
          onBlur={(name) => {
            if (edited.current.has(name))
              setErrors((current) => withError(current, name, checkOne(name, values[name])));
          }}
          onPhoneCountry={(name, country) => setPhoneCountries((c) => ({ ...c, [name]: country }))}
          onConsent={(granted) => {
            setConsent(granted);
            if (granted) setErrors((current) => withError(current, CONSENT_KEY, undefined));
          }}
        />
        {status === 'failed' ? (
          <p class="alert" part="error" tabIndex={-1} data-focus="$failed">
            {bm.failed}
          </p>
        ) : null}
        <button
          type="submit"
          part="button"
          data-focus="$book"
          aria-disabled={sending || !validSlot ? 'true' : undefined}
        >
          {sending ? bm.booking : status === 'failed' ? messages.retry : bm.book}
        </button>
      </form>
    </div>
  );
}

/** The locale query of the details step: its attribute or page's locale, else the browser's after the form's. */
export function getConfirmLocaleQuery(props: {
  locale?: string | undefined;
  pageLocale?: string | undefined;
  browserLocale?: string | undefined;
}): string {
  return toLocaleQuery(findLocale([props.locale, props.pageLocale]), props.browserLocale);
}

/** The slot in the visitor's zone, and in the calendar's when that reads differently. */
export function SlotSummary(props: {
  slot: Slot;
  locale: string;
  timeZone: string;
  calendarZone: string;
  bm: BookingMessages;
}) {
  const { bm } = props;
  const { start, end } = props.slot;
  const mine = formatSlot(start, end, props.locale, props.timeZone);
  const theirs = formatSlot(start, end, props.locale, props.calendarZone);
  return (
    <dl class="slot-summary" part="summary">
      <dt>{bm.yourTime}</dt>
      <dd>
        <strong>{mine}</strong> <span class="zone">{getZoneName(props.timeZone, props.locale, start)}</span>
      </dd>
      {theirs !== mine ? (
        <>
          <dt>{bm.calendarTime}</dt>
          <dd>
            {theirs} <span class="zone">{getZoneName(props.calendarZone, props.locale, start)}</span>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The success view: when, in the visitor's zone; add to calendar; the manage link. */
export function BookedSummary(props: {
  booking: BookingView;
  endpoint: string;
  pageUrl: string;
  locale: string;
  timeZone: string;
  calendarZone: string;
  heading?: string;
  bm: BookingMessages;
}) {
  const { booking, bm } = props;
  // No manage link in the Google and Outlook links: its token is the booking's credential and
  // must not travel in a query string to a third party (the proxy's own .ics carries it).
  const event = { title: bm.appointment, start: booking.start, end: booking.end };
  const ics = booking.manageToken
    ? getBookingIcsUrl(props.endpoint, booking.bookingId, booking.manageToken, props.pageUrl)
    : undefined;
  return (
    <div class="booked" part="booked">
      {props.heading ? (
        <h2 class="title" tabIndex={-1} data-focus="$booked">
          {props.heading}
        </h2>
      ) : (
        <p class="message ok" part="message" tabIndex={-1} data-focus="$booked">
          {bm.booked}
        </p>
      )}
      <SlotSummary
        slot={booking}
        bm={bm}
        locale={props.locale}
        timeZone={props.timeZone}
        calendarZone={props.calendarZone}
      />
      <h3 class="links-title">{bm.addToCalendar}</h3>
      <ul class="links" part="calendar-links">
        {ics ? (
          <li>
            <a href={ics} download="booking.ics" part="link">
              {bm.downloadIcs}
            </a>
          </li>
        ) : null}
        <li>
          <a href={getGoogleCalendarUrl(event)} target="_blank" rel="noopener noreferrer" part="link">
            {bm.googleCalendar}
          </a>
        </li>
        <li>
          <a href={getOutlookCalendarUrl(event)} target="_blank" rel="noopener noreferrer" part="link">
            {bm.outlook}
          </a>
        </li>
      </ul>
      {booking.manageUrl ? (
        <p>
          <a href={booking.manageUrl} part="link manage">
            {bm.manage}
          </a>
        </p>
      ) : null}
    </div>
  );
}

/** The `leadkit:error` code and message of a failed call. */
export function describeFailure(failure: BookingFailure): {
  code: BookingEventDetails['leadkit:error']['code'];
  message: string;
} {
  switch (failure.kind) {
    case 'aborted':
      return { code: 'internal', message: 'Cancelled.' };
    case 'unreachable':
      return { code: failure.reason, message: 'The booking server could not be reached.' };
    default:
      return { code: failure.code, message: failure.message };
  }
}

/**
 * With `form`, a booking is refused when the calendar's own form requires a field that form
 * does not ask: the page's developer hears it at load, by name.
 */
function warnOfMissing(def: CalendarDefinition, formId: string | undefined): void {
  const own = def.calendarForm;
  if (!own || !formId) return;
  const missing = own.fields
    .filter((f) => f.required && f.type !== 'hidden' && !def.form.fields.some((g) => g.name === f.name))
    .map((f) => f.name);
  if (missing.length)
    warnDeveloper(
      formId,
      `the calendar's form "${own.id}" also requires ${missing.join(', ')}: bookings will be refused.`,
    );
}
