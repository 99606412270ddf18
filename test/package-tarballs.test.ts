/**
 * The two packages as users install them (CONTRACT §1): scripts/pack.ts writes both tarballs,
 * `leadkit` alone goes into an app (no server dependency, imports in Node, types check), and
 * both go into an operator's folder, where `npx leadkit serve` serves the bundle and the demo
 * and `createProxy` from `@leadkit/proxy` answers `/healthz`, in plain Node with no TypeScript
 * loader.
 *
 * It packs the dist/ that `npm test` has just built (`--skip-build`): rebuilding here would
 * empty dist/ under the test files running beside it. Installs come from npm's cache when it
 * has the packages (`--prefer-offline`; after `npm install` it has). better-sqlite3's install
 * script would compile SQLite again (about 50 s on two cores): the operator install skips
 * scripts and takes the binary the repo's own install built, after checking it is the same
 * better-sqlite3 version for the same Node, which is exactly what the script would produce.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const version = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;
const work = mkdtempSync(join(tmpdir(), 'leadkit-pack-'));
const packDir = join(work, 'pack');
const leadkitTarball = join(packDir, `leadkit-${version}.tgz`);
const proxyTarball = join(packDir, `leadkit-proxy-${version}.tgz`);
const SERVER_PACKAGES = ['better-sqlite3', 'pg', 'hono', 'pino', '@hono/node-server', 'prom-client', 'tsx'];

function run(command: string, args: string[], cwd: string, timeout = 120_000): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

function tarballFiles(tarball: string): string[] {
  return run('tar', ['-tzf', tarball], work)
    .split('\n')
    .filter((line) => line && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''));
}

function npmInstall(dir: string, tarballs: string[], extra: string[] = []): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...extra, ...tarballs], dir, 150_000);
}

/** Runs the repo's TypeScript on `files` in `dir`, strict and with `skipLibCheck: false`. */
function typecheck(dir: string, files: string[], options: Record<string, unknown>): void {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
        ...options,
      },
      files,
    }),
  );
  run(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', join(dir, 'tsconfig.json')], dir);
}

async function waitForUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`leadkit serve did not start:\n${output()}`)), 30_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`leadkit serve exited ${code}:\n${output()}`));
    });
  });
}

