import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSlidingWindow, replyJson, startLoopbackServer } from './fake-server-kit';

/**
 * A fake Qvoo CRM (seed 000, Postman collection) on 127.0.0.1 for tests and benchmarks.
 *
 * It enforces the collection strictly where the collection speaks — `X-API-Key` on every
 * workspace route (or an OAuth `Bearer` token from `/oauth/token`), `Content-Type:
 * application/json` on bodies, the create body `{ name, status, leadStage, fields: {
 * mobileNumber, emailId, … } }` with statuses, stages, sources and tags from the metadata
 * routes, E.164 `mobileNumber` — and takes a side where it is silent: errors are
 * `{ success: false, message, errors? }` (400 validation, 401 auth, 404 unknown, 415 not
 * JSON, 429 rate limited with `Retry-After`), creating a lead twice makes two leads (that
 * is what check-duplicate is for), and `PUT` replaces `fields` as a whole. A key in
 * `fields` must be a `fieldKey` of `GET …/schema`'s `leadFields` or one of the create
 * example's `mobileNumber`/`emailId` (on `PUT`, also a key the lead already holds): the
 * collection documents no other key, so the fake refuses any other with a 400, the
 * strictest reading.
 */

/** A lead field of `GET …/schema`; `required` and select `options` are enforced on create/update. */
export interface QvooFakeSchemaField {
  fieldKey: string;
  displayName: string;
  type: string;
  required: boolean;
  isCustom: boolean;
  options: Array<string | { value: string; label: string }>;
}

export interface QvooFakeOptions {
  apiKey?: string;
  workspaceId?: string;
  workspaceName?: string;
  clientId?: string;
  clientSecret?: string;
  /** `expires_in` of issued access tokens (default 3600). */
  tokenTtlSeconds?: number;
  /** Requests per sliding window over every `/api/v1` route (default 60 per 60 s); null: no limit. */
  rateLimit?: { count: number; windowMs: number } | null;
  statuses?: string[];
  stages?: string[];
  sources?: string[];
  tags?: string[];
  leadFields?: QvooFakeSchemaField[];
}

