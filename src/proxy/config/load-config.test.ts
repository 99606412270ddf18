import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from './load-config';

const meta = { source: 'test.json', baseDir: '/tmp' };

function problemsOf(raw: unknown, env: Record<string, string> = {}): string[] {
  const result = parseConfig(raw, env, meta);
  return result.ok ? [] : result.problems;
}

describe('parseConfig', () => {
  it('accepts the embedded default and fills in defaults', () => {
    const result = loadConfig(null, {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.store).toBe('sqlite:./.leadkit/leadkit.db');
    expect(result.config.forms.demo?.minFillSeconds).toBe(2);
    expect(result.config.forms.demo?.limits.perIp).toEqual({ count: 30, windowMs: 60_000 });
    const fields = result.config.forms.demo?.fields.map((f) =>
      f.kind === 'field' ? f.field.name : f.backend,
    );
    expect(fields).toEqual(['name', 'email', 'phone', 'message']);
  });

  it('names an unknown backend in deliver by its path', () => {
    const problems = problemsOf({
      backends: { inbox: { type: 'local' } },
      forms: { contact: { fields: ['email'], deliver: ['inbox', 'crm'] } },
    });
    expect(problems).toEqual(['forms.contact.deliver[1]: unknown backend "crm"']);
  });

  it('reports every problem at once, unknown keys included', () => {
    const problems = problemsOf({
      stor: 'sqlite:x',
      backends: { inbox: { type: 'local', colour: 'red' }, hook: { type: 'carrier-pigeon' } },
      forms: {
        contact: {
          origins: ['https://example.com/'],
          fields: ['email', 'fax', { name: 'size', type: 'select', label: 'Size' }],
          deliver: [],
        },
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        '(top level).stor: unknown key'.replace('(top level).', ''),
        'backends.inbox.colour: unknown key',
        expect.stringContaining('backends.hook.type: unknown backend type "carrier-pigeon"'),
      ]),
    );
    expect(problems.some((p) => p.startsWith('forms.contact.origins[0]: must be an origin'))).toBe(true);
  });

  it('checks field entries after the schema passes', () => {
    const problems = problemsOf({
      backends: { inbox: { type: 'local' } },
      forms: {
        contact: {
          fields: ['email', 'fax', { name: 'size', type: 'select', label: 'Size' }, { name: 'email' }],
          deliver: ['inbox'],
        },
      },
    });
    expect(problems).toEqual([
      expect.stringMatching(/^forms\.contact\.fields\[1\]: unknown field preset "fax"/),
      'forms.contact.fields[2]: a select field needs "options"',
      'forms.contact.fields[3]: field "email" appears twice',
    ]);
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: this is the config file's own ${ENV} syntax
  it('substitutes ${ENV} and names a missing variable without leaking values', () => {
    const ref = (name: string) => `\${${name}}`;
    const raw = { adminToken: ref('ADMIN'), secret: ref('SECRET'), backends: {}, forms: {} };
    expect(problemsOf(raw, { ADMIN: 'a'.repeat(20) })).toEqual([
      'secret: environment variable SECRET is not set',
    ]);
    const ok = parseConfig(raw, { ADMIN: 'a'.repeat(20), SECRET: 's'.repeat(20) }, meta);
    expect(ok.ok && ok.config.secret).toBe('s'.repeat(20));
  });

  it('takes rotation keys in `secrets` from the environment and checks their length', () => {
    const ref = (name: string) => `\${${name}}`;
    const raw = { secret: ref('NEW'), secrets: { '2026-11': ref('OLD') }, backends: {}, forms: {} };
    const ok = parseConfig(raw, { NEW: 'n'.repeat(32), OLD: 'o'.repeat(32) }, meta);
    expect(ok.ok && ok.config.secrets).toEqual({ '2026-11': 'o'.repeat(32) });
    expect(problemsOf(raw, { NEW: 'n'.repeat(32), OLD: 'short' })).toEqual([
      'secrets.2026-11: must be at least 16 characters',
    ]);
  });

  it('merges an object field onto its preset and expands select options', () => {
    const result = parseConfig(
      {
        backends: { inbox: { type: 'local' } },
        forms: {
          c: {
            fields: [
              { name: 'phone', required: true },
              { name: 'plan', type: 'select', label: 'Plan', options: ['basic', 'pro'] },
            ],
            deliver: ['inbox'],
          },
        },
      },
      {},
      meta,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [phone, plan] = result.config.forms.c?.fields ?? [];
    expect(phone).toMatchObject({
      kind: 'field',
      field: { name: 'phone', type: 'tel', required: true, autocomplete: 'tel' },
    });
    expect(plan).toMatchObject({
      kind: 'field',
      field: {
        options: [
          { value: 'basic', label: 'basic' },
          { value: 'pro', label: 'pro' },
        ],
      },
    });
  });

  it('rejects bad rates and per-backend retry keys with their paths', () => {
    const problems = problemsOf({
      limits: { perIp: 'lots' },
      backends: { inbox: { type: 'local', retry: { maxAttempts: 0 } } },
      forms: {},
    });
    expect(problems.some((p) => p.startsWith('limits.perIp: must be "<count>/<window>"'))).toBe(true);
  });
});

describe('loadConfig', () => {
  it('refuses a vendor or webhook URL that is not https, loopback hosts excepted, by path', () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef').toString('base64')}`;
    const problems = problemsOf({
      backends: {
        zap: { type: 'webhook', url: 'http://hooks.example.com/leads', secret },
        lc: { type: 'leadcenter', baseUrl: 'http://crm.example.com', token: 't' },
        bad: { type: 'webhook', url: 'not a url', secret },
        local: { type: 'webhook', url: 'http://127.0.0.1:9000/leads', secret },
        dev: { type: 'webhook', url: 'http://receiver.localhost:9000/leads', secret },
        tls: { type: 'leadcenter', baseUrl: 'https://crm.example.com', token: 't' },
      },
      forms: { contact: { fields: ['email'], deliver: ['zap'] } },
    });
    expect(problems).toEqual([
      'backends.zap.url: must be https (loopback hosts excepted)',
      'backends.lc.baseUrl: must be https (loopback hosts excepted)',
      'backends.bad.url: must be an https URL',
    ]);
  });

  it('checks intake tokens and the privacy strip list, and refuses prototype field names', () => {
    const problems = problemsOf({
      adminToken: 'admin-token-0123456789',
      intakeTokens: ['short', 'admin-token-0123456789'],
      privacy: { stripUrlParams: ['promo', ''] },
      backends: { inbox: { type: 'local' } },
      forms: {
        contact: {
          fields: ['email', { name: 'constructor', type: 'text', label: 'C' }],
          deliver: ['inbox'],
          intakeTokens: ['form-token-0123456789'],
        },
      },
    });
    expect(problems).toEqual([
      'intakeTokens[0]: must be at least 16 characters',
      'privacy.stripUrlParams[1]: must not be empty',
      'forms.contact.fields[1].name: is a name every JavaScript object already has (constructor, toString, …)',
    ]);
    const admin = problemsOf({
      adminToken: 'admin-token-0123456789',
      forms: { contact: { fields: ['email'], intakeTokens: ['admin-token-0123456789'] } },
    });
    expect(admin).toEqual(['forms.contact.intakeTokens[0]: must not be the admin token']);
  });

  it('says plainly when the file is missing or not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadkit-config-'));
    expect(loadConfig(join(dir, 'nope.json'))).toEqual({
      ok: false,
      problems: [`${join(dir, 'nope.json')}: cannot read the config file (no such file)`],
    });
    writeFileSync(join(dir, 'bad.json'), '{ "store": ');
    const bad = loadConfig(join(dir, 'bad.json'));
    expect(bad.ok === false && bad.problems[0]).toMatch(/bad\.json: not valid JSON/);
  });
});