describe('the leadkit and @leadkit/proxy tarballs', () => {
  beforeAll(() => {
    run(process.execPath, ['--import', 'tsx', 'scripts/pack.ts', '--skip-build', '--out', packDir], root);
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds what users run and nothing else', () => {
    const leadkit = tarballFiles(leadkitTarball);
    expect(leadkit).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/leadkit.js',
        'dist/leadkit.mjs',
        'dist/leadkit.d.ts',
        'dist/types/src/index.d.ts',
        'dist/types/src/frameworks/vue.d.ts',
        'dist/types/src/frameworks/svelte.d.ts',
        'dist/vue-tsc-plugin.cjs',
        'dist/themes/dark.css',
        'docs/apps.md',
        'docs/backends/lio.md',
      ]),
    );
    const proxy = tarballFiles(proxyTarball);
    expect(proxy).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/bin/leadkit.js',
        'dist/index.js',
        'dist/index.d.ts',
        'demo/index.html',
      ]),
    );
    for (const file of [...leadkit, ...proxy]) {
      // Declarations mirror the source tree under dist/types/ (and dist/types/ only).
      if (!/^dist\/(proxy\/)?types\//.test(file) || !file.endsWith('.d.ts'))
        expect(file).not.toMatch(/(^|\/)(test|bench|fakes|src|widgets|scripts|\.ci)\//);
      expect(file).not.toMatch(/\.test\.|\.tsx$|^dist\/(demo|proxy|pack)\//);
      if (file.endsWith('.ts')) expect(file).toMatch(/\.d\.ts$/);
    }
    expect(leadkit.some((file) => file.startsWith('dist/demo/'))).toBe(false);
  });

  // On npm's package page a relative link leads nowhere: each README's links point into the
  // docs/ that this very version of `leadkit` ships, and every one of those files is in it.
  it('ships READMEs whose links all reach a page, pinned to this version', () => {
    const leadkit = new Set(tarballFiles(leadkitTarball));
    const filesUrl = `https://app.unpkg.com/leadkit@${version}/files/`;
    for (const tarball of [leadkitTarball, proxyTarball]) {
      const readme = run('tar', ['-xOzf', tarball, 'package/README.md'], work);
      const links = [...readme.replace(/```[\s\S]*?```|`[^`\n]*`/g, '').matchAll(/\]\(([^)\s]+)/g)].map(
        (match) => match[1] ?? '',
      );
      expect(links.length).toBeGreaterThan(20);
      const intoPackage = links.filter((link) => link.startsWith(filesUrl));
      expect(intoPackage.length).toBeGreaterThan(20);
      for (const link of links) expect(link, `${tarball}: ${link}`).toMatch(/^(https:|mailto:|#)/);
      for (const link of intoPackage) {
        const file = decodeURIComponent(link.slice(filesUrl.length).split('#')[0] ?? '');
        expect(leadkit.has(file), `${link} names ${file}, which the leadkit tarball lacks`).toBe(true);
      }
    }
  });

  it('installs leadkit alone into an app: no server dependency, imports in Node, types check', () => {
    const app = join(work, 'app');
    npmInstall(app, [leadkitTarball]);
    for (const name of SERVER_PACKAGES) expect(existsSync(join(app, 'node_modules', name)), name).toBe(false);

    // SSR: importing the module touches no DOM global, and define() there is a no-op.
    const imported = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('leadkit'); m.define(); console.log(typeof m.mount, typeof m.LeadFormElement, typeof m.LeadKit.signal);",
      ],
      app,
    );
    expect(imported.trim()).toBe('function function function');

    writeFileSync(
      join(app, 'app.ts'),
      `import { define, type LeadFormElement, mount } from 'leadkit';
define();
const element: LeadFormElement = document.createElement('leadkit-form');
element.addEventListener('leadkit:success', (event) => console.log(event.detail.leadId));
mount(document.body, 'form', { endpoint: 'https://leads.example.com', form: 'contact' }).destroy();
// @ts-expect-error a misspelt option is an error
mount(document.body, 'form', { endpoint: 'https://leads.example.com', fromm: 'contact' });
`,
    );
    // No React, Vue or Svelte types installed, and the declarations themselves checked too.
    typecheck(app, ['app.ts'], { module: 'nodenext', moduleResolution: 'nodenext' });

    // A React app (bundler resolution, as Vite's template): <leadkit-form> in JSX, checked.
    writeFileSync(
      join(app, 'view.tsx'),
      `import { useRef } from 'react';
import type { LeadFormElement } from 'leadkit';
export const View = () => {
  const ref = useRef<LeadFormElement>(null);
  return <leadkit-form ref={ref} endpoint="https://leads.example.com" form="contact" theme="dark" className="wide" hiddenFields={{ plan: 'pro' }} />;
};
// @ts-expect-error a misspelt attribute is an error
export const Misspelt = () => <leadkit-form endpoint="https://leads.example.com" fromm="contact" />;
`,
    );
    const reactTypes = `${root}node_modules/@types/react`;
    typecheck(app, ['app.ts', 'view.tsx'], {
      module: 'ESNext',
      moduleResolution: 'bundler',
      jsx: 'react-jsx',
      paths: { react: [`${reactTypes}/index.d.ts`], 'react/*': [`${reactTypes}/*`] },
    });
  });

  // Each framework's typings are their own entry point: the app above has no Vue or Svelte and
  // loads neither file. Here Vue and Svelte are the repo's own (linked in, no install).
  it('leadkit/vue and leadkit/svelte make vue-tsc and svelte-check check every leadkit element', () => {
    const app = join(work, 'frameworks');
    npmInstall(app, [leadkitTarball]);
    for (const name of ['vue', 'svelte'])
      symlinkSync(join(root, 'node_modules', name), join(app, 'node_modules', name));
    const tsconfig = (vueCompilerOptions: Record<string, unknown>) =>
      writeFileSync(
        join(app, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'ESNext',
            moduleResolution: 'bundler',
            lib: ['ES2023', 'DOM', 'DOM.Iterable'],
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: [],
          },
          vueCompilerOptions: { strictTemplates: true, ...vueCompilerOptions },
          include: ['src/*.vue', 'src/*.svelte', 'src/*.ts'],
        }),
      );
    const vueTsc = () =>
      spawnSync(
        process.execPath,
        [`${root}node_modules/vue-tsc/bin/vue-tsc.js`, '--noEmit', '-p', 'tsconfig.json'],
        { cwd: app, encoding: 'utf8', timeout: 120_000 },
      );
    const svelteCheck = () =>
      spawnSync(
        process.execPath,
        [
          `${root}node_modules/svelte-check/bin/svelte-check`,
          '--tsconfig',
          './tsconfig.json',
          '--output',
          'machine',
        ],
        { cwd: app, encoding: 'utf8', timeout: 120_000 },
      );
    const source = (files: Record<string, string>) => {
      rmSync(join(app, 'src'), { recursive: true, force: true });
      mkdirSync(join(app, 'src'));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(app, 'src', name), text);
    };
    /** The `(line, code)` of each error vue-tsc printed for `file`. */
    const vueErrors = (output: string, file: string) =>
      [...output.matchAll(new RegExp(`${file}\\((\\d+),\\d+\\): error (TS\\d+): (.*)`, 'g'))].map(
        (match) => `${match[1]} ${match[2]} ${match[3]}`,
      );
    const endpoint = 'endpoint="https://leads.example.com"';

    // With the plugin (what docs/apps.md sets up): the tags are checked as the custom elements
    // they are. The first element of each file carries a URL and a handler on purpose: that is
    // where vue-tsc's component path loses its checks.
    tsconfig({ plugins: ['leadkit/vue-tsc-plugin'] });
    source({
      'env.d.ts': '/// <reference types="leadkit/vue" />\n',
      'Good.vue': `<script setup lang="ts">
import { ref } from 'vue';
import { define } from 'leadkit';
define();
const keep = (text: string) => console.log(text);
const leadRef = ref('lr_1');
</script>
<template>
  <leadkit-form ${endpoint} form="contact" @leadkit:success="(e) => keep(e.detail.leadId)" />
  <leadkit-form ${endpoint} form="contact" theme="dark" class="wide" success-message="Thanks" :hiddenFields="{ plan: 'pro' }" @leadkit:error="(e) => keep(e.detail.code)" />
  <leadkit-slot-picker ${endpoint} calendar="dr-smith" timezone="Europe/Berlin" :duration="30" @leadkit:slot-selected="(e) => keep(e.detail.start)" />
  <leadkit-booking-confirm ${endpoint} calendar="dr-smith" start="2026-03-04T09:00:00+01:00" end="2026-03-04T09:30:00+01:00" :lead-ref="leadRef" :prefill="{ name: 'Jane' }" @leadkit:booked="(e) => keep(e.detail.bookingId)" />
  <leadkit-booking ${endpoint} calendar="dr-smith" hidden-fields='{"plan":"pro"}' @leadkit:rescheduled="(e) => keep(e.detail.start)" @leadkit:cancelled="(e) => keep(e.detail.bookingId)" />
  <leadkit-booking ${endpoint} booking="bk_1" token="t" />
  <leadkit-signal type="pricing_page_visit" />
</template>
`,
    });
    const good = vueTsc();
    expect(good.status, `${good.stdout}${good.stderr}`).toBe(0);
    source({
      'env.d.ts': '/// <reference types="leadkit/vue" />\n',
      'Bad.vue': `<script setup lang="ts">
</script>
<template>
  <leadkit-form ${endpoint} form="contact" fromm="contact" />
  <leadkit-form ${endpoint} form="contact" @leadkit:success="(e) => e.detail.leadIdd" />
  <leadkit-form ${endpoint} form="contact" :hiddenFields="42" />
  <leadkit-slot-picker ${endpoint} calender="dr-smith" />
  <leadkit-slot-picker ${endpoint} calendar="dr-smith" @leadkit:slot-selected="(e) => e.detail.startt" />
  <leadkit-booking-confirm ${endpoint} calendar="dr-smith" start="2026-03-04T09:00:00+01:00" />
  <leadkit-booking-confirm ${endpoint} calendar="dr-smith" start="a" end="b" :leadRef="'lr_1'" />
  <leadkit-booking ${endpoint} calendar="dr-smith" @leadkit:booked="(e) => e.detail.bookingIdd" />
  <leadkit-signal typ="pricing_page_visit" />
</template>
`,
    });
    const bad = vueTsc();
    expect(bad.status).not.toBe(0);
    const errors = vueErrors(bad.stdout, 'Bad\\.vue');
    const expected: Array<[number, RegExp]> = [
      [4, /TS2353 .*'fromm' does not exist/],
      [5, /TS2551 Property 'leadIdd' does not exist on type 'LeadSuccessDetail'/],
      [6, /TS2322 Type 'number' is not assignable/],
      [7, /TS2561 .*'calender' does not exist/],
      [8, /TS2551 Property 'startt' does not exist on type 'SlotSelectedDetail'/],
      [9, /TS2345 .*end/],
      [10, /TS2561 .*'leadRef' does not exist.*'lead-ref'/],
      [11, /TS2551 Property 'bookingIdd' does not exist on type 'BookingEventDetail'/],
      [12, /TS2561 .*'typ' does not exist/],
    ];
    for (const [line, pattern] of expected)
      expect(
        errors.some((error) => error.startsWith(`${line} `) && pattern.test(error)),
        `Bad.vue line ${line}: ${pattern}\n${errors.join('\n')}`,
      ).toBe(true);
    expect(errors).toHaveLength(expected.length);

    // Without the plugin vue-tsc takes the tags for components (GlobalComponents): checked too,
    // except where docs/apps.md says (an element whose attribute values hold `//`).
    tsconfig({});
    source({
      'env.d.ts': '/// <reference types="leadkit/vue" />\n',
      'Bad.vue': `<script setup lang="ts">
const endpoint = 'https://leads.example.com';
</script>
<template>
  <leadkit-form :endpoint="endpoint" form="contact" fromm="contact" @leadkit:success="(e) => e.detail.leadIdd" />
  <leadkit-booking :endpoint="endpoint" calendar="dr-smith" lead-ref="lr_1" hidden-fields='{"plan":"pro"}' />
  <leadkit-booking :endpoint="endpoint" calendar="dr-smith" :hiddenFields="42" />
</template>
`,
    });
    const fallback = vueErrors(vueTsc().stdout, 'Bad\\.vue');
    expect(fallback).toEqual([
      expect.stringMatching(/^5 TS2353 .*'fromm' does not exist/),
      expect.stringMatching(/^5 TS2551 Property 'leadIdd' does not exist on type 'LeadSuccessDetail'/),
      expect.stringMatching(/^7 TS2322 Type 'number' is not assignable/),
    ]);

    source({
      'env.d.ts': '/// <reference types="leadkit/svelte" />\n',
      'Good.svelte': `<script lang="ts">
  import { define } from 'leadkit';
  define();
  const keep = (text: string) => console.log(text);
</script>
<leadkit-form ${endpoint} form="contact" theme="dark" class="wide" hiddenFields={{ plan: 'pro' }} onleadkit:success={(e) => keep(e.detail.leadId)}></leadkit-form>
<leadkit-slot-picker ${endpoint} calendar="dr-smith" duration={30} onleadkit:slot-selected={(e) => keep(e.detail.start)}></leadkit-slot-picker>
<leadkit-booking-confirm ${endpoint} calendar="dr-smith" start="a" end="b" lead-ref="lr_1" prefill={{ name: 'Jane' }} onleadkit:booked={(e) => keep(e.detail.bookingId)}></leadkit-booking-confirm>
<leadkit-booking ${endpoint} calendar="dr-smith" hidden-fields={'{"plan":"pro"}'} onleadkit:cancelled={(e) => keep(e.detail.bookingId)}></leadkit-booking>
<leadkit-signal type="pricing_page_visit"></leadkit-signal>
`,
    });
    const goodSvelte = svelteCheck();
    expect(goodSvelte.stdout).toMatch(/COMPLETED \d+ FILES 0 ERRORS/);
    source({
      'env.d.ts': '/// <reference types="leadkit/svelte" />\n',
      'Bad.svelte': `<script lang="ts"></script>
<leadkit-form ${endpoint} fromm="contact"></leadkit-form>
<leadkit-form ${endpoint} form="contact" hiddenFields={42}></leadkit-form>
<leadkit-form ${endpoint} form="contact" onleadkit:success={(e) => e.detail.leadIdd}></leadkit-form>
<leadkit-slot-picker ${endpoint} calender="dr-smith"></leadkit-slot-picker>
<leadkit-booking-confirm ${endpoint} calendar="dr-smith" start="a"></leadkit-booking-confirm>
<leadkit-booking ${endpoint} calendar="dr-smith" onleadkit:booked={(e) => e.detail.bookingIdd}></leadkit-booking>
<leadkit-signal typ="pricing_page_visit"></leadkit-signal>
`,
    });
    const badSvelte = svelteCheck();
    expect(badSvelte.status).not.toBe(0);
    expect(badSvelte.stdout).toMatch(
      /Bad\.svelte" 2:\d+ "Object literal may only specify known properties, and '\\"fromm\\"'/,
    );
    expect(badSvelte.stdout).toMatch(/Bad\.svelte" 3:\d+ "Type 'number' is not assignable/);
    expect(badSvelte.stdout).toMatch(
      /Bad\.svelte" 4:\d+ "Property 'leadIdd' does not exist on type 'LeadSuccessDetail'/,
    );
    expect(badSvelte.stdout).toMatch(
      /Bad\.svelte" 5:\d+ "Object literal may only specify known properties, and '\\"calender\\"'/,
    );
    expect(badSvelte.stdout).toMatch(/Bad\.svelte" 6:\d+ "Argument of type .* Property 'end' is missing/);
    expect(badSvelte.stdout).toMatch(
      /Bad\.svelte" 7:\d+ "Property 'bookingIdd' does not exist on type 'BookingEventDetail'/,
    );
    expect(badSvelte.stdout).toMatch(
      /Bad\.svelte" 8:\d+ "Object literal may only specify known properties, and '\\"typ\\"'/,
    );
  }, 300_000);

  describe('in an operator folder with both installed', () => {
    const operator = join(work, 'operator');
    beforeAll(() => {
      npmInstall(operator, [leadkitTarball, proxyTarball], ['--ignore-scripts']);
      const installed = join(operator, 'node_modules/better-sqlite3');
      const built = join(root, 'node_modules/better-sqlite3');
      const versionOf = (dir: string) =>
        (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
      if (versionOf(installed) === versionOf(built)) {
        mkdirSync(join(installed, 'build/Release'), { recursive: true });
        copyFileSync(
          join(built, 'build/Release/better_sqlite3.node'),
          join(installed, 'build/Release/better_sqlite3.node'),
        );
      } else {
        run('npm', ['rebuild', 'better-sqlite3'], operator, 170_000);
      }
    }, 180_000);

    it('has no TypeScript loader to lean on', () => {
      for (const name of ['tsx', 'typescript', 'esbuild'])
        expect(existsSync(join(operator, 'node_modules', name)), name).toBe(false);
    });

    it('`npx leadkit serve` answers /leadkit.js and the demo at /', async () => {
      let output = '';
      const child = spawn('npx', ['--no', 'leadkit', 'serve', '--port', '0'], {
        cwd: operator,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LEADKIT_CONFIG: '' },
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      try {
        const url = await waitForUrl(child, () => output);
        const script = await fetch(`${url}/leadkit.js`);
        expect(script.status).toBe(200);
        expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
        expect(await script.text()).toContain('leadkit-form');
        const page = await fetch(`${url}/`);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        expect(await page.text()).toContain('href="/marketer/"');
        const marketer = await fetch(`${url}/marketer/`);
        expect(await marketer.text()).toContain('<leadkit-form');
      } finally {
        child.kill('SIGTERM');
        await new Promise((resolve) =>
          child.exitCode === null ? child.once('exit', resolve) : resolve(null),
        );
      }
    });

    it('`createProxy` from @leadkit/proxy answers /healthz in plain Node', () => {
      writeFileSync(
        join(operator, 'embed.mjs'),
        `import { createProxy, loadConfig } from '@leadkit/proxy';
const result = loadConfig(null);
if (!result.ok) throw new Error(result.problems.join('\\n'));
const proxy = await createProxy(result.config);
const health = await proxy.fetch(new Request('http://127.0.0.1/healthz'));
const script = await proxy.fetch(new Request('http://127.0.0.1/leadkit.js'));
let problem = '';
try {
  await createProxy({ forms: { contact: { fields: ['email'], deliver: ['nowhere'] } } });
} catch (error) {
  problem = error.message;
}
await proxy.close();
console.log(JSON.stringify({ health: health.status, script: script.status, problem }));
`,
      );
      // The proxy's own log lines (pino, stdout) come first; the script's answer is the last line.
      const lines = run(process.execPath, ['embed.mjs'], operator).trim().split('\n');
      const out = JSON.parse(lines.at(-1) ?? '{}') as Record<string, unknown>;
      expect(out.health).toBe(200);
      expect(out.script).toBe(200);
      expect(out.problem).toMatch(/forms\.contact\.deliver\[0\]: unknown backend "nowhere"/);
    });

    it('types createProxy and loadConfig for a Node server (nodenext)', () => {
      writeFileSync(
        join(operator, 'server.ts'),
        `import { ConfigProblemsError, createProxy, type LeadkitProxy, loadConfig } from '@leadkit/proxy';
const result = loadConfig('leadkit.config.json');
if (result.ok) {
  const proxy: LeadkitProxy = await createProxy(result.config);
  const response: Response = await proxy.fetch(new Request('http://127.0.0.1/healthz'));
  console.log(response.status, error instanceof ConfigProblemsError);
  await proxy.close();
}
declare const error: unknown;
// @ts-expect-error not a key of the config file
await createProxy({ formz: {} });
`,
      );
      typecheck(operator, ['server.ts'], {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['ES2023'],
        types: ['node'],
        typeRoots: [`${root}node_modules/@types`],
      });
    });
  });
});
