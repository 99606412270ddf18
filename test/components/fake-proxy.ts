import metadata from 'libphonenumber-js/metadata.min.json';
import type { ClientDeps } from '../../src/client/client-deps';
import type { FormDefinition } from '../../src/model/form';
import type { LeadSubmission } from '../../src/model/lead';
import { getPhoneMetadataSubset, type PhoneMetadata } from '../../src/phone/phone-metadata';
import { type CataloguePart, getLocaleMessages } from '../../src/proxy/locales/get-locale-messages';
import { createLeadRef } from '../../src/proxy/security/lead-ref';
import { formatInstant } from '../../src/time/format-instant';
import { getZoneDate } from '../../src/time/get-zone-date';
import { isValidTimeZone } from '../../src/time/is-valid-time-zone';

/** The secret the fake proxy mints its leadRefs with, the real proxy's way, so tests can open them. */
export const FAKE_PROXY_SECRET = 'fake-proxy-secret-0123456789abcdef';

/** What the proxy is asked to publish with a form: metadata for the form's phone countries. */
export const PHONE_METADATA = getPhoneMetadataSubset(metadata as unknown as PhoneMetadata, [
  'DE',
  'AT',
  'CH',
  'US',
  'AE',
]);

/**
 * The `messages` the real proxy adds to a definition for the request's `?locale=` and
 * `?fallback=` (its own code and catalogues), as a spreadable object.
 */
export function withLocaleMessages(
  input: string,
  formLocale: string | undefined,
  parts: readonly CataloguePart[],
): { messages?: NonNullable<ReturnType<typeof getLocaleMessages>> } {
  const query = new URL(input).searchParams;
  const messages = getLocaleMessages(
    { locale: query.get('locale') ?? undefined, fallback: query.get('fallback') ?? undefined },
    formLocale,
    parts,
  );
  return messages ? { messages } : {};
}

/** A Storage kept in memory, so each test starts clean and runs without a browser. */
export function createMemoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, String(value)),
  };
}

/** The form the tests render: the default config's `demo` form plus a select and consent. */
export const DEMO_FORM: FormDefinition = {
  id: 'demo',
  fields: [
    {
      name: 'name',
      type: 'text',
      label: { en: 'Name', de: 'Name', ar: 'الاسم' },
      required: true,
      autocomplete: 'name',
    },
    {
      name: 'email',
      type: 'email',
      label: { en: 'Email', de: 'E-Mail', ar: 'البريد الإلكتروني' },
      required: true,
    },
    { name: 'phone', type: 'tel', label: { en: 'Phone', de: 'Telefon', ar: 'الهاتف' } },
    {
      name: 'interest',
      type: 'select',
      label: 'Interest',
      options: [
        { value: 'pricing', label: 'Pricing' },
        { value: 'demo', label: 'Demo' },
      ],
    },
    { name: 'message', type: 'textarea', label: { en: 'Message', de: 'Nachricht', ar: 'الرسالة' } },
  ],
  consent: {
    text: {
      en: 'I agree to be contacted about my enquiry.',
      de: 'Ich bin einverstanden, kontaktiert zu werden.',
    },
    version: '3',
    required: true,
  },
  phoneCountry: 'DE',
};

/** One request the fake proxy saw. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal | undefined;
}

type Reply = Response | Error | 'hang';

/**
 * A stand-in for the proxy's `GET /v1/forms/:form` and `POST …/leads`. `replies` are used
 * once each, in order, for lead posts; when they run out, posts are accepted with a leadRef
 * minted like the real proxy's. Accepted submissions are counted by Idempotency-Key, like
 * the real proxy's replay.
 */
