import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createFailureQueue,
  createLostReplies,
  createSlidingWindow,
  failConnection,
  replyJson,
  startLoopbackServer,
} from './fake-server-kit';

/**
 * A fake LIO (doc 003, WorksBuddy Lead Manager) on 127.0.0.1 that enforces the parts leadkit
 * uses as strictly as the document states them:
 * - `POST /api/v1/lead` with `x-api-key` (401 "API key missing", 403 invalid key), JSON only,
 *   "at least one of email, phone_number, or linkedin_url", typed fields, `priority` 1–4,
 *   `lead_source` 1–5, `tags` strings, `custom_fields` an object, unknown fields stored under
 *   `custom_fields`; 409 for the same email or LinkedIn URL unless `merge: 1` (update) or
 *   `duplicate: 1` (create anyway); 201 with `{ success, message, data: { id, … } }`.
 * - `GET /api/v1/lead/lead-list` (page, limit, search_value, order_by, order_in).
 * - `POST /api/auth/login` (bearer tokens checked by `GET /api/user/my`), `GET /api/v1/booking/:slug`.
 * - `POST /api/v1/intent-signal` (§9.1) with a bearer token (§2.2; not the API key, §2.3 names
 *   only §8): `lead_id` an integer naming a stored lead (404 otherwise), `signal_type` from the
 *   closed list, `signal_detail` an object, `occurred_at` a date; 201 with the stored signal.
 * - A sliding-window rate limit answering 429 in the §3 envelope, and failure injection,
 *   including answers the document does not promise (`answerNext`: a 2xx without `data.id`).
 * - `merge: 1` updates the lead as §7.1's update does: `custom_fields` merged, every other
 *   field sent replaced (tags too: §7.1 names only `custom_fields` and `ai_information` as
 *   merged).
 */
export interface LioFakeOptions {
  apiKey?: string;
  /** Requests allowed per sliding window (default 60 per 60 s: CONTRACT §5's default for LIO). */
  rateLimit?: { count: number; windowMs: number };
  /** Doc 003 does not promise `Retry-After`; set this to have 429s carry one. */
  retryAfterSeconds?: number;
  login?: { email: string; password: string };
  bookingSlugs?: string[];
  /** Whether list answers include `custom_fields` (default true). */
  listCustomFields?: boolean;
}

/** A lead as the fake stores it. */
export interface LioFakeLead {
  id: number;
  email?: string;
  phone_number?: string;
  first_name?: string;
  last_name?: string;
  company?: string;
  job_title?: string;
  linkedin_url?: string;
  status: number;
  priority: number;
  lead_source?: number;
  tags: string[];
  custom_fields: Record<string, unknown>;
  created_at: string;
  /** How many times a `merge: 1` request updated this lead. */
  merges: number;
}

/** §9.1's `signal_type` values. */
export const LIO_FAKE_SIGNAL_TYPES = [
  'pricing_page_visit',
  'demo_requested',
  'form_submitted',
  'reply_received',
  'email_opened',
  'email_opened_3x',
  'link_clicked',
  'case_study_download',
  'manual',
] as const;

/** An intent signal as the fake stores it. */
export interface LioFakeIntentSignal {
  id: number;
  lead_id: number;
  signal_type: string;
  signal_detail: Record<string, unknown>;
  occurred_at: string;
}

/** One request as the fake saw it. */
export interface LioFakeRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  status: number;
}

