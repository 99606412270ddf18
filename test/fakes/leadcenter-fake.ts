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
 * A LeadCenter.AI stand-in (seed 001) on 127.0.0.1. The document gives only the rules this
 * fake enforces strictly — "authentication via a Bearer token", JSON "for all requests and
 * responses", pagination that "requires both `per_page` and a `page` parameter" (`data` /
 * `links` / `meta`, else a plain array), and the error envelope `{ success: false, message,
 * errors }` — plus what a Laravel API does where the document is silent: 422 validation
 * with `errors: { field: [messages] }` (or a list, `errorsAs: "list"`), 429 with
 * `Retry-After` on a sliding window. Routes are leadkit's defaults under `prefix`
 * (`POST /v1/leads`, `GET /v1/leads[?search=&page=&per_page=]`, `GET /v1/leads/:id`).
 *
 * @example
 * const fake = await startLeadcenterFake({ rateLimit: { count: 6, windowMs: 6_000 } });
 * // config: { type: 'leadcenter', baseUrl: fake.url, token: fake.token }
 */

export interface LeadcenterFakeOptions {
  /** The only accepted bearer token. Default `lc_fake_token`. */
  token?: string;
  /** Requests per sliding window. Default 60 per 60 s (CONTRACT §5's default for a silent document). */
  rateLimit?: { count: number; windowMs: number };
  /** Route prefix. Default `/v1`. */
  prefix?: string;
  /** Whether the list/search route exists. Default true. */
  listRoute?: boolean;
  /** Refuse a second lead with the same email (Laravel `unique`). Default false. */
  uniqueEmail?: boolean;
  /** Whether 422 `errors` is a map (default) or a list of `{ field, message }`. */
  errorsAs?: 'map' | 'list';
  /** Wrap single resources as `{ data: {…} }`. Default false (the document: "a JSON object of its properties"). */
  wrapSingle?: boolean;
  /** Whether stored leads echo `notes` in answers. Default true. */
  echoNotes?: boolean;
}

export type LeadcenterFakeFailure = InjectedFailure;