export interface QvooFakeLead {
  _id: string;
  workspaceId: string;
  name: string;
  status: string;
  leadStage: string;
  source?: string;
  tags?: string[];
  fields: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export type QvooFakeRoute =
  | 'token'
  | 'refresh'
  | 'health'
  | 'workspace'
  | 'schema'
  | 'metadata'
  | 'list'
  | 'create'
  | 'get'
  | 'update'
  | 'check-duplicate';

/**
 * A failure for the next `times` matching requests (default 1): an HTTP status, a hang
 * (no answer ever: the client times out), a connection reset, or the same two after the
 * request has taken effect (`commit-then-…`: the lead is stored, the answer is lost).
 */
export interface QvooFakeFault {
  kind: 'status' | 'hang' | 'reset' | 'commit-then-hang' | 'commit-then-reset';
  status?: number;
  /** Sent with a `status` fault (e.g. a 429's `Retry-After`). */
  headers?: Record<string, string>;
  body?: unknown;
  times?: number;
  /** Only requests to this route; any route when absent. */
  route?: QvooFakeRoute;
}

export interface QvooFakeRequest {
  method: string;
  path: string;
  route: QvooFakeRoute | null;
  status: number | 'hang' | 'reset';
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface QvooFake {
  url: string;
  apiKey: string;
  workspaceId: string;
  clientId: string;
  clientSecret: string;
  /** Every stored lead, in creation order (copies). */
  readonly leads: QvooFakeLead[];
  /** Every request seen, in order. */
  readonly requests: QvooFakeRequest[];
  readonly stats: {
    requests: number;
    rateLimited: number;
    created: number;
    updated: number;
    tokensIssued: number;
  };
  /** Answers that were 429. */
  readonly rateLimited: number;
  /**
   * Stored leads carrying the given leadkit lead id in `fields` (exactly-once checks): under
   * `leadkit_lead_id`, or the workspace field `fieldMap` sent it to.
   */
  leadsFor(leadkitLeadId: string): QvooFakeLead[];
  inject(fault: QvooFakeFault): void;
  /** The next `count` requests answer `status` (default 503) in the error envelope. */
  failNext(count: number, status?: number): void;
  /** The next `count` requests never get an answer (the client must time out). */
  hangNext(count: number): void;
  /** The next `count` requests have their connection destroyed. */
  resetNext(count: number): void;
  /** The next `count` lead creations are stored, but their answer is a dropped connection. */
  loseReplyNext(count: number): void;
  /** Forgets leads, requests, tokens, the rate window and pending faults (options stay). */
  reset(): void;
  /** While down, every request answers 503. */
  setDown(down: boolean): void;
  /** Invalidates every issued access and refresh token (a revocation or key rotation). */
  revokeTokens(): void;
  setLeadFields(fields: QvooFakeSchemaField[]): void;
  /** Changes the rate limit (and forgets the window so far). */
  setRateLimit(rate: { count: number; windowMs: number } | null): void;
  /** Stores a lead directly, as if a salesperson had entered it. */
  seedLead(lead: Partial<QvooFakeLead> & { name: string; fields: Record<string, unknown> }): QvooFakeLead;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LEAD_KEYS = new Set(['name', 'status', 'leadStage', 'source', 'tags', 'fields']);
/** The `fields` keys of the collection's create example, which `GET …/schema` does not list. */
const STANDARD_FIELD_KEYS = ['mobileNumber', 'emailId'];

/** Starts the fake on 127.0.0.1 at a random port. */
export async function startQvooFake(options: QvooFakeOptions = {}): Promise<QvooFake> {
  const apiKey = options.apiKey ?? 'qvoo_live_test_5f2c9a';
  const workspaceId = options.workspaceId ?? '507f1f77bcf86cd799439011';
  const clientId = options.clientId ?? 'qvoo_id_888aaa777bbb';
  const clientSecret = options.clientSecret ?? 'qvoo_secret_999ccc888ddd';
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
  const rateLimit = options.rateLimit === undefined ? { count: 60, windowMs: 60_000 } : options.rateLimit;
  const statuses = options.statuses ?? ['new', 'contacted', 'interested', 'lost', 'won'];
  const stages = options.stages ?? ['unassigned', 'qualified'];
  const sources = options.sources ?? ['website', 'referral', 'manual'];
  const tags = options.tags ?? ['hot-lead', 'follow-up', 'builder-direct'];
  let leadFields: QvooFakeSchemaField[] = options.leadFields ?? [
    {
      fieldKey: 'customField_123',
      displayName: 'Secondary Phone',
      type: 'text',
      required: false,
      isCustom: true,
      options: [],
    },
  ];

  const leads = new Map<string, QvooFakeLead>();
  const requests: QvooFakeRequest[] = [];
  const stats = { requests: 0, rateLimited: 0, created: 0, updated: 0, tokensIssued: 0 };
  const faults: Array<QvooFakeFault & { left: number }> = [];
  const accessTokens = new Map<string, number>();
  const refreshTokens = new Set<string>();
  // Requests over every `/api/v1` route; null: no limit.
  let window = rateLimit ? createSlidingWindow(rateLimit) : null;
  let down = false;
  let idCounter = 0;

  const newId = (): string =>
    (Date.now().toString(16).slice(-8) + (++idCounter).toString(16).padStart(16, '0')).slice(-24);

  const storeLead = (
    lead: Omit<QvooFakeLead, '_id' | 'workspaceId' | 'createdAt' | 'updatedAt'>,
  ): QvooFakeLead => {
    const at = new Date().toISOString();
    const stored: QvooFakeLead = { _id: newId(), workspaceId, createdAt: at, updatedAt: at, ...lead };
    leads.set(stored._id, stored);
    stats.created++;
    return stored;
  };

  function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const match = matchRoute(method, url.pathname);
    const entry: QvooFakeRequest = {
      method,
      path: url.pathname + url.search,
      route: match?.route ?? null,
      status: 0,
      headers: { ...req.headers },
      body: undefined,
    };
    requests.push(entry);
    stats.requests++;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      entry.status = status;
      replyJson(res, status, body, headers);
    };
    const fail = (status: number, message: string, errors?: Record<string, string[]>): void =>
      send(status, errors ? { success: false, message, errors } : { success: false, message });

    const retryAfter = window?.take(Date.now()) ?? null;
    if (retryAfter !== null) {
      stats.rateLimited++;
      send(
        429,
        { success: false, message: 'Too many requests, please retry later' },
        { 'retry-after': String(retryAfter) },
      );
      return;
    }
    if (down) return fail(503, 'Service temporarily unavailable');

    const faultIndex = faults.findIndex((fault) => !fault.route || fault.route === match?.route);
    const fault = faultIndex >= 0 ? faults[faultIndex] : undefined;
    if (fault) {
      fault.left--;
      if (fault.left <= 0) faults.splice(faultIndex, 1);
      if (fault.kind === 'status') {
        const status = fault.status ?? 503;
        return send(
          status,
          fault.body ?? { success: false, message: `Injected failure ${status}` },
          fault.headers,
        );
      }
      if (fault.kind === 'hang') {
        entry.status = 'hang';
        return;
      }
      if (fault.kind === 'reset') {
        entry.status = 'reset';
        req.socket.destroy();
        return;
      }
    }
    // A commit-then-… fault lets the route run, then loses its answer.
    const loseAnswer =
      fault && (fault.kind === 'commit-then-hang' || fault.kind === 'commit-then-reset') ? fault.kind : null;
    const answer = loseAnswer
      ? (status: number, body: unknown): void => {
          entry.status = loseAnswer === 'commit-then-hang' ? 'hang' : 'reset';
          void status;
          void body;
          if (loseAnswer === 'commit-then-reset') req.socket.destroy();
        }
      : send;
    const answerError = (status: number, message: string, errors?: Record<string, string[]>): void =>
      answer(status, errors ? { success: false, message, errors } : { success: false, message });

    if (!match) return fail(404, `Cannot ${method} ${url.pathname}`);

    let body: unknown;
    if (method === 'POST' || method === 'PUT') {
      if (
        !String(req.headers['content-type'] ?? '')
          .toLowerCase()
          .startsWith('application/json')
      ) {
        return fail(415, 'Content-Type must be application/json');
      }
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        return fail(400, 'Malformed JSON body');
      }
      entry.body = body;
    }