/** A running fake: its URL, what it stored, and its failure switches. */
export interface LioFake {
  url: string;
  apiKey: string;
  /** Stored leads in creation order. */
  readonly leads: LioFakeLead[];
  /** Every request that reached the fake, with the status it got. */
  readonly requests: LioFakeRequest[];
  /** Answers that were 429. */
  readonly rateLimited: number;
  /** Leads whose `custom_fields.leadkit_lead_id` is the given id. */
  leadsFor(leadkitLeadId: string): LioFakeLead[];
  /** The next `count` requests answer `status` (default 500) in the error envelope. */
  failNext(count: number, status?: number): void;
  /** The next `count` requests never get an answer (the client must time out). */
  hangNext(count: number): void;
  /** The next `count` requests have their connection destroyed. */
  resetNext(count: number): void;
  /** The next `count` lead creations are stored but their answer is a dropped connection (a lost reply). */
  loseReplyNext(count: number): void;
  /**
   * The next `count` requests answer `status` with `body` instead (an answer the document
   * does not promise, from LIO or something in front of it); with `commit`, the request
   * takes effect first (the lead is stored, the answer replaced).
   */
  answerNext(count: number, status: number, body: unknown, options?: { commit?: boolean }): void;
  /** Stores a lead as if a rep had entered it in the LIO app (its own `created_at`, status, …). */
  seedLead(lead: Partial<Omit<LioFakeLead, 'id' | 'merges'>>): LioFakeLead;
  /** Intent signals stored by `POST /api/v1/intent-signal`, in order. */
  readonly intentSignals: LioFakeIntentSignal[];
  /** Successful logins so far. */
  readonly logins: number;
  /** Invalidates every issued bearer token (as if they expired). */
  revokeTokens(): void;
  /** Forgets leads, requests, 429 counts, the rate window and queued failures. */
  reset(): void;
  close(): Promise<void>;
}

type Failure =
  | { kind: 'status'; status: number }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'answer'; status: number; body: unknown; commit: boolean };

const STRING_FIELDS = [
  'email',
  'phone_number',
  'first_name',
  'last_name',
  'company',
  'job_title',
  'linkedin_url',
] as const;
const KNOWN_FIELDS = new Set<string>([
  ...STRING_FIELDS,
  'status',
  'priority',
  'lead_source',
  'tags',
  'custom_fields',
  'merge',
  'duplicate',
]);

