import type { ServerResponse } from 'node:http';
import {
  createFailureQueue,
  createLostReplies,
  createSlidingWindow,
  failConnection,
  replyJson,
  startLoopbackServer,
} from './fake-server-kit';

/**
 * A fake SquadStack campaign API (doc 002) on 127.0.0.1, strict where the document is:
 * - `POST /<ref_id>/lead-created` and `/<ref_id>/lead-upserted`, a single object or a bulk
 *   array of 1–100 ("A maximum of 100 leads per API call"); other methods refused.
 * - `Authorization` in the configured scheme (default `Bearer`, as the examples), 401
 *   `{"error_msg":"Invalid auth token"}`; unknown ref id 404 "No active integration found.".
 * - `lead_id`, `phone_number`, `contact_name` mandatory (upsert: phone and name on the first
 *   request only), phone per `phoneFormat`, custom values strings or integers ("customkey1
 *   (string/integer)"). `national`: the examples' 10 digits (`"9999999999"`; the failed bulk
 *   sample refuses the 9-digit `"999999999"` with "Invalid value provided.") or E.164 — the
 *   document's own disposition payloads write `"+91xxxxxxxxxx"`, so a number with its country
 *   code is read as such; `e164`: E.164 only.
 * - create: a known `lead_id` is 409; upsert: updates. Bulk answers carry a `result` entry per
 *   lead (`status`: success / partial_sucess — sic — / failure) as the document shows.
 * - "100 requests per minute" on a sliding window (count and window are options), answered 429
 *   with the document's non-JSON body.
 * - Failure injection: 5xx, hangs, resets, lost replies, 409 "getting processed", and a bulk
 *   call refused as a whole (the common 400 `{"error_msg":"{\"field_name\":[…]}"}`: "You may
 *   be sending NULL/empty values … invalid headers … the wrong request type") while the same
 *   leads sent one by one are processed.
 */
export interface SquadStackFakeOptions {
  refId?: string;
  token?: string;
  authScheme?: 'bearer' | 'basic' | 'token';
  /** Requests per sliding window (default 100 per 60 s). A bulk call is one request. */
  rateLimit?: { count: number; windowMs: number };
  /** Doc 002 names no `Retry-After`; set this to have 429s carry one. */
  retryAfterSeconds?: number;
  /** Which phone format the campaign accepts (default `national`: 10 digits as the document's examples, or E.164). */
  phoneFormat?: 'national' | 'e164';
}

/** A lead as the fake stores it: SquadStack's keys and the custom ones. */
export type SquadStackFakeLead = Record<string, string | number>;

/** One request as the fake saw it. */
export interface SquadStackFakeRequest {
  path: string;
  authorization: string | undefined;
  /** Leads in the call: 1 for a single object, the array length for bulk. */
  size: number;
  bulk: boolean;
  status: number;
}

/** A running fake: its URL, what it stored, and its failure switches. */
export interface SquadStackFake {
  url: string;
  refId: string;
  token: string;
  /** The baseUrl to configure (`url`; endpoints are `<url>/<refId>/…`). */
  baseUrl: string;
  /** Stored leads, one per `lead_id`, in creation order. */
  readonly leads: SquadStackFakeLead[];
  /** How many times a lead with this id was created (create or upsert of a new id; 0 or 1). */
  creations(leadId: string): number;
  /** How many accepted writes (create or upsert) this lead got: redeliveries show up here. */
  writes(leadId: string): number;
  lead(leadId: string): SquadStackFakeLead | undefined;
  readonly requests: SquadStackFakeRequest[];
  readonly rateLimited: number;
  /** Marks a lead converted: later upserts of it answer 400 "has already been marked as converted". */
  convert(leadId: string): void;
  failNext(count: number, status?: number): void;
  hangNext(count: number): void;
  resetNext(count: number): void;
  /** The next `count` calls are processed and stored, but their connection is dropped before the answer. */
  loseReplyNext(count: number): void;
  /** The next `count` single calls answer 409 "Another request for the same lead is getting processed already". */
  busyNext(count: number): void;
  /**
   * The next `count` bulk (array) calls are refused as a whole with `status` (default 400, the
   * document's common 400 body) before any lead in them is processed; single calls are not affected.
   */
  refuseBulkNext(count: number, status?: number): void;
  /** Forgets leads, requests, 429 counts, the rate window and queued failures. */
  reset(): void;
  close(): Promise<void>;
}

type Failure = { kind: 'status'; status: number } | { kind: 'hang' } | { kind: 'reset' } | { kind: 'busy' };
type LeadResult = { status: number; data: Record<string, unknown> };

