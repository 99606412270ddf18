import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as entry from './index';

const dir = mkdtempSync(join(tmpdir(), 'leadkit-entry-'));
const config: entry.ConfigFile = {
  store: 'sqlite::memory:',
  backends: { inbox: { type: 'local' } },
  forms: { demo: { fields: ['email'], deliver: ['inbox'] } },
};

async function health(proxy: entry.LeadkitProxy): Promise<number> {
  try {
    return (await proxy.fetch(new Request('http://127.0.0.1/healthz'))).status;
  } finally {
    await proxy.close();
  }
}

describe('@leadkit/proxy entry', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exports exactly the public names', () => {
    expect(Object.keys(entry).sort()).toEqual(['ConfigProblemsError', 'createProxy', 'loadConfig']);
  });

  it('createProxy checks a plain config object as the CLI does, naming each problem by path', async () => {
    const error = await entry
      .createProxy({ ...config, forms: { contact: { fields: ['email'], deliver: ['crm'] } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(entry.ConfigProblemsError);
    expect((error as entry.ConfigProblemsError).problems).toEqual([
      'forms.contact.deliver[0]: unknown backend "crm"',
    ]);
    expect((error as Error).message).toContain('forms.contact.deliver[0]: unknown backend "crm"');
  });

  it('createProxy takes a plain config object and answers /healthz', async () => {
    expect(await health(await entry.createProxy(config, { startOutbox: false }))).toBe(200);
  });

  it('createProxy takes what loadConfig returned', async () => {
    const path = join(dir, 'leadkit.config.json');
    writeFileSync(path, JSON.stringify(config));
    const result = entry.loadConfig(path);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(await health(await entry.createProxy(result.config, { startOutbox: false }))).toBe(200);
  });
});