/** Starts the fake on 127.0.0.1 at a random port; `close()` it in `afterAll`. */
export async function startLioFake(options: LioFakeOptions = {}): Promise<LioFake> {
  const apiKey = options.apiKey ?? 'lio_test_key';
  const rate = options.rateLimit ?? { count: 60, windowMs: 60_000 };
  const leads: LioFakeLead[] = [];
  const requests: LioFakeRequest[] = [];
  const failures = createFailureQueue<Failure>();
  const window = createSlidingWindow(rate);
  const lostReplies = createLostReplies();
  let rateLimited = 0;
  let nextId = 80_000;
  let tokenCounter = 0;
  const tokens = new Set<string>();
  const intentSignals: LioFakeIntentSignal[] = [];
  // Answers that replace what a committed request would have answered (`answerNext` with `commit`).
  const replaced = new WeakMap<ServerResponse, { status: number; body: unknown }>();

  const send = (
    res: ServerResponse,
    record: LioFakeRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const instead = replaced.get(res);
    record.status = instead?.status ?? status;
    replyJson(res, instead?.status ?? status, instead ? instead.body : body, instead ? {} : headers);
  };
  const fail = (res: ServerResponse, record: LioFakeRequest, status: number, message: string, type: string) =>
    send(res, record, status, { success: false, error: { message, type, code: null } });

  const server = await startLoopbackServer((req, res, text) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const record: LioFakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      headers: req.headers,
      body: undefined,
      status: 0,
    };
    requests.push(record);

    const failure = failures.next();
    if (failConnection(failure, req)) return;
    if (failure?.kind === 'status')
      return fail(res, record, failure.status, 'Internal server error', 'server_error');
    if (failure?.kind === 'answer') {
      if (!failure.commit) return send(res, record, failure.status, failure.body);
      replaced.set(res, { status: failure.status, body: failure.body });
    }

    const now = Date.now();
    if (window.take(now) !== null) {
      rateLimited++;
      const headers: Record<string, string> =
        options.retryAfterSeconds !== undefined ? { 'retry-after': String(options.retryAfterSeconds) } : {};
      const envelope = {
        success: false,
        error: { message: 'Too many requests', type: 'rate_limit', code: null },
      };
      return send(res, record, 429, envelope, headers);
    }

    let body: unknown;
    if (text !== '') {
      if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        return fail(res, record, 400, 'Content-Type must be application/json', 'bad_request');
      }
      try {
        body = JSON.parse(text);
      } catch {
        return fail(res, record, 400, 'Malformed JSON body', 'bad_request');
      }
    }
    record.body = body;

    if (req.method === 'POST' && url.pathname === '/api/auth/login') {
      const { email, password } = (body ?? {}) as Record<string, unknown>;
      if (typeof email !== 'string' || typeof password !== 'string')
        return fail(res, record, 400, 'email and password are required', 'bad_request');
      if (!options.login || email !== options.login.email || password !== options.login.password) {
        return fail(res, record, 401, 'Invalid credentials', 'auth');
      }
      tokenCounter++;
      const token = `fake-jwt-${tokenCounter}`;
      tokens.add(token);
      return send(res, record, 200, {
        success: true,
        access_token: token,
        token_type: 'Bearer',
        expires_in: 2_592_000,
        expires_at: new Date(now + 2_592_000_000).toISOString(),
        user: { id: 142, email, name: 'Fake User', organization_id: 'org_fake', role_name: 'Admin' },
      });
    }
    // §2.2: "A missing, malformed, or expired token returns 401."
    if (req.method === 'GET' && url.pathname === '/api/user/my') {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!bearer || !tokens.has(bearer)) return fail(res, record, 401, 'Unauthorized', 'auth');
      return send(res, record, 200, { success: true, data: { id: 142, email: options.login?.email } });
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/intent-signal') {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!bearer || !tokens.has(bearer)) return fail(res, record, 401, 'Unauthorized', 'auth');
      const problem = validateIntentSignal(body);
      if (problem) return fail(res, record, 422, problem, 'validation_error');
      const input = body as Record<string, unknown>;
      if (!leads.some((lead) => lead.id === input.lead_id))
        return fail(res, record, 404, 'Lead not found', 'not_found');
      const stored: LioFakeIntentSignal = {
        id: intentSignals.length + 1,
        lead_id: input.lead_id as number,
        signal_type: input.signal_type as string,
        signal_detail: (input.signal_detail as Record<string, unknown> | undefined) ?? {},
        occurred_at: (input.occurred_at as string | undefined) ?? new Date(now).toISOString(),
      };
      intentSignals.push(stored);
      return send(res, record, 201, { success: true, message: 'Intent signal logged', data: stored });
    }
    const booking = /^\/api\/v1\/booking\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && booking) {
      const slug = decodeURIComponent(booking[1] ?? '');
      if (!(options.bookingSlugs ?? []).includes(slug))
        return fail(res, record, 404, 'Booking profile not found', 'not_found');
      return send(res, record, 200, { success: true, data: { slug, name: 'Dr. Fake', duration: 30 } });
    }

    // §2.3 / §4: "401 API key missing", "403 Invalid or expired API key".
    const key = req.headers['x-api-key'];
    if (url.pathname.startsWith('/api/v1/lead')) {
      if (key === undefined || key === '') return fail(res, record, 401, 'API key missing', 'auth');
      if (key !== apiKey) return fail(res, record, 403, 'Invalid or expired API key', 'auth');
    }

    if (req.method === 'GET' && url.pathname === '/api/v1/lead/lead-list') {
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
      const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 10) || 10));
      const search = (url.searchParams.get('search_value') ?? '').toLowerCase();
      const asc = (url.searchParams.get('order_in') ?? 'DESC').toUpperCase() === 'ASC';
      const matching = leads.filter(
        (lead) =>
          search === '' ||
          [
            lead.email,
            lead.phone_number,
            lead.first_name,
            lead.last_name,
            lead.company,
            lead.linkedin_url,
          ].some((value) => value?.toLowerCase().includes(search)),
      );
      const sorted = [...matching].sort((a, b) => (asc ? a.id - b.id : b.id - a.id));
      const data = sorted
        .slice((page - 1) * limit, page * limit)
        .map((lead) => toPublic(lead, options.listCustomFields ?? true));
      return send(res, record, 200, {
        success: true,
        message: 'Leads fetched',
        data,
        total: matching.length,
        page,
        limit,
      });
    }

    if (req.method === 'POST' && url.pathname === '/api/v1/lead') {
      const problem = validateLead(body);
      if (problem) return fail(res, record, 422, problem, 'validation');
      const input = body as Record<string, unknown>;
      const email =
        typeof input.email === 'string' && input.email !== '' ? input.email.toLowerCase() : undefined;
      const linkedin =
        typeof input.linkedin_url === 'string' && input.linkedin_url !== '' ? input.linkedin_url : undefined;
      const existing = leads.find(
        (lead) =>
          (email && lead.email?.toLowerCase() === email) || (linkedin && lead.linkedin_url === linkedin),
      );
      if (existing && input.merge === 1) {
        applyLead(existing, input, 'update');
        existing.merges++;
        if (lostReplies.loseIfDue(req)) return;
        return send(res, record, 200, {
          success: true,
          message: 'Lead updated successfully',
          data: toPublic(existing, true),
        });
      }
      if (existing && input.duplicate !== 1) {
        return fail(
          res,
          record,
          409,
          `A lead with this ${email && existing.email?.toLowerCase() === email ? 'email' : 'LinkedIn URL'} already exists`,
          'duplicate',
        );
      }
      const lead: LioFakeLead = {
        id: nextId++,
        status: 1,
        priority: 2,
        tags: [],
        custom_fields: {},
        created_at: new Date(now).toISOString(),
        merges: 0,
      };
      applyLead(lead, input);
      leads.push(lead);
      if (lostReplies.loseIfDue(req)) return;
      return send(res, record, 201, {
        success: true,
        message: 'Lead created successfully',
        data: { ...toPublic(lead, false), score: 0 },
      });
    }

    return fail(res, record, 404, 'Not found', 'not_found');
  });

  return {
    url: server.url,
    apiKey,
    leads,
    requests,
    get rateLimited() {
      return rateLimited;
    },
    leadsFor: (id) => leads.filter((lead) => lead.custom_fields.leadkit_lead_id === id),
    failNext: (count, status = 500) => failures.add({ kind: 'status', status }, count),
    hangNext: (count) => failures.add({ kind: 'hang' }, count),
    resetNext: (count) => failures.add({ kind: 'reset' }, count),
    loseReplyNext: (count) => lostReplies.add(count),
    answerNext: (count, status, body, { commit = false } = {}) =>
      failures.add({ kind: 'answer', status, body, commit }, count),
    seedLead(seed) {
      const lead: LioFakeLead = {
        id: nextId++,
        status: 1,
        priority: 2,
        tags: [],
        custom_fields: {},
        created_at: new Date().toISOString(),
        ...seed,
        merges: 0,
      };
      leads.push(lead);
      return lead;
    },
    intentSignals,
    get logins() {
      return tokenCounter;
    },
    revokeTokens: () => tokens.clear(),
    reset() {
      leads.length = 0;
      requests.length = 0;
      intentSignals.length = 0;
      failures.clear();
      window.clear();
      lostReplies.clear();
      rateLimited = 0;
    },
    close: server.close,
  };
}

