import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryView } from '../../src/model/delivery';
import { runLeadkitCli } from '../support/run-leadkit-cli';
import { LEADKIT_BIN, type LeadkitProcess, startLeadkitProcess } from '../support/start-leadkit-process';
import { waitFor } from '../support/start-test-proxy';
import { startVendorFakes, VENDOR_NAMES, type VendorFakes } from '../support/start-vendor-fakes';

/*
 * The `leadkit` command as a user runs it: a child process, its exit code (CONTRACT §6: 0
 * success, 1 runtime failure, 2 bad usage or config) and what it prints.
 */

const TOKEN = 'cli-test-admin-token-0123456789';
const SECRET = 'cli-test-secret-0123456789abcdef';

let dir: string;
let fakes: VendorFakes;

function writeConfig(name: string, config: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

/** Non-empty lines of a text. */
function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

function storedCounts(): number[] {
  return [
    fakes.qualifybase.leads.length,
    fakes.lio.leads.length,
    fakes.qvoo.leads.length,
    fakes.squadstack.leads.length,
    fakes.leadcenter.leads.length,
  ];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leadkit-cli-'));
  fakes = await startVendorFakes({ count: 100, windowMs: 1000 });
});
afterAll(async () => {
  await fakes?.close();
});

describe('leadkit: usage', () => {
  it('--help prints the commands and exits 0', async () => {
    const run = await runLeadkitCli(['--help'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: leadkit <command>');
    for (const command of ['serve', 'check-config', 'outbox', 'leads']) expect(run.stdout).toContain(command);
    expect(run.stderr).toBe('');
  }, 30_000);

  it('refuses an unknown command with exit 2', async () => {
    const run = await runLeadkitCli(['frobnicate'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stdout).toBe('');
  }, 30_000);

  it('refuses a bad flag with exit 2 and one line', async () => {
    const run = await runLeadkitCli(['check-config', '--bogus'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('--bogus');
    expect(run.stdout).toBe('');
  }, 30_000);
});

describe('leadkit check-config', () => {
  it('lists every problem of a config by its path, one per line, and exits 2', async () => {
    const path = writeConfig('bad.json', {
      store: 'sqlite:./bad.db',
      adminToken: 'short',
      limits: { perIp: 'lots' },
      backends: {
        clinic: { type: 'qualifybase' },
        crm: { type: 'salesforce' },
        lc: { type: 'leadcenter', baseUrl: 'ftp://crm.example.com', token: 't', colour: 'blue' },
      },
      forms: { contact: { fields: ['name', 'email'], deliver: ['clinic'], minFillSeconds: -1 } },
    });
    const run = await runLeadkitCli(['check-config', '--config', path], { cwd: dir });
    expect(run.code).toBe(2);
    const problems = lines(run.stderr)
      .slice(1)
      .map((line) => line.trim());
    const expected = [
      'adminToken: must be at least 16 characters',
      'limits.perIp: must be "<count>/<window>"',
      'forms.contact.minFillSeconds: ',
      'backends.clinic.apiKey: ',
      'backends.crm.type: unknown backend type "salesforce"',
      'backends.lc.baseUrl: must be https (loopback hosts excepted)',
      'backends.lc.colour: unknown key',
    ];
    for (const start of expected)
      expect(
        problems.filter((p) => p.startsWith(start)),
        start,
      ).toHaveLength(1);
    expect(problems).toHaveLength(expected.length);
    expect(lines(run.stderr)[0]).toContain(`${expected.length} problems`);
  }, 30_000);

  it('names references to unknown backends, calendars and forms by path', async () => {
    const path = writeConfig('refs.json', {
      store: 'sqlite:./refs.db',
      backends: { inbox: { type: 'local' } },
      forms: { contact: { fields: ['name', 'email'], deliver: ['inbox', 'crm'], booking: 'nope' } },
      calendars: { demo: { backend: 'calendly', form: 'missing' } },
    });
    const run = await runLeadkitCli(['check-config', '--config', path], { cwd: dir });
    expect(run.code).toBe(2);
    const problems = lines(run.stderr)
      .slice(1)
      .map((line) => line.trim());
    expect(problems).toEqual(
      expect.arrayContaining([
        'forms.contact.deliver[1]: unknown backend "crm"',
        'forms.contact.booking: unknown calendar "nope"',
        'calendars.demo.backend: unknown backend "calendly"',
        'calendars.demo.form: unknown form "missing"',
      ]),
    );
  }, 30_000);

  it('lists schema problems and references to unknown backends in one run', async () => {
    const path = writeConfig('both.json', {
      store: 'sqlite:./both.db',
      adminToken: 'short',
      backends: { inbox: { type: 'local' } },
      forms: { contact: { fields: ['name', 'fax'], deliver: ['inbox', 'crm'] } },
    });
    const run = await runLeadkitCli(['check-config', '--config', path], { cwd: dir });
    expect(run.code).toBe(2);
    const problems = lines(run.stderr)
      .slice(1)
      .map((line) => line.trim());
    expect(problems).toEqual([
      'adminToken: must be at least 16 characters',
      'forms.contact.deliver[1]: unknown backend "crm"',
      expect.stringMatching(/^forms\.contact\.fields\[1\]: unknown field preset "fax"/),
    ]);
  }, 30_000);

  it('--live asks every backend, prints one ok line per check, exits 0 and creates nothing', async () => {
    const path = writeConfig('live.json', {
      store: 'sqlite:./live.db',
      backends: fakes.backendsConfig(),
      forms: { contact: { fields: ['name', 'email', 'phone'], deliver: [...VENDOR_NAMES] } },
    });
    const before = storedCounts();
    const run = await runLeadkitCli(['check-config', '--config', path, '--live'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [summary, ...checks] = lines(run.stdout);
    expect(summary).toContain('config ok');
    expect(checks.length).toBeGreaterThanOrEqual(VENDOR_NAMES.length);
    for (const line of checks)
      expect(line).toMatch(/^(qualifybase|lio|qvoo|squadstack|leadcenter) \(\w+\): ok /);
    for (const vendor of VENDOR_NAMES)
      expect(checks.some((line) => line.startsWith(`${vendor} (`))).toBe(true);
    expect(storedCounts()).toEqual(before);
    expect(storedCounts()).toEqual([0, 0, 0, 0, 0]);
  }, 60_000);

  it('--live with a wrong API key exits 1, names the backend in a FAIL line and never prints the key', async () => {
    const wrongKey = 'lio_wrong_key_7c1f9e2d4b';
    const path = writeConfig('live-wrong.json', {
      store: 'sqlite:./live-wrong.db',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${ENV} syntax
      backends: fakes.backendsConfig({}, { lio: { apiKey: '${LIO_API_KEY}' } }),
      forms: { contact: { fields: ['name', 'email', 'phone'], deliver: [...VENDOR_NAMES] } },
    });
    const run = await runLeadkitCli(['check-config', '--config', path, '--live'], {
      cwd: dir,
      env: { LIO_API_KEY: wrongKey },
    });
    expect(run.code).toBe(1);
    const failed = lines(run.stdout).filter((line) => line.includes('FAIL'));
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const line of failed) expect(line).toMatch(/^lio \(lio\): FAIL /);
    // The other four still pass.
    for (const vendor of VENDOR_NAMES.filter((v) => v !== 'lio'))
      expect(lines(run.stdout).some((line) => line.startsWith(`${vendor} (${vendor}): ok`))).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(wrongKey);
    expect(run.stdout + run.stderr).not.toContain(wrongKey.slice(4));
    expect(storedCounts()).toEqual([0, 0, 0, 0, 0]);
  }, 60_000);
});

describe('leadkit leads and outbox against a running proxy', () => {
  let proxy: LeadkitProcess | null = null;
  let configPath: string;
  const wrongKey = 'qbk_live_wrong_5e8a1c0f77';
  // Every command loads the whole config, so it needs the same environment as the proxy.
  const proxyEnv = { QUALIFYBASE_API_KEY: wrongKey };
  const leadIds: string[] = [];

  async function admin(path: string): Promise<Response> {
    return fetch(`${proxy?.url}${path}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: AbortSignal.timeout(10_000),
    });
  }

  async function deliveries(status: string): Promise<DeliveryView[]> {
    const res = await admin(`/v1/admin/deliveries?status=${status}&limit=500`);
    return ((await res.json()) as { deliveries: DeliveryView[] }).deliveries;
  }

  async function stopProxy(): Promise<void> {
    proxy?.process.kill('SIGTERM');
    await proxy?.exited();
    proxy = null;
  }

  beforeAll(async () => {
    configPath = writeConfig('running.json', {
      store: 'sqlite:./running.db',
      adminToken: TOKEN,
      secret: SECRET,
      logLevel: 'warn',
      backends: {
        inbox: { type: 'local' },
        // The key comes from the environment: wrong at first, so these deliveries die (401).
        clinic: {
          type: 'qualifybase',
          baseUrl: fakes.qualifybase.url,
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${ENV} syntax
          apiKey: '${QUALIFYBASE_API_KEY}',
          retry: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 3 },
        },
      },
      forms: {
        contact: { fields: ['name', 'email', 'phone', 'message'], deliver: ['inbox', 'clinic'] },
      },
    });
    proxy = await startLeadkitProcess(configPath, proxyEnv);
    const submissions = [
      { name: 'Jane Doe', email: 'jane@example.com', phone: '+4915112345678', message: 'Hello' },
      { name: 'Max Mustermann', email: 'max@example.de', phone: '+919876543210', message: '=1+1' },
      { name: 'Ana da Silva', email: 'ana@example.com.br', message: 'Olá, "quoted", with comma' },
    ];
    for (const fields of submissions) {
      const submissionId = randomUUID();
      const res = await fetch(`${proxy.url}/v1/forms/contact/leads`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': submissionId,
          authorization: `Bearer ${TOKEN}`,
        },
        body: JSON.stringify({ submissionId, fields }),
        signal: AbortSignal.timeout(10_000),
      });
      expect(res.status).toBe(202);
      leadIds.push(((await res.json()) as { leadId: string }).leadId);
    }
    await waitFor(async () => (await deliveries('dead')).length === 3, 20_000, 'three dead deliveries');
  }, 60_000);
  afterAll(async () => {
    await stopProxy();
  });

  it('leads list shows every lead, one line each', async () => {
    const run = await runLeadkitCli(['leads', 'list', '--config', configPath], { cwd: dir, env: proxyEnv });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = lines(run.stdout);
    expect(rows).toHaveLength(3);
    for (const id of leadIds) expect(rows.filter((row) => row.includes(id))).toHaveLength(1);
    expect(run.stdout).toContain('jane@example.com');
  }, 30_000);

  it('leads export --format csv starts with the header and defuses formulas', async () => {
    const run = await runLeadkitCli(['leads', 'export', '--format', 'csv', '--config', configPath], {
      cwd: dir,
      env: proxyEnv,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = run.stdout.split('\r\n').filter(Boolean);
    expect(rows[0]).toMatch(/^id,createdAt,form,/);
    expect(rows[0]).toContain('message');
    expect(rows).toHaveLength(4);
    expect(run.stdout).toContain(",'=1+1,");
    // No cell starts with a formula character: "=1+1" is text, "+49…" too.
    const cells = rows.slice(1).flatMap((row) => row.split(','));
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    expect(run.stdout).toContain("'+4915112345678");
    expect(run.stdout).toContain('"Olá, ""quoted"", with comma"');
  }, 30_000);

  it('leads export --output writes a file only its owner can read', async () => {
    const output = join(dir, 'export.csv');
    const run = await runLeadkitCli(
      ['leads', 'export', '--format', 'csv', '--output', output, '--config', configPath],
      { cwd: dir, env: proxyEnv },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(statSync(output).mode & 0o777).toBe(0o600);
    expect(readFileSync(output, 'utf8')).toContain('jane@example.com');
  }, 30_000);

  it('leads export --format jsonl writes one lead per line', async () => {
    const run = await runLeadkitCli(['leads', 'export', '--format', 'jsonl', '--config', configPath], {
      cwd: dir,
      env: proxyEnv,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const leads = lines(run.stdout).map(
      (line) => JSON.parse(line) as { id: string; fields: Record<string, string> },
    );
    expect(leads.map((l) => l.id).sort()).toEqual([...leadIds].sort());
    // JSON Lines carries the value as it was typed; only CSV needs defusing.
    expect(leads.find((l) => l.fields.email === 'max@example.de')?.fields.message).toBe('=1+1');
  }, 30_000);

  it('outbox list --status dead --json shows the dead deliveries, without the key', async () => {
    const run = await runLeadkitCli(
      ['outbox', 'list', '--status', 'dead', '--json', '--config', configPath],
      {
        cwd: dir,
        env: proxyEnv,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { deliveries: dead } = JSON.parse(run.stdout) as { deliveries: DeliveryView[] };
    expect(dead).toHaveLength(3);
    expect(dead.every((d) => d.status === 'dead' && d.backend === 'clinic')).toBe(true);
    expect(dead.map((d) => d.leadId).sort()).toEqual([...leadIds].sort());
    expect(dead.every((d) => /401/.test(d.lastError ?? ''))).toBe(true);
    expect(run.stdout).not.toContain(wrongKey);
  }, 30_000);

  it('outbox retry --dead makes them due, and a proxy with the right key delivers them', async () => {
    // Stopped first, so the retried deliveries are not picked up with the wrong key at once.
    await stopProxy();
    const env = { QUALIFYBASE_API_KEY: fakes.qualifybase.apiKey };
    const retry = await runLeadkitCli(['outbox', 'retry', '--dead', '--config', configPath], {
      cwd: dir,
      env,
    });
    expect(retry.stderr).toBe('');
    expect(retry.code).toBe(0);
    expect(retry.stdout).toContain('3 dead deliveries made due now');

    const pending = await runLeadkitCli(
      ['outbox', 'list', '--status', 'pending', '--json', '--config', configPath],
      { cwd: dir, env },
    );
    expect(pending.code).toBe(0);
    expect((JSON.parse(pending.stdout) as { deliveries: DeliveryView[] }).deliveries).toHaveLength(3);

    proxy = await startLeadkitProcess(configPath, env);
    await waitFor(
      () => leadIds.every((id) => fakes.qualifybase.countByExternalId(id) === 1),
      20_000,
      'the retried leads at QualifyBase',
    );
    const dead = await runLeadkitCli(
      ['outbox', 'list', '--status', 'dead', '--json', '--config', configPath],
      {
        cwd: dir,
        env,
      },
    );
    expect(dead.code).toBe(0);
    expect((JSON.parse(dead.stdout) as { deliveries: DeliveryView[] }).deliveries).toEqual([]);
    expect(fakes.qualifybase.leads).toHaveLength(3);
  }, 60_000);
});

describe('leadkit serve with the embedded default', () => {
  /** `leadkit serve --port 0` with no config in `cwd`; resolves with its banner once it listens, then stops it. */
  async function serveOnce(cwd: string, check?: (url: string) => Promise<void>): Promise<string> {
    const child = spawn(process.execPath, [LEADKIT_BIN, 'serve', '--port', '0'], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LEADKIT_CONFIG: '', PORT: '' },
    });
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await waitFor(() => /script: /.test(err) || child.exitCode !== null, 20_000, 'the banner');
      const url = /listening on (http:\/\/\S+)/.exec(err)?.[1];
      if (!url) throw new Error(`no URL in: ${err}`);
      await check?.(url);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    return err;
  }

  it('prints a generated admin token once, never on later starts, and keeps the store owner-only', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'leadkit-serve-'));
    const first = await serveOnce(cwd);
    const token = /admin token: (\S+) /.exec(first)?.[1] ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(statSync(join(cwd, '.leadkit')).mode & 0o777).toBe(0o700);
    expect(statSync(join(cwd, '.leadkit', 'leadkit.db')).mode & 0o777).toBe(0o600);

    const second = await serveOnce(cwd, async (url) => {
      // The same token, read from the store, still opens the admin API.
      const res = await fetch(`${url}/v1/admin/deliveries`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(5000),
      });
      expect(res.status).toBe(200);
      // The embedded default serves the demo pages.
      expect((await fetch(`${url}/`, { signal: AbortSignal.timeout(5000) })).status).toBe(200);
    });
    expect(second).not.toContain(token);
    expect(first).toContain('shown only this once');
    expect(second).toContain('admin token: kept in the store');
    expect(second).not.toContain('warning');
  }, 60_000);

  it('admin-token rotate prints a new token once; after a restart it opens the admin API and the old one does not', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'leadkit-rotate-'));
    const first = await serveOnce(cwd);
    const old = /admin token: (\S+) /.exec(first)?.[1] ?? '';
    const rotate = await runLeadkitCli(['admin-token', 'rotate'], { cwd });
    expect(rotate.code).toBe(0);
    const token = /^admin token: (\S+)$/m.exec(rotate.stdout)?.[1] ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(token).not.toBe(old);
    const banner = await serveOnce(cwd, async (url) => {
      const status = async (bearer: string) =>
        (
          await fetch(`${url}/v1/admin/deliveries`, {
            headers: { authorization: `Bearer ${bearer}` },
            signal: AbortSignal.timeout(5000),
          })
        ).status;
      expect(await status(token)).toBe(200);
      expect(await status(old)).toBe(403);
    });
    expect(banner).not.toContain(token);
    expect(statSync(join(cwd, '.leadkit', 'leadkit.db')).mode & 0o777).toBe(0o600);

    const configured = writeConfig('with-token.json', {
      adminToken: TOKEN,
      secret: SECRET,
      backends: { inbox: { type: 'local' } },
      forms: { contact: { fields: ['email'], deliver: ['inbox'] } },
    });
    const refused = await runLeadkitCli(['admin-token', 'rotate', '--config', configured], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the config sets adminToken');
    expect(refused.stdout + refused.stderr).not.toContain(TOKEN);
  }, 60_000);
});
