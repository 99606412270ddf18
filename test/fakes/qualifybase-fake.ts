import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  answerOrFail,
  createFailureQueue,
  createSlidingWindow,
  type FakeAnswer,
  type InjectedFailure,
  type LoggedRequest,
  startLoopbackServer,
} from './fake-server-kit';

/**
 * A QualifyBase stand-in (seed 004, OpenAPI "QualifyBase Public API") on 127.0.0.1 that
 * enforces the document strictly: `Authorization: Bearer qbk_live_*`, JSON bodies,
 * `LeadCreate` property types and the `source` enum, E.164 phones, "At least one of phone or
 * email", `external_source` with `external_id`, `external_metadata` "up to 4KB", upsert on
 * external_source + external_id (200) versus create (201), Stripe-style `Idempotency-Key`
 * (replay with `Idempotent-Replayed: true`, 409 `idempotency_conflict` on a different body),
 * and "120 req/min per key" as a sliding window answered with 429 and `Retry-After`.
 *
 * @example
 * const fake = await startQualifybaseFake({ rateLimit: { count: 12, windowMs: 6_000 } });
 * // config: { type: 'qualifybase', baseUrl: fake.url, apiKey: fake.apiKey }
 * fake.failNext(2, { kind: 'status', status: 503 });
 * await fake.close();
 */

export interface QualifybaseFakeOptions {
  /** The only accepted key. Default `qbk_live_fake_key`. */
  apiKey?: string;
  /** Requests per sliding window per key. Default the document's 120 per 60 s. */
  rateLimit?: { count: number; windowMs: number };
  /** `external_metadata` limit in UTF-8 bytes of its JSON. Default 4096 ("up to 4KB"). */
  metadataMaxBytes?: number;
  /** How long an idempotency key is remembered. Default 24 h ("Replays within 24h"). */
  idempotencyTtlMs?: number;
  /** The clinic's zone: `GET /availability` files slots under its dates. Default UTC. */
  timezone?: string;
}