/** The §8.1 rules; returns LIO-style validation text, or null when the body is acceptable. */
function validateLead(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'Request body must be a JSON object';
  const input = body as Record<string, unknown>;
  for (const field of STRING_FIELDS) {
    if (input[field] !== undefined && typeof input[field] !== 'string') return `"${field}" must be a string`;
  }
  if (
    typeof input.email === 'string' &&
    input.email !== '' &&
    !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)
  ) {
    return '"email" must be a valid email';
  }
  if (
    !['email', 'phone_number', 'linkedin_url'].some(
      (field) => typeof input[field] === 'string' && input[field] !== '',
    )
  ) {
    return 'Provide at least one of email, phone_number, or linkedin_url';
  }
  if (input.status !== undefined && !(Number.isInteger(input.status) && (input.status as number) > 0))
    return '"status" must be a status lookup ID';
  if (input.priority !== undefined && ![1, 2, 3, 4].includes(input.priority as number))
    return '"priority" must be one of 1, 2, 3, 4';
  if (input.lead_source !== undefined && ![1, 2, 3, 4, 5].includes(input.lead_source as number))
    return '"lead_source" must be one of 1, 2, 3, 4, 5';
  if (
    input.tags !== undefined &&
    !(Array.isArray(input.tags) && input.tags.every((tag) => typeof tag === 'string'))
  )
    return '"tags" must be an array of strings';
  const custom = input.custom_fields;
  if (custom !== undefined && (custom === null || typeof custom !== 'object' || Array.isArray(custom)))
    return '"custom_fields" must be an object';
  for (const flag of ['merge', 'duplicate'] as const) {
    if (input[flag] !== undefined && input[flag] !== 0 && input[flag] !== 1)
      return `"${flag}" must be 0 or 1`;
  }
  return null;
}