    switch (match.route) {
      case 'health':
        return answer(200, { status: 'healthy', version: '1.0.0', timestamp: new Date().toISOString() });
      case 'token': {
        const b = asObject(body);
        if (b?.grant_type !== 'client_credentials')
          return answerError(400, 'grant_type must be "client_credentials"');
        if (b.client_id !== clientId || b.client_secret !== clientSecret)
          return answerError(401, 'Invalid client credentials');
        return answer(200, { ...issueTokens(), token_type: 'Bearer', scope: 'read write' });
      }
      case 'refresh': {
        const b = asObject(body);
        const token = b?.refresh_token;
        if (typeof token !== 'string' || !refreshTokens.has(token))
          return answerError(401, 'Invalid or expired refresh token');
        refreshTokens.delete(token);
        return answer(200, issueTokens());
      }
      default:
        break;
    }

    // Workspace routes: authentication first, then the workspace.
    const key = req.headers['x-api-key'];
    const authorization = req.headers.authorization;
    const bearer =
      typeof authorization === 'string' && authorization.startsWith('Bearer ')
        ? authorization.slice(7)
        : null;
    const tokenExpiry = bearer ? accessTokens.get(bearer) : undefined;
    const authorized = key === apiKey || (tokenExpiry !== undefined && tokenExpiry > Date.now());
    if (!authorized) return fail(401, 'Unauthorized: invalid or missing API key');
    if (match.workspaceId !== workspaceId) return fail(404, 'Workspace not found');

