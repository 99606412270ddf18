import type { CountryCode } from 'libphonenumber-js/core';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { captureCurrentPage, readAttribution } from '../../src/client/attribution';
import { getBrowserTimeZone, getQueryString } from '../../src/client/browser-context';
import type { ClientDeps } from '../../src/client/client-deps';
import { type FormLoadResult, fetchFormDefinition } from '../../src/client/fetch-form-definition';
import { storeLeadRef } from '../../src/client/lead-ref';
import type { LeadFormEventDetails, LeadFormStatus } from '../../src/client/leadkit-events';
import { createLinkedController } from '../../src/client/linked-abort';
import { toLocaleQuery } from '../../src/client/locale-query';
import { enqueueSubmission, type QueuedSubmission, sendQueued } from '../../src/client/offline-queue';
import { resolveEndpoint } from '../../src/client/proxy-url';
import type { SendLeadResult } from '../../src/client/send-lead';
import { warnDeveloper } from '../../src/client/warn-developer';
import {
  findLocale,
  formatMessage,
  getMessages,
  getTextDirection,
  resolveLocale,
} from '../../src/i18n/get-messages';
import type { FieldValue } from '../../src/model/field';
import type { FormDefinition } from '../../src/model/form';
import type { LeadSubmission } from '../../src/model/lead';
import type { PhoneMetadata } from '../../src/phone/phone-metadata';
import type { KnownLead } from '../booking-confirm/known-lead';
import { useLocaleMessages } from '../shared/use-locale-messages';
import { buildSubmission } from './build-submission';
import { getFormBooking } from './form-booking';
import { FormFields } from './form-fields';
import { getRedirectUrl, getSuccessText, type SubmitOutcome, toSubmitOutcome } from './lead-form-outcome';
import {
  applyPrefill,
  CONSENT_KEY,
  carryOverValues,
  checkFieldValue,
  type FieldErrors,
  type FieldValues,
  getConsentDef,
  getPhoneCountries as getInitialPhoneCountries,
  getInitialValues,
  getVisibleFields,
  isSameDefinition,
  sanitizeHidden,
  validateValues,
  withError,
} from './lead-form-values';
import { LoadState } from './load-state';
import { useOfflineResend } from './use-offline-resend';

export type { LeadFormStatus };

/** How the view tells the page (the element adds nothing but the dispatch). */
export type LeadFormEmit = <K extends keyof LeadFormEventDetails>(
  name: K,
  detail: LeadFormEventDetails[K],
) => void;

/** Props of the form's view; the element fills them from attributes and properties. */
export interface LeadFormProps {
  endpoint: string;
  form: string;
  /** The `locale` attribute; the page's `lang`, the form's configured locale and the browser's follow. */
  locale?: string | undefined;
  pageLocale?: string | undefined;
  browserLocale?: string | undefined;
  timezone?: string | undefined;
  prefill?: Record<string, unknown> | undefined;
  hiddenFields?: Record<string, unknown> | undefined;
  successMessage?: string | undefined;
  redirect?: string | undefined;
  /** The element's `theme`, handed to the booking that follows a form with `booking`. */
  theme?: string | undefined;
  /** The page's URL: its query prefills, it is sent as `context.pageUrl` and resolves a relative endpoint. */
  pageUrl: string;
  deps: ClientDeps;
  emit: LeadFormEmit;
  navigate: (url: string) => void;
  /**
   * The owner's lifetime: the element aborts it in `disconnectedCallback`, which stops every
   * request, timer and listener at once, without waiting for the renderer's unmount.
   */
  signal?: AbortSignal | undefined;
  /** The view reports each status change (the element's `status` property). */
  onStatus?: (status: LeadFormStatus) => void;
}

/**
 * The lead form: loads its definition, renders accessible fields, validates like the proxy,
 * submits once (idempotently), keeps the submission when offline and tells the truth about
 * each state through a polite live region. Everything it starts ends when it unmounts.
 */