/** The §9.1 table: `lead_id` integer and `signal_type` from the list required, the rest typed. */
function validateIntentSignal(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'Request body must be a JSON object';
  const input = body as Record<string, unknown>;
  if (!Number.isInteger(input.lead_id)) return '"lead_id" is required and must be an integer';
  if (typeof input.signal_type !== 'string') return '"signal_type" is required';
  if (!(LIO_FAKE_SIGNAL_TYPES as readonly string[]).includes(input.signal_type))
    return `"signal_type" must be one of ${LIO_FAKE_SIGNAL_TYPES.join(', ')}`;
  const detail = input.signal_detail;
  if (detail !== undefined && (detail === null || typeof detail !== 'object' || Array.isArray(detail)))
    return '"signal_detail" must be an object';
  // §3: "All timestamps are ISO 8601."
  if (
    input.occurred_at !== undefined &&
    (typeof input.occurred_at !== 'string' || Number.isNaN(Date.parse(input.occurred_at)))
  )
    return '"occurred_at" must be an ISO 8601 date';
  return null;
}

function applyLead(
  lead: LioFakeLead,
  input: Record<string, unknown>,
  mode: 'create' | 'update' = 'create',
): void {
  for (const field of STRING_FIELDS)
    if (typeof input[field] === 'string') lead[field] = input[field] as string;
  if (typeof input.status === 'number') lead.status = input.status;
  if (typeof input.priority === 'number') lead.priority = input.priority;
  if (typeof input.lead_source === 'number') lead.lead_source = input.lead_source;
  // §7.1: an update merges only custom_fields and ai_information; tags sent replace the lead's.
  if (Array.isArray(input.tags))
    lead.tags = mode === 'update' ? [...(input.tags as string[])] : [...new Set(input.tags as string[])];
  // "custom_fields … are merged into the existing values" (§7.1); "Any field not listed above is stored under custom_fields" (§8.1).
  Object.assign(lead.custom_fields, input.custom_fields ?? {});
  for (const [key, value] of Object.entries(input))
    if (!KNOWN_FIELDS.has(key)) lead.custom_fields[key] = value;
}

function toPublic(lead: LioFakeLead, withCustomFields: boolean): Record<string, unknown> {
  const { merges: _merges, custom_fields, ...rest } = lead;
  return withCustomFields ? { ...rest, custom_fields } : rest;
}