    switch (match.route) {
      case 'workspace':
        return answer(200, {
          success: true,
          data: {
            workspaceId,
            workspaceName: options.workspaceName ?? 'Fake Workspace',
            timezone: 'Asia/Kolkata',
            currency: 'INR',
            modules: ['leads'],
          },
        });
      case 'schema':
        return answer(200, { success: true, data: { leadFields, contactFields: [], customerFields: [] } });
      case 'metadata': {
        const kind = match.param;
        if (kind === 'lead-statuses') return answer(200, { success: true, data: statuses });
        if (kind === 'lead-stages') {
          return answer(200, {
            success: true,
            data: stages.map((stageKey, i) => ({
              stageKey,
              displayName: stageKey,
              color: '#gray',
              position: i + 1,
            })),
          });
        }
        if (kind === 'sources') return answer(200, { success: true, data: sources });
        if (kind === 'tags') return answer(200, { success: true, data: tags });
        if (kind === 'property-types')
          return answer(200, { success: true, data: ['Apartment', 'Villa', 'Plot'] });
        return answerError(404, 'Metadata type not found');
      }
      case 'list': {
        const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
        return answer(200, { success: true, data: [...leads.values()].slice(0, limit), nextCursor: null });
      }
      case 'check-duplicate': {
        const b = asObject(body);
        const phone = b?.phone;
        const email = b?.email;
        if (!b || (typeof phone !== 'string' && typeof email !== 'string')) {
          return answerError(400, 'Validation failed: phone or email is required', {
            phone: ['phone or email is required'],
          });
        }
        const found = [...leads.values()].find((lead) =>
          typeof phone === 'string'
            ? lead.fields.mobileNumber === phone
            : typeof lead.fields.emailId === 'string' &&
              lead.fields.emailId.toLowerCase() === String(email).toLowerCase(),
        );
        return answer(
          200,
          found ? { success: true, exists: true, leadId: found._id } : { success: true, exists: false },
        );
      }
      case 'create': {
        const errors = validateLead(body, 'create');
        if (errors) return answerError(400, `Validation failed: ${firstError(errors)}`, errors);
        const b = body as Record<string, unknown>;
        const stored = storeLead({
          name: b.name as string,
          status: (b.status as string | undefined) ?? 'new',
          leadStage: (b.leadStage as string | undefined) ?? 'unassigned',
          fields: { ...(b.fields as Record<string, unknown> | undefined) },
          ...(b.source ? { source: b.source as string } : {}),
          ...(b.tags ? { tags: [...(b.tags as string[])] } : {}),
        });
        return answer(201, { success: true, data: stored });
      }
      case 'get': {
        const lead = leads.get(match.param ?? '');
        return lead ? answer(200, { success: true, data: lead }) : answerError(404, 'Lead not found');
      }
      case 'update': {
        const lead = leads.get(match.param ?? '');
        if (!lead) return answerError(404, 'Lead not found');
        const errors = validateLead(body, 'update', Object.keys(lead.fields));
        if (errors) return answerError(400, `Validation failed: ${firstError(errors)}`, errors);
        const b = body as Record<string, unknown>;
        const updated: QvooFakeLead = { ...lead, updatedAt: new Date().toISOString() };
        if (typeof b.name === 'string') updated.name = b.name;
        if (typeof b.status === 'string') updated.status = b.status;
        if (typeof b.leadStage === 'string') updated.leadStage = b.leadStage;
        if (typeof b.source === 'string') updated.source = b.source;
        if (Array.isArray(b.tags)) updated.tags = [...(b.tags as string[])];
        if (b.fields) updated.fields = { ...(b.fields as Record<string, unknown>) };
        leads.set(lead._id, updated);
        stats.updated++;
        return answer(200, { success: true, data: updated });
      }
      default:
        return fail(404, 'Route not found');
    }
  }