const MANDATORY = ['lead_id', 'phone_number', 'contact_name'] as const;

/** Starts the fake on 127.0.0.1 at a random port; `close()` it in `afterAll`. */
export async function startSquadStackFake(options: SquadStackFakeOptions = {}): Promise<SquadStackFake> {
  const refId = options.refId ?? 'ref_test';
  const token = options.token ?? 'ss_test_token';
  const scheme = options.authScheme ?? 'bearer';
  const rate = options.rateLimit ?? { count: 100, windowMs: 60_000 };
  const expectedAuth =
    scheme === 'bearer'
      ? `Bearer ${token}`
      : scheme === 'token'
        ? `Token ${token}`
        : `Basic ${btoa(token.includes(':') ? token : `${token}:`)}`;
  const phonePattern =
    (options.phoneFormat ?? 'national') === 'national' ? /^(\d{10}|\+[1-9]\d{6,14})$/ : /^\+[1-9]\d{6,14}$/;
  const stored = new Map<
    string,
    { lead: SquadStackFakeLead; creations: number; writes: number; converted: boolean }
  >();
  const requests: SquadStackFakeRequest[] = [];
  const failures = createFailureQueue<Failure>();
  const bulkRefusals = createFailureQueue<number>();
  const window = createSlidingWindow(rate);
  const lostReplies = createLostReplies();
  let rateLimited = 0;

  const sendJson = (res: ServerResponse, record: SquadStackFakeRequest, status: number, body: unknown) => {
    record.status = status;
    replyJson(res, status, body);
  };

  /** One lead through create or upsert; the error text is shaped as in single or bulk answers. */
  const processLead = (
    input: unknown,
    endpoint: 'lead-created' | 'lead-upserted',
    bulk: boolean,
  ): LeadResult => {
    // Single answers carry JSON in error_msg; bulk entries a Python dict, as in the document.
    const fieldError = (field: string, message: string): LeadResult => ({
      status: 400,
      data: { error_msg: bulk ? `{'${field}': '${message}'}` : JSON.stringify({ [field]: [message] }) },
    });
    if (!input || typeof input !== 'object' || Array.isArray(input))
      return fieldError('non_field_errors', 'Invalid data. Expected a dictionary.');
    const lead = input as Record<string, unknown>;
    if (typeof lead.lead_id !== 'string' || lead.lead_id.trim() === '') {
      return fieldError(
        'lead_id',
        lead.lead_id === undefined ? 'This field is required.' : 'This field may not be blank.',
      );
    }
    const existing = stored.get(lead.lead_id);
    const needsAll = endpoint === 'lead-created' || !existing;
    for (const key of MANDATORY) {
      if (key === 'lead_id') continue;
      const value = lead[key];
      if (value === undefined || value === null) {
        if (needsAll) return fieldError(key, 'This field is required.');
        continue;
      }
      if (typeof value !== 'string' || value.trim() === '')
        return fieldError(key, 'This field may not be blank.');
    }
    if (typeof lead.phone_number === 'string' && !phonePattern.test(lead.phone_number))
      return fieldError('phone_number', 'Invalid value provided.');
    for (const [key, value] of Object.entries(lead)) {
      if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value)))
        return fieldError(key, 'Invalid value provided.');
    }
    const clean = lead as SquadStackFakeLead;
    if (endpoint === 'lead-created') {
      if (existing) {
        return bulk
          ? {
              status: 409,
              data: {
                error_msg: `Duplicate Lead ID shared: A lead with the given Lead ID: '${lead.lead_id}' is already present in this campaign, please use a different Lead ID, or reach out to us at support@squadstack.com.`,
              },
            }
          : {
              status: 409,
              data: { error_msg: JSON.stringify({ error_type: 1, detail: 'Internal ID already exists' }) },
            };
      }
    } else if (existing?.converted) {
      return {
        status: 400,
        data: {
          error_msg: `We cannot accept this request as the lead_id: ${lead.lead_id} has already been marked as converted.`,
        },
      };
    }
    if (existing) {
      Object.assign(existing.lead, clean);
      existing.writes++;
    } else stored.set(lead.lead_id, { lead: { ...clean }, creations: 1, writes: 1, converted: false });
    return { status: 200, data: { ...clean } };
  };

  const server = await startLoopbackServer((req, res, text) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const record: SquadStackFakeRequest = {
      path: url.pathname,
      authorization: req.headers.authorization,
      size: 0,
      bulk: false,
      status: 0,
    };
    requests.push(record);

    const failure = failures.peek()?.kind === 'busy' ? undefined : failures.next();
    if (failConnection(failure, req)) return;
    if (failure?.kind === 'status') {
      record.status = failure.status;
      res.writeHead(failure.status, { 'content-type': 'text/plain' });
      res.end("We're facing some technical issues. Please try again in a while.");
      return;
    }

    if (window.take(Date.now()) !== null) {
      rateLimited++;
      record.status = 429;
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (options.retryAfterSeconds !== undefined) headers['retry-after'] = String(options.retryAfterSeconds);
      res.writeHead(429, headers);
      res.end(
        `{Request was throttled. Please try after ${Math.max(1, Math.ceil(rate.windowMs / 1000))} seconds}`,
      );
      return;
    }

    if (req.headers.authorization !== expectedAuth)
      return sendJson(res, record, 401, { error_msg: 'Invalid auth token' });
    const match = /^\/([^/]+)\/([a-z-]+)$/.exec(url.pathname);
    if (!match || decodeURIComponent(match[1] ?? '') !== refId)
      return sendJson(res, record, 404, { error_msg: 'No active integration found.' });
    const endpoint = match[2];
    if (endpoint !== 'lead-created' && endpoint !== 'lead-upserted') {
      return sendJson(res, record, 404, { error_msg: 'This endpoint is not enabled in your Integration' });
    }
    if (req.method !== 'POST')
      return sendJson(res, record, 405, { detail: `Method "${req.method}" not allowed.` });
    // "You may be sending invalid headers": the examples all send Content-Type: application/json.
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return sendJson(res, record, 400, {
        error_msg: 'Invalid headers: Content-Type must be application/json',
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(res, record, 400, { error_msg: 'JSON parse error' });
    }

    if (Array.isArray(body)) {
      record.bulk = true;
      record.size = body.length;
      if (body.length === 0)
        return sendJson(res, record, 400, { error_msg: 'No leads shared in the request' });
      if (body.length > 100)
        return sendJson(res, record, 400, { error_msg: 'A maximum of 100 leads are allowed per API call' });
      const refusal = bulkRefusals.next();
      if (refusal !== undefined) {
        return sendJson(res, record, refusal, {
          error_msg: JSON.stringify({
            field_name: ['This field may not be blank./ Invalid value provided.'],
          }),
        });
      }
      const result = body.map((lead) => {
        const { status, data } = processLead(lead, endpoint, true);
        return { status_code: status, data };
      });
      if (lostReplies.loseIfDue(req)) return;
      const success = result.filter((entry) => entry.status_code === 200).length;
      return sendJson(res, record, 200, {
        status: success === result.length ? 'success' : success === 0 ? 'failure' : 'partial_sucess',
        message: 'Bulk operation completed successfully',
        result,
        metadata: { total_leads: result.length, success, failed: result.length - success },
      });
    }

    record.size = 1;
    if (failures.peek()?.kind === 'busy') {
      failures.next();
      return sendJson(res, record, 409, {
        error_msg: JSON.stringify({
          error_type: 1,
          detail: 'Another request for the same lead is getting processed already',
        }),
      });
    }
    const { status, data } = processLead(body, endpoint, false);
    if (lostReplies.loseIfDue(req)) return;
    return sendJson(res, record, status, data);
  });

  return {
    url: server.url,
    baseUrl: server.url,
    refId,
    token,
    get leads() {
      return [...stored.values()].map((entry) => entry.lead);
    },
    creations: (leadId) => stored.get(leadId)?.creations ?? 0,
    writes: (leadId) => stored.get(leadId)?.writes ?? 0,
    lead: (leadId) => stored.get(leadId)?.lead,
    requests,
    get rateLimited() {
      return rateLimited;
    },
    convert(leadId) {
      const entry = stored.get(leadId);
      if (entry) entry.converted = true;
    },
    failNext: (count, status = 500) => failures.add({ kind: 'status', status }, count),
    hangNext: (count) => failures.add({ kind: 'hang' }, count),
    resetNext: (count) => failures.add({ kind: 'reset' }, count),
    busyNext: (count) => failures.add({ kind: 'busy' }, count),
    refuseBulkNext: (count, status = 400) => bulkRefusals.add(status, count),
    loseReplyNext: (count) => lostReplies.add(count),
    reset() {
      stored.clear();
      requests.length = 0;
      failures.clear();
      bulkRefusals.clear();
      window.clear();
      lostReplies.clear();
      rateLimited = 0;
    },
    close: server.close,
  };
}