export function createFakeProxy(
  options: {
    form?: FormDefinition;
    phoneMetadata?: PhoneMetadata | null;
    formReplies?: Reply[];
    leadReplies?: Reply[];
    /** The calendar `GET /v1/calendars/:cal` answers, and its free slots by date (in any zone). */
    calendar?: FakeCalendar;
    /** Used once each, in order, for calendar and availability GETs. */
    calendarReplies?: Reply[];
  } = {},
) {
  const requests: SeenRequest[] = [];
  const accepted = new Map<string, unknown>();
  const formReplies = [...(options.formReplies ?? [])];
  const leadReplies = [...(options.leadReplies ?? [])];
  const calendarReplies = [...(options.calendarReplies ?? [])];
  const respond = (reply: Reply, signal: AbortSignal | undefined): Promise<Response> => {
    if (reply === 'hang') {
      return new Promise((_, reject) =>
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
      );
    }
    return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
  };
  const fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(
      Object.entries((init.headers as Record<string, string>) ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const seen: SeenRequest = {
      method: init.method ?? 'GET',
      url: input,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      signal: init.signal ?? undefined,
    };
    requests.push(seen);
    if (seen.method === 'GET' && input.includes('/v1/calendars/')) {
      const reply = calendarReplies.shift();
      if (reply) return respond(reply, seen.signal);
      return answerCalendar(input, options.calendar ?? DEMO_CALENDAR);
    }
    if (seen.method === 'GET') {
      const reply = formReplies.shift();
      if (reply) return respond(reply, seen.signal);
      const form = options.form ?? DEMO_FORM;
      const id = decodeURIComponent(new URL(input).pathname.split('/v1/forms/')[1] ?? '');
      const phoneMetadata = options.phoneMetadata === undefined ? PHONE_METADATA : options.phoneMetadata;
      return json(200, {
        ...form,
        id,
        ...(phoneMetadata ? { phoneMetadata } : {}),
        ...withLocaleMessages(input, form.locale, ['form']),
      });
    }
    const reply = leadReplies.shift();
    if (reply) return respond(reply, seen.signal);
    const key = headers['idempotency-key'] ?? '';
    if (!accepted.has(key)) accepted.set(key, seen.body);
    const leadId = `lead-${[...accepted.keys()].indexOf(key) + 1}`;
    return json(202, { leadId, leadRef: createLeadRef(leadId, FAKE_PROXY_SECRET), status: 'accepted' });
  };
  return { fetch, requests, accepted, posts: () => requests.filter((r) => r.method === 'POST') };
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Deps with an in-memory store, a fixed clock, no real waiting, and a switchable network. */
export function createTestDeps(fetch: ClientDeps['fetch'], overrides: Partial<ClientDeps> = {}) {
  let online = true;
  let uuid = 0;
  const sleeps: number[] = [];
  const deps: ClientDeps = {
    fetch,
    storage: createMemoryStorage(),
    now: () => Date.parse('2026-11-22T10:03:10Z'),
    random: () => 0.5,
    randomUUID: () => `00000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}`,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return signal.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    },
    isOnline: () => online,
    ...overrides,
  };
  return {
    deps,
    sleeps,
    setOnline(value: boolean) {
      online = value;
    },
  };
}

/** The JSON body of a lead post, typed (the tests check what the widget actually sent). */
export function bodyOf(
  request: SeenRequest | undefined,
): LeadSubmission & { fields: Record<string, string | boolean> } {
  if (!request) throw new Error('no such request');
  return request.body as LeadSubmission;
}

/** A calendar the fake proxy serves: its public definition and its free slots (instants). */
export interface FakeCalendar {
  id: string;
  timezone: string;
  durationMinutes: number;
  maxDaysAhead: number;
  /** Free slot starts, as instants; each lasts `durationMinutes`. */
  starts: string[];
}

/** The default config's `demo` calendar, with a few free times around the test clock. */
export const DEMO_CALENDAR: FakeCalendar = {
  id: 'demo',
  timezone: 'Europe/Berlin',
  durationMinutes: 30,
  maxDaysAhead: 60,
  starts: [
    '2026-11-24T08:00:00Z',
    '2026-11-24T13:00:00Z',
    '2026-11-24T13:30:00Z',
    '2026-11-26T09:00:00Z',
    '2026-12-01T10:00:00Z',
    '2026-12-01T15:00:00Z',
  ],
};

/**
 * Answers `GET /v1/calendars/:cal` and `…/availability` the way the real proxy does
 * (CONTRACT §4): dates in `tz`, both ends inclusive, slots with the offset of `tz`, at most
 * 62 days, and 400 `invalid_query` otherwise.
 */
function answerCalendar(input: string, calendar: FakeCalendar): Response {
  const url = new URL(input);
  const id = decodeURIComponent(url.pathname.split('/v1/calendars/')[1]?.split('/')[0] ?? '');
  if (id !== calendar.id)
    return json(404, { error: { code: 'calendar_not_found', message: `There is no calendar "${id}".` } });
  if (!url.pathname.endsWith('/availability'))
    return json(200, {
      id: calendar.id,
      timezone: calendar.timezone,
      durationMinutes: calendar.durationMinutes,
      durations: [calendar.durationMinutes],
      maxDaysAhead: calendar.maxDaysAhead,
      canReschedule: true,
      canCancel: true,
      form: { id: 'demo', fields: DEMO_FORM.fields, minFillSeconds: 0 },
      ...withLocaleMessages(input, undefined, ['form', 'slotPicker', 'booking']),
    });
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? from;
  const zone = url.searchParams.get('tz') ?? calendar.timezone;
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (!(days >= 1 && days <= 62) || !isValidTimeZone(zone))
    return json(400, { error: { code: 'invalid_query', message: 'The query has problems; see fields.' } });
  const byDate = new Map<string, Array<{ start: string; end: string }>>();
  for (const start of calendar.starts) {
    const instant = new Date(start);
    const date = getZoneDate(instant, zone);
    if (date < from || date > to) continue;
    const end = new Date(instant.getTime() + calendar.durationMinutes * 60_000);
    const slots = byDate.get(date) ?? [];
    slots.push({ start: formatInstant(instant, zone), end: formatInstant(end, zone) });
    byDate.set(date, slots);
  }
  const list = [...byDate.entries()].sort().map(([date, slots]) => ({ date, slots }));
  return json(200, { calendar: calendar.id, timezone: zone, days: list });
}