  function issueTokens(): { access_token: string; refresh_token: string; expires_in: number } {
    const access = `fake_at_${randomBytes(12).toString('hex')}`;
    const refresh = `fake_rt_${randomBytes(12).toString('hex')}`;
    accessTokens.set(access, Date.now() + tokenTtlSeconds * 1000);
    refreshTokens.add(refresh);
    stats.tokensIssued++;
    return { access_token: access, refresh_token: refresh, expires_in: tokenTtlSeconds };
  }

  function validateLead(
    body: unknown,
    mode: 'create' | 'update',
    heldKeys: string[] = [],
  ): Record<string, string[]> | null {
    const errors: Record<string, string[]> = {};
    const add = (key: string, message: string): void => {
      errors[key] = [...(errors[key] ?? []), message];
    };
    const b = asObject(body);
    if (!b) return { body: ['must be a JSON object'] };
    for (const key of Object.keys(b)) if (!LEAD_KEYS.has(key)) add(key, 'is not allowed');
    if (mode === 'create' || b.name !== undefined) {
      if (typeof b.name !== 'string' || b.name.trim() === '') add('name', 'is required');
      else if (b.name.length > 200) add('name', 'must be at most 200 characters');
    }
    if (b.status !== undefined && (typeof b.status !== 'string' || !statuses.includes(b.status)))
      add('status', `must be one of: ${statuses.join(', ')}`);
    if (b.leadStage !== undefined && (typeof b.leadStage !== 'string' || !stages.includes(b.leadStage))) {
      add('leadStage', `must be one of: ${stages.join(', ')}`);
    }
    if (b.source !== undefined && (typeof b.source !== 'string' || !sources.includes(b.source)))
      add('source', `must be one of: ${sources.join(', ')}`);
    if (b.tags !== undefined) {
      if (!Array.isArray(b.tags)) add('tags', 'must be an array');
      else
        for (const tag of b.tags)
          if (typeof tag !== 'string' || !tags.includes(tag)) add('tags', `unknown tag "${String(tag)}"`);
    }
    if (b.fields !== undefined || mode === 'create') {
      const fields = b.fields === undefined ? {} : asObject(b.fields);
      if (!fields) add('fields', 'must be an object');
      else {
        for (const [key, value] of Object.entries(fields)) {
          if (value !== null && !['string', 'number', 'boolean'].includes(typeof value))
            add(`fields.${key}`, 'must be a string, number or boolean');
        }
        if (
          fields.mobileNumber !== undefined &&
          (typeof fields.mobileNumber !== 'string' || !E164.test(fields.mobileNumber))
        ) {
          add('fields.mobileNumber', 'must be a phone number in E.164 format, e.g. +919876543210');
        }
        const known = new Set([
          ...STANDARD_FIELD_KEYS,
          ...leadFields.map((def) => def.fieldKey),
          ...heldKeys,
        ]);
        for (const key of Object.keys(fields))
          if (!known.has(key)) add(`fields.${key}`, 'is not a lead field of this workspace');
        if (
          fields.emailId !== undefined &&
          (typeof fields.emailId !== 'string' || !EMAIL.test(fields.emailId))
        ) {
          add('fields.emailId', 'must be a valid email address');
        }
        for (const def of leadFields) {
          const value = fields[def.fieldKey];
          if (def.required && (value === undefined || value === null || value === ''))
            add(`fields.${def.fieldKey}`, `${def.displayName} is required`);
          if (value !== undefined && def.options.length > 0) {
            const allowed = def.options.map((option) => (typeof option === 'string' ? option : option.value));
            if (!allowed.includes(String(value)))
              add(`fields.${def.fieldKey}`, `must be one of: ${allowed.join(', ')}`);
          }
        }
      }
    }
    return Object.keys(errors).length > 0 ? errors : null;
  }