export function LeadForm(props: LeadFormProps) {
  const { deps } = props;
  const uid = useId();
  const [def, setDef] = useState<FormDefinition | undefined>(undefined);
  const [phoneMetadata, setPhoneMetadata] = useState<PhoneMetadata | undefined>(undefined);
  const [status, setStatusState] = useState<LeadFormStatus>('loading');
  const [values, setValues] = useState<FieldValues>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [consent, setConsent] = useState(false);
  const [phoneCountries, setPhoneCountries] = useState<Record<string, CountryCode | undefined>>({});
  const [announcement, setAnnouncement] = useState('');
  const [focusRequest, setFocusRequest] = useState<{ key: string } | undefined>(undefined);
  const [loadAttempt, setLoadAttempt] = useState(0);
  // Form → instant booking (a definition with `booking`): the flow is mounted, hidden, at the
  // first keystroke, and shown with the lead once it is sent.
  const [bookingOpen, setBookingOpen] = useState(false);
  const [bookingLead, setBookingLead] = useState<KnownLead | undefined>(undefined);
  const rootRef = useRef<HTMLDivElement>(null);
  const hpRef = useRef<HTMLInputElement>(null);
  const edited = useRef(new Set<string>());
  const conflictsTold = useRef(new Set<string>());
  const pressedBlurs = useRef<Set<string> | undefined>(undefined);
  const latestValues = useRef<FieldValues>({});
  const submissionId = useRef<string | undefined>(undefined);
  const startedAt = useRef<string | undefined>(undefined);
  const startedAtMs = useRef(0);
  const busy = useRef(false);
  const lifetime = useRef<AbortController | undefined>(undefined);
  lifetime.current ??= createLinkedController(props.signal);
  const latest = useRef(props);
  latest.current = props;
  latestValues.current = values;

  // Other languages than English come with the definition, asked for with the candidates; the
  // proxy resolves them in this same order (the form's configured locale between the two).
  const localeQuery = toLocaleQuery(findLocale([props.locale, props.pageLocale]), props.browserLocale);
  const [received, setReceived] = useLocaleMessages(
    localeQuery,
    async (query, signal) => {
      const p = latest.current;
      const result = await fetchFormDefinition(p.endpoint, p.form, { deps, signal, base: p.pageUrl, query });
      return result.ok ? result.messages : null;
    },
    props.signal,
  );
  const locale = resolveLocale([props.locale, props.pageLocale, def?.locale, props.browserLocale]);
  const messages = getMessages(locale, received);
  const dir = getTextDirection(locale);
  const consentDef = def ? getConsentDef(def) : undefined;
  const timeZone = props.timezone ?? getBrowserTimeZone();

  // Each tel field's country: kept where the visitor chose one, else the form's default.
  const getPhoneCountries = (
    result: Extract<FormLoadResult, { ok: true }>,
    current: Record<string, CountryCode | undefined>,
  ) => {
    const p = latest.current;
    return getInitialPhoneCountries(
      result.form,
      result.phoneMetadata,
      {
        locale: resolveLocale([p.locale, p.pageLocale, result.form.locale, p.browserLocale]),
        browserLocale: p.browserLocale,
        timeZone: p.timezone ?? getBrowserTimeZone(),
      },
      current,
    );
  };

  const setStatus = (next: LeadFormStatus) => {
    setStatusState(next);
    latest.current.onStatus?.(next);
  };

  useEffect(() => {
    const controller = lifetime.current;
    return () => controller?.abort();
  }, []);

  // Attribution is captured on every page the form is on, even before anyone types.
  useEffect(() => captureCurrentPage(deps), [deps]);

  // (Re)load the definition when the endpoint or form changes, or on "try again"; the
  // other props are read through `latest` so a prefill change does not refetch.
  // biome-ignore lint/correctness/useExhaustiveDependencies: deliberate trigger list, see above.
  useEffect(() => {
    const controller = createLinkedController(props.signal);
    setStatus('loading');
    setDef(undefined);
    const query = localeQuery;
    fetchFormDefinition(props.endpoint, props.form, {
      deps,
      signal: controller.signal,
      base: props.pageUrl,
      query,
    }).then((result) => {
      if (controller.signal.aborted) return;
      if (!result.ok) {
        if (result.code === 'aborted') return;
        setStatus('load-failed');
        props.emit('leadkit:error', { code: result.code, message: result.message, form: props.form });
        return;
      }
      const p = latest.current;
      const query = getQueryString(p.pageUrl);
      setDef(result.form);
      setReceived(query, result.messages);
      setPhoneMetadata(result.phoneMetadata);
      setValues(getInitialValues(result.form, { prefill: p.prefill, query }));
      setErrors({});
      edited.current.clear();
      conflictsTold.current.clear();
      submissionId.current = undefined;
      setBookingOpen(false);
      setBookingLead(undefined);
      setPhoneCountries(getPhoneCountries(result, {}));
      startedAtMs.current = deps.now();
      startedAt.current = new Date(deps.now() + result.clockOffsetMs).toISOString();
      if (result.form.booking && !getFormBooking())
        warnDeveloper(p.form, 'it books into a calendar, but no booking element is defined: call define().');
      setStatus('editing');
      p.emit('leadkit:ready', { form: p.form });
    });
    return () => controller.abort();
  }, [props.endpoint, props.form, deps, loadAttempt]);

  // A changed `prefill` reaches the fields the visitor has not edited yet.
  const prefillKey = JSON.stringify(props.prefill ?? null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the prefill's content, not its identity.
  useEffect(() => {
    if (def) setValues((current) => applyPrefill(def, current, props.prefill, edited.current));
  }, [prefillKey]);

  // A `hidden-fields` entry named like a field the visitor sees would be silently dropped
  // (the visible field wins): the page's developer hears it once per form load and name.
  const hiddenKey = JSON.stringify(props.hiddenFields ?? null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the hidden fields' content, not identity.
  useEffect(() => {
    if (!def) return;
    for (const name of Object.keys(sanitizeHidden(props.hiddenFields))) {
      const field = def.fields.find((f) => f.name === name);
      if (!field || field.type === 'hidden' || conflictsTold.current.has(name)) continue;
      conflictsTold.current.add(name);
      const message = `The hidden-fields entry "${name}" has the name of a visible field; the visible field is sent, the entry is not.`;
      warnDeveloper(props.form, message);
      props.emit('leadkit:error', { code: 'hidden_field_conflict', message, form: props.form });
    }
  }, [def, hiddenKey]);

  // Queued submissions go out on mount and on `online`; when the one on screen arrives,
  // the form says so.
  useOfflineResend({
    endpoint: props.endpoint,
    form: props.form,
    pageUrl: props.pageUrl,
    deps,
    signal: props.signal,
    onResult: (entry, result) => {
      const isCurrent = entry.submission.submissionId === submissionId.current;
      if (result.kind === 'accepted') {
        if (result.leadRef) storeLeadRef(result.leadRef, deps);
        props.emit('leadkit:success', { leadId: result.leadId, form: entry.form, queued: true });
        if (isCurrent) {
          setStatus('sent');
          setAnnouncement(getSuccessText(props.successMessage, def, locale, messages));
          setBookingLead(toKnownLead(entry.submission, result.leadRef));
        }
      } else if (result.kind === 'rejected') {
        props.emit('leadkit:error', { code: result.code, message: result.message, form: entry.form });
        if (isCurrent) setStatus('failed');
      }
    },
  });

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

  const fieldsById = getVisibleFields(def);
  const checkOne = (name: string, value: FieldValue | undefined) => {
    const field = def.fields.find((f) => f.name === name);
    if (!field) return undefined;
    const result = checkFieldValue(field, value, {
      locale,
      messages,
      phoneCountry: phoneCountries[name],
      phoneMetadata,
    });
    return result.ok ? undefined : result.message;
  };

  const onValue = (name: string, value: FieldValue) => {
    edited.current.add(name);
    if (def.booking && !bookingOpen) setBookingOpen(true);
    setValues((current) => ({ ...current, [name]: value }));
    // Live re-check only once an error is showing, so nobody is scolded mid-word.
    if (errors[name]) setErrors((current) => withError(current, name, checkOne(name, value)));
  };
  const showBlurError = (name: string) => {
    if (!edited.current.has(name)) return;
    setErrors((current) => withError(current, name, checkOne(name, latestValues.current[name])));
  };
  // A blur caused by pressing the pointer (on Send, say) shows its error only after the
  // release and the click it makes: the message would push the button down between press
  // and release, and the click would miss it. Keyboard blurs show it at once.
  const onBlur = (name: string) => {
    if (pressedBlurs.current) pressedBlurs.current.add(name);
    else showBlurError(name);
  };
  const onPointerDown = () => {
    const doc = rootRef.current?.ownerDocument;
    const signal = lifetime.current?.signal;
    if (pressedBlurs.current || !doc || !signal) return;
    const pending = new Set<string>();
    pressedBlurs.current = pending;
    const release = () => {
      // A task later, so the click that follows the release has already been dispatched.
      deps
        .sleep(0, signal)
        .then(() => {
          if (pressedBlurs.current === pending) pressedBlurs.current = undefined;
          for (const name of pending) showBlurError(name);
        })
        .catch(() => undefined);
    };
    doc.addEventListener('pointerup', release, { once: true, signal });
    doc.addEventListener('pointercancel', release, { once: true, signal });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy.current || status === 'sending') return;
    const p = latest.current;
    const check = validateValues(def, values, {
      locale,
      messages,
      phoneCountries,
      phoneMetadata,
      consentGranted: consent,
    });
    if (!check.ok) {
      setErrors(check.errors);
      setAnnouncement(formatMessage(messages.fixFields, { count: Object.keys(check.errors).length }));
      setFocusRequest({ key: Object.keys(check.errors)[0] as string });
      return;
    }
    busy.current = true;
    setErrors({});
    setStatus('sending');
    setAnnouncement(messages.sending);
    submissionId.current ??= deps.randomUUID();
    const signal = lifetime.current?.signal ?? new AbortController().signal;
    // The proxy quietly drops a lead sent faster than `minFillSeconds` (a bot's speed); a
    // person with autofill can be that fast, so their send waits out the rest instead.
    const early = (def.minFillSeconds ?? 0) * 1000 - (deps.now() - startedAtMs.current);
    if (early > 0) {
      try {
        await deps.sleep(early + 250, signal);
      } catch {
        busy.current = false;
        return;
      }
    }
    const submission = buildSubmission({
      form: def,
      submissionId: submissionId.current,
      fields: check.fields,
      hiddenFields: p.hiddenFields,
      consent: consentDef ? { def: consentDef, granted: consent } : undefined,
      attribution: readAttribution(deps),
      locale,
      timeZone,
      pageUrl: p.pageUrl,
      startedAt: startedAt.current,
      honeypot: hpRef.current?.value ?? '',
    });
    p.emit('leadkit:submit', { form: p.form, submissionId: submission.submissionId });
    const endpoint = resolveEndpoint(p.endpoint, p.pageUrl) ?? p.endpoint;
    const entry: QueuedSubmission = { endpoint, form: p.form, submission, savedAt: deps.now() };
    // Queued before the first byte leaves: if the tab closes mid-request, the next page
    // load resends it under the same key.
    const kept = enqueueSubmission(entry, deps);
    let result: SendLeadResult | { kind: 'busy' };
    try {
      result = await sendQueued(entry, { deps, signal, wait: true });
    } catch {
      result = { kind: 'unreachable', reason: 'network' };
    } finally {
      busy.current = false;
    }
    if (signal.aborted) return;
    if (result.kind === 'rejected' && result.status === 400 && (await adoptChangedDefinition(result, signal)))
      return;
    apply(toSubmitOutcome(result, kept, def, messages), submission);
  };

  // A 400 may mean the form changed on the server while the page was open (consent text or
  // version, a field added or removed): then every retry would fail the same way. The
  // definition is fetched again (past the HTTP cache); if it differs, the form shows the new
  // one, keeps what was typed and marks only what is new. False when nothing changed.
  const adoptChangedDefinition = async (
    refused: Extract<SendLeadResult, { kind: 'rejected' }>,
    signal: AbortSignal,
  ): Promise<boolean> => {
    const p = latest.current;
    const query = localeQuery;
    const fresh = await fetchFormDefinition(p.endpoint, p.form, {
      deps,
      signal,
      base: p.pageUrl,
      query,
      fresh: true,
    });
    if (signal.aborted || !fresh.ok || isSameDefinition(def, fresh.form)) return false;
    const initial = getInitialValues(fresh.form, { prefill: p.prefill, query: getQueryString(p.pageUrl) });
    const carried = carryOverValues(def, fresh.form, values, consent, initial);
    const nextMessages = getMessages(
      resolveLocale([p.locale, p.pageLocale, fresh.form.locale, p.browserLocale]),
      fresh.messages,
    );
    const countries = getPhoneCountries(fresh, phoneCountries);
    const check = validateValues(fresh.form, carried.values, {
      locale,
      messages: nextMessages,
      phoneCountries: countries,
      phoneMetadata: fresh.phoneMetadata,
      consentGranted: carried.consentGranted,
    });
    const nextErrors = check.ok ? {} : check.errors;
    submissionId.current = undefined; // a 400 stored nothing under that key
    setDef(fresh.form);
    setReceived(query, fresh.messages);
    setPhoneMetadata(fresh.phoneMetadata);
    setPhoneCountries(countries);
    setValues(carried.values);
    setConsent(carried.consentGranted);
    setErrors(nextErrors);
    setStatus('editing');
    const count = Object.keys(nextErrors).length;
    setAnnouncement(count ? formatMessage(nextMessages.fixFields, { count }) : '');
    if (count) setFocusRequest({ key: Object.keys(nextErrors)[0] as string });
    p.emit('leadkit:error', {
      code: refused.code,
      message: refused.message,
      form: p.form,
      ...(refused.fields ? { fields: refused.fields } : {}),
    });
    return true;
  };

  const apply = (outcome: SubmitOutcome, submission: LeadSubmission) => {
    const p = latest.current;
    switch (outcome.kind) {
      case 'none':
        return;
      case 'sent': {
        if (outcome.leadRef) storeLeadRef(outcome.leadRef, deps);
        setStatus('sent');
        setAnnouncement(getSuccessText(p.successMessage, def, locale, messages));
        setFocusRequest({ key: '$message' });
        const lead = toKnownLead(submission, outcome.leadRef);
        setBookingLead(lead);
        p.emit('leadkit:success', { leadId: outcome.leadId, form: p.form });
        // A booking that follows takes the page's place of a redirect: leaving would lose it.
        const target = getRedirectUrl(p.redirect ?? def.redirect, p.pageUrl);
        if (target && !(lead && def.booking && getFormBooking())) p.navigate(target);
        return;
      }
      case 'saved':
        setStatus('saved');
        setAnnouncement(messages.saved);
        setFocusRequest({ key: '$message' });
        // Not delivered yet, so the page hears it as an error; `queued` says it is kept.
        p.emit('leadkit:error', {
          code: 'offline',
          message: 'Saved in the browser; it will be sent when the network is back.',
          form: p.form,
          queued: true,
        });
        return;
      case 'fix-fields':
        submissionId.current = undefined;
        setErrors(outcome.errors);
        setStatus('editing');
        setAnnouncement(formatMessage(messages.fixFields, { count: Object.keys(outcome.errors).length }));
        setFocusRequest({ key: Object.keys(outcome.errors)[0] as string });
        p.emit('leadkit:error', {
          code: outcome.code,
          message: outcome.message,
          form: p.form,
          ...(outcome.fields ? { fields: outcome.fields } : {}),
        });
        return;
      case 'failed':
        if (!outcome.keepKey) submissionId.current = undefined;
        setStatus('failed');
        setAnnouncement(messages.failed);
        setFocusRequest({ key: '$failed' });
        p.emit('leadkit:error', { code: outcome.code, message: outcome.message, form: p.form });
        return;
    }
  };

  // Nothing the submit path does may surface in the host page as an unhandled rejection;
  // an unexpected failure is a failed state the visitor can retry, and an event.
  const onSubmit = (event: Event) => {
    submit(event).catch((error: unknown) => {
      busy.current = false;
      setStatus('failed');
      setAnnouncement(messages.failed);
      latest.current.emit('leadkit:error', {
        code: 'internal',
        message: error instanceof Error ? error.message : 'Unexpected error.',
        form: latest.current.form,
      });
    });
  };

  const isDone = status === 'sent' || status === 'saved';
  const FormBooking = getFormBooking();
  const sending = status === 'sending';
  return (
    <div class="root" part="root" dir={dir} lang={locale} ref={rootRef} onPointerDown={onPointerDown}>
      <div role="status" aria-live="polite" aria-atomic="true" class="sr-only">
        {announcement}
      </div>
      {isDone ? (
        <p
          class={`message${status === 'sent' ? ' ok' : ''}`}
          part="message"
          tabIndex={-1}
          data-focus="$message"
        >
          {status === 'sent' ? getSuccessText(props.successMessage, def, locale, messages) : messages.saved}
        </p>
      ) : (
        <form part="form" noValidate onSubmit={onSubmit} aria-busy={sending ? 'true' : undefined}>
          <FormFields
            uid={uid}
            fields={fieldsById}
            consent={consentDef}
            locale={locale}
            messages={messages}
            values={values}
            errors={errors}
            phoneCountries={phoneCountries}
            phoneMetadata={phoneMetadata}
            consentGranted={consent}
            sending={sending}
            honeypot={hpRef}
            onValue={onValue}
            onBlur={onBlur}
            onPhoneCountry={(name, country) => setPhoneCountries((c) => ({ ...c, [name]: country }))}
            onConsent={(granted) => {
              setConsent(granted);
              if (granted) setErrors((current) => withError(current, CONSENT_KEY, undefined));
            }}
          />
          {status === 'failed' ? (
            <p class="alert" part="error" tabIndex={-1} data-focus="$failed">
              {messages.failed}
            </p>
          ) : null}
          <button type="submit" part="button" aria-disabled={sending ? 'true' : undefined}>
            {sending ? messages.sending : status === 'failed' ? messages.retry : messages.submit}
          </button>
        </form>
      )}
      {FormBooking && def.booking && (bookingOpen || bookingLead) ? (
        <FormBooking
          endpoint={props.endpoint}
          calendar={def.booking}
          locale={locale}
          timezone={props.timezone}
          theme={props.theme}
          lead={status === 'sent' ? bookingLead : undefined}
        />
      ) : null}
    </div>
  );
}

/** What the booking that follows a sent lead knows of it; nothing without the proxy's `leadRef`. */
function toKnownLead(submission: LeadSubmission, leadRef: string | undefined): KnownLead | undefined {
  return leadRef
    ? {
        leadRef,
        fields: submission.fields,
        consent: submission.consent,
        startedAt: submission.context?.startedAt,
      }
    : undefined;
}