/** A stored appointment, as the document's `Appointment` schema. */
export interface QualifybaseFakeAppointment {
  id: string;
  clinic_id: string;
  lead_id: string;
  assigned_to: null;
  status: string;
  title: string | null;
  description: string | null;
  timezone: string | null;
  scheduled_at: string;
  ends_at: string;
  external_provider: 'api';
  external_event_id: null;
  meeting_link: null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

/** What the next request(s) suffer instead of a normal answer (`status`: the document's error envelope). */
export type QualifybaseFakeFailure = InjectedFailure;

/** A stored lead, as the document's `Lead` schema. */
export interface QualifybaseFakeLead {
  id: string;
  clinic_id: string;
  full_name: string | null;
  phone: string | null;
  email: string | null;
  country: string | null;
  city: string | null;
  language: string | null;
  status: 'visitor' | 'lead';
  stage: string;
  source: string | null;
  score: number | null;
  temperature: null;
  treatment_interest: string | null;
  notes: string | null;
  do_not_call: boolean;
  external_id: string | null;
  external_source: string | null;
  external_metadata: Record<string, unknown> | null;
  last_contacted_at: null;
  created_at: string;
  updated_at: string;
}

export type QualifybaseFakeRequest = LoggedRequest;

export interface QualifybaseFake {
  /** The base URL to configure, ending in `/api/v1`. */
  url: string;
  apiKey: string;
  /** Every stored lead, in creation order (an upsert updates in place). */
  leads: QualifybaseFakeLead[];
  /** Every request, with the status it got. */
  requests: QualifybaseFakeRequest[];
  stats: {
    requests: number;
    rateLimited: number;
    created: number;
    upserted: number;
    replayed: number;
    idempotencyConflicts: number;
  };
  /** Every appointment, in creation order. */
  appointments: QualifybaseFakeAppointment[];
  /** The clinic's open slots (`GET /availability` leaves out those an appointment holds). */
  setSlots(slots: ReadonlyArray<{ starts_at: string; ends_at: string }>): void;
  /** How many stored leads carry this `external_id` (exactly-once checks). */
  countByExternalId(externalId: string): number;
  /** The next `count` requests suffer `failure`. */
  failNext(count: number, failure: QualifybaseFakeFailure): void;
  /**
   * The next `count` `POST /leads` that carry an `Idempotency-Key` fail with `status` (the
   * `Error` envelope, nothing stored) and that answer is cached under the key like any other:
   * "Replays within 24h return the original response with header `Idempotent-Replayed:
   * true`" — a Stripe-style key replays a 500 as faithfully as a 201.
   */
  failCachedNext(count: number, status?: number): void;
  /** The next `count` `POST /appointments` are booked, then their answer is lost (connection destroyed). */
  loseNextBookingAnswer(count?: number): void;
  /** Forgets leads, requests, keys, the rate window and pending failures. */
  reset(): void;
  close(): Promise<void>;
}

const LEAD_CREATE_PROPS = [
  'full_name',
  'phone',
  'email',
  'country',
  'city',
  'language',
  'treatment_interest',
  'notes',
  'source',
  'external_id',
  'external_source',
  'external_metadata',
] as const;
const SOURCES = [
  'website',
  'instagram',
  'whatsapp',
  'facebook',
  'tiktok',
  'referral',
  'email',
  'paid_ads',
  'other',
];
const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Starts the fake on 127.0.0.1 with a random port. */
export async function startQualifybaseFake(options: QualifybaseFakeOptions = {}): Promise<QualifybaseFake> {
  const apiKey = options.apiKey ?? 'qbk_live_fake_key';
  const rate = options.rateLimit ?? { count: 120, windowMs: 60_000 };
  const metadataMaxBytes = options.metadataMaxBytes ?? 4096;
  const idempotencyTtlMs = options.idempotencyTtlMs ?? 24 * 3_600_000;
  const clinicId = randomUUID();
  const zone = options.timezone ?? 'UTC';
  const dateIn = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  let appointments: QualifybaseFakeAppointment[] = [];
  let slots: Array<{ starts_at: string; ends_at: string }> = [];

  let leads: QualifybaseFakeLead[] = [];
  let byExternal = new Map<string, QualifybaseFakeLead>();
  let idempotency = new Map<string, { body: string; status: number; response: unknown; at: number }>();
  const window = createSlidingWindow(rate);
  const failures = createFailureQueue<QualifybaseFakeFailure>();
  const cachedFailures = createFailureQueue<number>();
  const requests: QualifybaseFakeRequest[] = [];
  const stats = {
    requests: 0,
    rateLimited: 0,
    created: 0,
    upserted: 0,
    replayed: 0,
    idempotencyConflicts: 0,
  };

  function error(status: number, code: string, message: string) {
    return { status, body: { error: { code, message } } };
  }

  function validateLeadCreate(body: unknown): Record<string, unknown> {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new HttpError(400, 'invalid_input', 'body must be a LeadCreate object');
    const input = body as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (!(LEAD_CREATE_PROPS as readonly string[]).includes(key))
        throw new HttpError(400, 'invalid_input', `unknown property "${key}"`);
    }
    for (const key of LEAD_CREATE_PROPS) {
      if (key === 'external_metadata' || input[key] === undefined) continue;
      if (typeof input[key] !== 'string')
        throw new HttpError(400, 'invalid_input', `${key} must be a string`);
    }
    if (input.source !== undefined && !SOURCES.includes(input.source as string)) {
      throw new HttpError(400, 'invalid_input', `source must be one of ${SOURCES.join(', ')}`);
    }
    if (input.phone !== undefined && !E164.test(input.phone as string))
      throw new HttpError(400, 'invalid_phone', 'phone must be E.164');
    if (input.email !== undefined && !EMAIL.test(input.email as string))
      throw new HttpError(400, 'invalid_email', 'email is not a valid email');
    if (!input.phone && !input.email)
      throw new HttpError(400, 'invalid_input', 'At least one of phone or email is required');
    if (input.external_id !== undefined && !input.external_source) {
      throw new HttpError(400, 'invalid_input', 'external_source is required when external_id is supplied');
    }
    const metadata = input.external_metadata;
    if (metadata !== undefined) {
      if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) {
        throw new HttpError(400, 'invalid_input', 'external_metadata must be an object');
      }
      if (Buffer.byteLength(JSON.stringify(metadata), 'utf8') > metadataMaxBytes) {
        throw new HttpError(400, 'metadata_too_large', 'external_metadata exceeds 4KB');
      }
    }
    return input;
  }

  function createOrUpsert(input: Record<string, unknown>): { status: number; body: unknown } {
    const nowIso = new Date().toISOString();
    const key = input.external_id ? `${input.external_source}\u0000${input.external_id}` : null;
    const existing = key ? byExternal.get(key) : undefined;
    if (existing) {
      for (const prop of LEAD_CREATE_PROPS) {
        if (input[prop] !== undefined) (existing as unknown as Record<string, unknown>)[prop] = input[prop];
      }
      existing.updated_at = nowIso;
      stats.upserted++;
      return { status: 200, body: { data: existing } };
    }
    const lead: QualifybaseFakeLead = {
      id: randomUUID(),
      clinic_id: clinicId,
      full_name: null,
      phone: null,
      email: null,
      country: null,
      city: null,
      language: null,
      status: 'lead',
      stage: 'new',
      source: null,
      score: null,
      temperature: null,
      treatment_interest: null,
      notes: null,
      do_not_call: false,
      external_id: null,
      external_source: null,
      external_metadata: null,
      last_contacted_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    };
    for (const prop of LEAD_CREATE_PROPS) {
      if (input[prop] !== undefined) (lead as unknown as Record<string, unknown>)[prop] = input[prop];
    }
    leads.push(lead);
    if (key) byExternal.set(key, lead);
    stats.created++;
    return { status: 201, body: { data: lead } };
  }

  function handle(req: IncomingMessage, rawBody: string): FakeAnswer {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    if (!url.pathname.startsWith('/api/v1/')) return error(404, 'not_found', 'Resource not found');

    const auth = req.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/.exec(auth);
    if (!match || match[1] !== apiKey || !match[1].startsWith('qbk_live_')) {
      return error(401, 'unauthorized', 'Missing or invalid API key');
    }
    const retryAfter = window.take(Date.now());
    if (retryAfter !== null) {
      stats.rateLimited++;
      return {
        ...error(429, 'rate_limited', 'Rate limit exceeded (120 req/min per key)'),
        headers: { 'retry-after': String(retryAfter) },
      };
    }

    if (path === '/leads' && req.method === 'GET') {
      const limit = Number(url.searchParams.get('limit') ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200)
        return error(400, 'invalid_input', 'limit must be 1..200');
      const filters = ['status', 'stage', 'phone', 'email', 'external_source', 'external_id'] as const;
      const found = leads.filter((lead) =>
        filters.every((f) => {
          const want = url.searchParams.get(f);
          return want === null || String(lead[f]) === want;
        }),
      );
      return { status: 200, body: { data: found.slice(0, limit) } };
    }
    if (path === '/leads' && req.method === 'POST') {
      if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        return error(415, 'unsupported_media_type', 'Content-Type must be application/json');
      }
      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        return error(400, 'invalid_json', 'Body is not valid JSON');
      }
      const idempotencyKey = req.headers['idempotency-key'];
      if (typeof idempotencyKey === 'string') {
        if (idempotencyKey.length > 255)
          return error(400, 'invalid_input', 'Idempotency-Key is longer than 255 characters');
        const seen = idempotency.get(idempotencyKey);
        if (seen && seen.at > Date.now() - idempotencyTtlMs) {
          if (seen.body !== rawBody) {
            stats.idempotencyConflicts++;
            return error(409, 'idempotency_conflict', 'Idempotency-Key reused with a different body');
          }
          stats.replayed++;
          return { status: seen.status, body: seen.response, headers: { 'idempotent-replayed': 'true' } };
        }
      }
      let result: { status: number; body: unknown };
      const cachedFailure = typeof idempotencyKey === 'string' ? cachedFailures.next() : undefined;
      try {
        result =
          cachedFailure === undefined
            ? createOrUpsert(validateLeadCreate(body))
            : error(cachedFailure, 'server_error', 'Internal error');
      } catch (caught) {
        if (!(caught instanceof HttpError)) throw caught;
        result = error(caught.status, caught.code, caught.message);
      }
      // Stripe caches the first answer, errors included; a deep copy so a later upsert does not change the replay.
      if (typeof idempotencyKey === 'string') {
        idempotency.set(idempotencyKey, {
          body: rawBody,
          status: result.status,
          response: structuredClone(result.body),
          at: Date.now(),
        });
      }
      return result;
    }
    const calendar = handleCalendar(req, url, path, rawBody);
    if (calendar) return calendar;
    const one = /^\/leads\/([^/]+)$/.exec(path);
    if (one && req.method === 'GET') {
      const lead = leads.find((l) => l.id === one[1]);
      return lead ? { status: 200, body: { data: lead } } : error(404, 'not_found', 'Resource not found');
    }
    if (path === '/leads' || one) return error(405, 'method_not_allowed', 'Method not allowed');
    return error(404, 'not_found', 'Resource not found');
  }

  const holds = (startMs: number, endMs: number, except?: string) =>
    appointments.some(
      (a) =>
        a.id !== except &&
        a.status !== 'cancelled' &&
        Date.parse(a.scheduled_at) < endMs &&
        startMs < Date.parse(a.ends_at),
    );
  const isInstant = (value: unknown): value is string =>
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));

  /** `/availability`, `/appointments`, `/appointments/{id}` (document paths of the same names). */
  function handleCalendar(req: IncomingMessage, url: URL, path: string, rawBody: string): FakeAnswer | null {
    if (path === '/availability' && req.method === 'GET') {
      const from = url.searchParams.get('from');
      const to = url.searchParams.get('to') ?? from;
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const preference = url.searchParams.get('preference');
      if (!from || !to || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)))
        return error(400, 'invalid_input', 'from is required: an ISO date or datetime');
      if (!Number.isInteger(limit) || limit < 1 || limit > 50)
        return error(400, 'invalid_input', 'limit must be 1..50');
      if (preference !== null && !['morning', 'afternoon', 'evening', 'any'].includes(preference))
        return error(400, 'invalid_input', 'preference must be morning, afternoon, evening or any');
      const days = new Map<string, Array<{ starts_at: string; ends_at: string }>>();
      for (const slot of [...slots].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))) {
        const date = dateIn.format(new Date(slot.starts_at));
        if (date < from.slice(0, 10) || date > to.slice(0, 10)) continue;
        if (holds(Date.parse(slot.starts_at), Date.parse(slot.ends_at))) continue;
        const day = days.get(date) ?? [];
        if (day.length < limit) day.push(slot);
        days.set(date, day);
      }
      return {
        status: 200,
        body: { data: [...days].map(([date, daySlots]) => ({ date, slots: daySlots })) },
      };
    }
    if (path === '/appointments' && req.method === 'GET') {
      const from = url.searchParams.get('from');
      const to = url.searchParams.get('to');
      const limit = Number(url.searchParams.get('limit') ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200)
        return error(400, 'invalid_input', 'limit must be 1..200');
      const found = appointments.filter(
        (a) =>
          (from === null || Date.parse(a.scheduled_at) >= Date.parse(from)) &&
          (to === null || Date.parse(a.scheduled_at) <= Date.parse(to)) &&
          (url.searchParams.get('status') === null || a.status === url.searchParams.get('status')),
      );
      return { status: 200, body: { data: found.slice(0, limit) } };
    }
    const one = /^\/appointments\/([^/]+)$/.exec(path);
    if (path !== '/appointments' && !one) return null;
    let body: Record<string, unknown> = {};
    if (req.method === 'POST' || req.method === 'PATCH') {
      if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json'))
        return error(415, 'unsupported_media_type', 'Content-Type must be application/json');
      try {
        body = JSON.parse(rawBody);
      } catch {
        return error(400, 'invalid_json', 'Body is not valid JSON');
      }
      if (!body || typeof body !== 'object' || Array.isArray(body))
        return error(400, 'invalid_input', 'body must be an object');
      const allowed =
        req.method === 'POST'
          ? ['lead_id', 'scheduled_at', 'ends_at', 'title', 'description', 'notes', 'status']
          : ['scheduled_at', 'ends_at', 'title', 'description', 'notes', 'status'];
      for (const key of Object.keys(body))
        if (!allowed.includes(key)) return error(400, 'invalid_input', `unknown property "${key}"`);
      for (const key of ['scheduled_at', 'ends_at'])
        if (body[key] !== undefined && !isInstant(body[key]))
          return error(400, 'invalid_input', `${key} must be a date-time`);
      for (const key of ['title', 'description', 'notes'])
        if (body[key] !== undefined && typeof body[key] !== 'string')
          return error(400, 'invalid_input', `${key} must be a string`);
    }
    const nowIso = new Date().toISOString();
    if (path === '/appointments' && req.method === 'POST') {
      if (typeof body.lead_id !== 'string' || !body.scheduled_at)
        return error(400, 'invalid_input', 'lead_id and scheduled_at are required');
      if (body.status !== undefined && !['pending_confirmation', 'confirmed'].includes(body.status as string))
        return error(400, 'invalid_input', 'status must be pending_confirmation or confirmed');
      if (!leads.some((lead) => lead.id === body.lead_id)) return error(404, 'not_found', 'Lead not found');
      const start = body.scheduled_at as string;
      // The document gives no default length; the fake assumes 30 minutes.
      const end =
        (body.ends_at as string | undefined) ?? new Date(Date.parse(start) + 30 * 60_000).toISOString();
      if (!(Date.parse(end) > Date.parse(start)))
        return error(400, 'invalid_input', 'ends_at must be after scheduled_at');
      if (holds(Date.parse(start), Date.parse(end))) return error(409, 'slot_taken', 'Slot already taken');
      const appointment: QualifybaseFakeAppointment = {
        id: randomUUID(),
        clinic_id: clinicId,
        lead_id: body.lead_id,
        assigned_to: null,
        status: (body.status as string | undefined) ?? 'pending_confirmation',
        title: (body.title as string | undefined) ?? null,
        description: (body.description as string | undefined) ?? null,
        timezone: zone,
        scheduled_at: start,
        ends_at: end,
        external_provider: 'api',
        external_event_id: null,
        meeting_link: null,
        notes: (body.notes as string | undefined) ?? null,
        created_at: nowIso,
        updated_at: nowIso,
      };
      appointments.push(appointment);
      return { status: 201, body: { data: appointment } };
    }
    const appointment = one ? appointments.find((a) => a.id === one[1]) : undefined;
    if (!one || !['GET', 'PATCH', 'DELETE'].includes(req.method ?? ''))
      return error(405, 'method_not_allowed', 'Method not allowed');
    if (!appointment) return error(404, 'not_found', 'Resource not found');
    if (req.method === 'GET') return { status: 200, body: { data: appointment } };
    if (req.method === 'DELETE') {
      appointment.status = 'cancelled';
      appointment.updated_at = nowIso;
      return { status: 200, body: { data: appointment } };
    }
    if (
      body.status !== undefined &&
      !['pending_confirmation', 'confirmed', 'rescheduled', 'completed', 'no_show'].includes(
        body.status as string,
      )
    )
      return error(400, 'invalid_input', 'status is not one of the AppointmentPatch values');
    const start = (body.scheduled_at as string | undefined) ?? appointment.scheduled_at;
    const end = (body.ends_at as string | undefined) ?? appointment.ends_at;
    if (!(Date.parse(end) > Date.parse(start)))
      return error(400, 'invalid_input', 'ends_at must be after scheduled_at');
    if (holds(Date.parse(start), Date.parse(end), appointment.id))
      return error(409, 'slot_conflict', 'Slot conflict');
    Object.assign(appointment, { ...body, scheduled_at: start, ends_at: end, updated_at: nowIso });
    return { status: 200, body: { data: appointment } };
  }

  let lostBookings = 0;
  const server = await startLoopbackServer((req, res, rawBody) => {
    stats.requests++;
    const isBooking = req.method === 'POST' && (req.url ?? '').split('?')[0] === '/api/v1/appointments';
    const loseThis = isBooking && lostBookings > 0;
    if (loseThis) lostBookings--;
    const failure: QualifybaseFakeFailure | undefined = loseThis
      ? { kind: 'lose-response' }
      : failures.next();
    answerOrFail({
      req,
      res,
      rawBody,
      failure,
      failureBody: { error: { code: 'server_error', message: 'Injected failure' } },
      log: requests,
      handle: () => handle(req, rawBody),
    });
  });

  return {
    url: `${server.url}/api/v1`,
    apiKey,
    get leads() {
      return leads;
    },
    get appointments() {
      return appointments;
    },
    setSlots(next) {
      slots = [...next];
    },
    requests,
    stats,
    countByExternalId(externalId) {
      return leads.filter((lead) => lead.external_id === externalId).length;
    },
    failNext(count, failure) {
      failures.add(failure, count);
    },
    failCachedNext(count, status = 500) {
      cachedFailures.add(status, count);
    },
    loseNextBookingAnswer(count = 1) {
      lostBookings += count;
    },
    reset() {
      lostBookings = 0;
      leads = [];
      appointments = [];
      slots = [];
      byExternal = new Map();
      idempotency = new Map();
      window.clear();
      failures.clear();
      cachedFailures.clear();
      requests.length = 0;
      for (const key of Object.keys(stats) as Array<keyof typeof stats>) stats[key] = 0;
    },
    close: server.close,
  };
}