  function inject(fault: QvooFakeFault): void {
    if ((fault.times ?? 1) > 0) faults.push({ ...fault, left: fault.times ?? 1 });
  }

  const server = await startLoopbackServer(handle);

  return {
    url: server.url,
    apiKey,
    workspaceId,
    clientId,
    clientSecret,
    get leads() {
      return [...leads.values()].map((lead) => structuredClone(lead));
    },
    requests,
    stats,
    get rateLimited() {
      return stats.rateLimited;
    },
    leadsFor(leadkitLeadId) {
      return [...leads.values()]
        .filter((lead) => Object.values(lead.fields).includes(leadkitLeadId))
        .map((lead) => structuredClone(lead));
    },
    inject,
    failNext(count, status = 503) {
      inject({ kind: 'status', status, times: count });
    },
    hangNext(count) {
      inject({ kind: 'hang', times: count });
    },
    resetNext(count) {
      inject({ kind: 'reset', times: count });
    },
    loseReplyNext(count) {
      inject({ kind: 'commit-then-reset', route: 'create', times: count });
    },
    reset() {
      leads.clear();
      requests.length = 0;
      faults.length = 0;
      accessTokens.clear();
      refreshTokens.clear();
      window?.clear();
      Object.assign(stats, { requests: 0, rateLimited: 0, created: 0, updated: 0, tokensIssued: 0 });
    },
    setDown(value) {
      down = value;
    },
    revokeTokens() {
      accessTokens.clear();
      refreshTokens.clear();
    },
    setLeadFields(fields) {
      leadFields = fields;
    },
    setRateLimit(rate) {
      window = rate ? createSlidingWindow(rate) : null;
    },
    seedLead(lead) {
      const { name, fields, status, leadStage, source, tags: leadTags } = lead;
      return structuredClone(
        storeLead({
          name,
          fields,
          status: status ?? 'contacted',
          leadStage: leadStage ?? 'unassigned',
          ...(source ? { source } : {}),
          ...(leadTags ? { tags: leadTags } : {}),
        }),
      );
    },
    close: server.close,
  };
}

function matchRoute(
  method: string,
  pathname: string,
): { route: QvooFakeRoute; workspaceId?: string; param?: string } | null {
  const path = pathname.replace(/\/+$/, '');
  if (method === 'POST' && path === '/api/v1/oauth/token') return { route: 'token' };
  if (method === 'POST' && path === '/api/v1/oauth/refresh') return { route: 'refresh' };
  if (method === 'GET' && path === '/api/v1/health') return { route: 'health' };
  const m = /^\/api\/v1\/workspaces\/([^/]+)(\/.*)?$/.exec(path);
  if (!m) return null;
  const workspaceId = decodeURIComponent(m[1] as string);
  const rest = m[2] ?? '';
  if (method === 'GET' && rest === '') return { route: 'workspace', workspaceId };
  if (method === 'GET' && rest === '/schema') return { route: 'schema', workspaceId };
  const meta = /^\/metadata\/([a-z-]+)$/.exec(rest);
  if (method === 'GET' && meta) return { route: 'metadata', workspaceId, param: meta[1] as string };
  if (rest === '/leads' && method === 'GET') return { route: 'list', workspaceId };
  if (rest === '/leads' && method === 'POST') return { route: 'create', workspaceId };
  if (rest === '/leads/check-duplicate' && method === 'POST')
    return { route: 'check-duplicate', workspaceId };
  const lead = /^\/leads\/([^/]+)$/.exec(rest);
  if (lead && method === 'GET')
    return { route: 'get', workspaceId, param: decodeURIComponent(lead[1] as string) };
  if (lead && method === 'PUT')
    return { route: 'update', workspaceId, param: decodeURIComponent(lead[1] as string) };
  return null;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function firstError(errors: Record<string, string[]>): string {
  const [key, messages] = Object.entries(errors)[0] ?? ['body', ['is invalid']];
  return `${key} ${messages[0] ?? 'is invalid'}`;
}