/** A stored lead: what was sent, plus id and timestamps. */
export interface LeadcenterFakeLead {
  id: number;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  source: string | null;
  medium: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

export type LeadcenterFakeRequest = LoggedRequest;

export interface LeadcenterFake {
  /** The base URL to configure (no prefix: leadkit's default paths carry `/v1`). */
  url: string;
  token: string;
  leads: LeadcenterFakeLead[];
  requests: LeadcenterFakeRequest[];
  stats: {
    requests: number;
    rateLimited: number;
    created: number;
    searches: number;
    validationErrors: number;
  };
  /** How many stored leads carry leadkit's marker for this lead id in their notes. */
  countByLeadId(leadId: string): number;
  failNext(count: number, failure: LeadcenterFakeFailure): void;
  reset(): void;
  close(): Promise<void>;
}

const KNOWN_FIELDS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'company',
  'source',
  'medium',
  'notes',
] as const;
const MAX_LENGTH: Record<string, number> = { notes: 65_535, phone: 50 };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Starts the fake on 127.0.0.1 with a random port. */
export async function startLeadcenterFake(options: LeadcenterFakeOptions = {}): Promise<LeadcenterFake> {
  const token = options.token ?? 'lc_fake_token';
  const rate = options.rateLimit ?? { count: 60, windowMs: 60_000 };
  const prefix = options.prefix ?? '/v1';
  const echoNotes = options.echoNotes ?? true;

  let leads: LeadcenterFakeLead[] = [];
  let nextId = 1;
  const window = createSlidingWindow(rate);
  const failures = createFailureQueue<LeadcenterFakeFailure>();
  const requests: LeadcenterFakeRequest[] = [];
  const stats = { requests: 0, rateLimited: 0, created: 0, searches: 0, validationErrors: 0 };
  let baseUrl = '';

  function envelope(status: number, message: string, errors: unknown = []): FakeAnswer {
    return { status, body: { success: false, message, errors } };
  }

  function validation(errors: Record<string, string[]>): FakeAnswer {
    stats.validationErrors++;
    const first = Object.values(errors)[0]?.[0] ?? 'The given data was invalid.';
    const count = Object.values(errors).flat().length;
    const message = count > 1 ? `${first} (and ${count - 1} more error${count > 2 ? 's' : ''})` : first;
    const list = Object.entries(errors).flatMap(([field, messages]) =>
      messages.map((m) => ({ field, message: m })),
    );
    return envelope(422, message, options.errorsAs === 'list' ? list : errors);
  }

  function present(lead: LeadcenterFakeLead): unknown {
    const shown = echoNotes ? lead : { ...lead, notes: undefined };
    return options.wrapSingle ? { data: shown } : shown;
  }

  function create(body: unknown): FakeAnswer {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return validation({ body: ['The body must be a JSON object.'] });
    const input = body as Record<string, unknown>;
    const errors: Record<string, string[]> = {};
    const fail = (field: string, message: string) => {
      errors[field] = [...(errors[field] ?? []), message];
    };
    for (const [field, value] of Object.entries(input)) {
      if (value === null) continue;
      if (typeof value !== 'string') fail(field, `The ${field.replaceAll('_', ' ')} field must be a string.`);
      else if (value.length > (MAX_LENGTH[field] ?? 255)) {
        fail(
          field,
          `The ${field.replaceAll('_', ' ')} field must not be greater than ${MAX_LENGTH[field] ?? 255} characters.`,
        );
      }
    }
    const email = typeof input.email === 'string' ? input.email : '';
    const phone = typeof input.phone === 'string' ? input.phone : '';
    if (!email && !phone) {
      fail('email', 'The email field is required when phone is not present.');
      fail('phone', 'The phone field is required when email is not present.');
    }
    if (email && !EMAIL.test(email)) fail('email', 'The email field must be a valid email address.');
    if (email && options.uniqueEmail && leads.some((l) => l.email?.toLowerCase() === email.toLowerCase())) {
      fail('email', 'The email has already been taken.');
    }
    if (Object.keys(errors).length > 0) return validation(errors);
    const now = new Date().toISOString();
    const lead: LeadcenterFakeLead = {
      first_name: null,
      last_name: null,
      email: null,
      phone: null,
      company: null,
      source: null,
      medium: null,
      notes: null,
      ...input,
      id: nextId++,
      created_at: now,
      updated_at: now,
    };
    for (const field of KNOWN_FIELDS) if (lead[field] === undefined) lead[field] = null;
    leads.push(lead);
    stats.created++;
    return { status: 201, body: present(lead) };
  }

  function list(url: URL): FakeAnswer {
    const page = url.searchParams.get('page');
    const perPage = url.searchParams.get('per_page');
    const search = url.searchParams.get('search');
    if (search !== null) stats.searches++;
    const needle = search?.trim().toLowerCase() ?? '';
    const found = needle
      ? leads.filter((lead) =>
          ['first_name', 'last_name', 'email', 'phone'].some((f) =>
            String(lead[f] ?? '')
              .toLowerCase()
              .includes(needle),
          ),
        )
      : leads;
    if (page === null && perPage === null)
      return { status: 200, body: found.map((lead) => (echoNotes ? lead : { ...lead, notes: undefined })) };
    const errors: Record<string, string[]> = {};
    const pageNumber = Number(page);
    const size = Number(perPage);
    if (page === null) errors.page = ['The page field is required when per page is present.'];
    else if (!Number.isInteger(pageNumber) || pageNumber < 1)
      errors.page = ['The page field must be at least 1.'];
    if (perPage === null) errors.per_page = ['The per page field is required when page is present.'];
    else if (!Number.isInteger(size) || size < 1 || size > 100)
      errors.per_page = ['The per page field must be between 1 and 100.'];
    if (Object.keys(errors).length > 0) return validation(errors);
    const lastPage = Math.max(1, Math.ceil(found.length / size));
    const slice = found.slice((pageNumber - 1) * size, pageNumber * size);
    const path = `${baseUrl}${prefix}/leads`;
    return {
      status: 200,
      body: {
        data: slice.map((lead) => (echoNotes ? lead : { ...lead, notes: undefined })),
        links: {
          first: `${path}?page=1`,
          last: `${path}?page=${lastPage}`,
          prev: pageNumber > 1 ? `${path}?page=${pageNumber - 1}` : null,
          next: pageNumber < lastPage ? `${path}?page=${pageNumber + 1}` : null,
        },
        meta: {
          current_page: pageNumber,
          from: slice.length > 0 ? (pageNumber - 1) * size + 1 : null,
          last_page: lastPage,
          links: [],
          path,
          per_page: size,
          to: slice.length > 0 ? (pageNumber - 1) * size + slice.length : null,
          total: found.length,
        },
      },
    };
  }

  function handle(req: IncomingMessage, rawBody: string): FakeAnswer {
    const url = new URL(req.url ?? '/', 'http://fake');
    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    if (!auth || auth[1] !== token) return envelope(401, 'Unauthenticated.');
    const retryAfter = window.take(Date.now());
    if (retryAfter !== null) {
      stats.rateLimited++;
      return {
        ...envelope(429, 'Too Many Attempts.'),
        headers: {
          'retry-after': String(retryAfter),
          'x-ratelimit-limit': String(rate.count),
          'x-ratelimit-remaining': '0',
        },
      };
    }
    const path = url.pathname;
    if (path === `${prefix}/leads` && req.method === 'POST') {
      if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        return envelope(415, 'The request must be JSON.');
      }
      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        return envelope(400, 'The body is not valid JSON.');
      }
      return create(body);
    }
    if (path === `${prefix}/leads` && req.method === 'GET' && options.listRoute !== false) return list(url);
    const one = new RegExp(`^${prefix}/leads/(\\d+)$`).exec(path);
    if (one && req.method === 'GET') {
      const lead = leads.find((l) => l.id === Number(one[1]));
      return lead ? { status: 200, body: present(lead) } : envelope(404, 'Lead not found.');
    }
    return envelope(404, 'Not found.');
  }

  const server = await startLoopbackServer((req, res, rawBody) => {
    stats.requests++;
    answerOrFail({
      req,
      res,
      rawBody,
      failure: failures.next(),
      failureBody: { success: false, message: 'Server Error', errors: [] },
      log: requests,
      handle: () => handle(req, rawBody),
    });
  });
  baseUrl = server.url;

  return {
    url: baseUrl,
    token,
    get leads() {
      return leads;
    },
    requests,
    stats,
    countByLeadId(leadId) {
      return leads.filter((lead) =>
        Array.from(String(lead.notes ?? '').matchAll(/leadkit id: (\S+)/g), (m) => m[1]).includes(leadId),
      ).length;
    },
    failNext(count, failure) {
      failures.add(failure, count);
    },
    reset() {
      leads = [];
      nextId = 1;
      window.clear();
      failures.clear();
      requests.length = 0;
      for (const key of Object.keys(stats) as Array<keyof typeof stats>) stats[key] = 0;
    },
    close: server.close,
  };
}
