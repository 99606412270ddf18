/**
 * The shipped declarations work for an app: a TypeScript project that imports `leadkit`
 * (resolved to dist/leadkit.d.ts, as package.json `types` says) gets the element class from
 * `document.createElement('leadkit-form')`, typed `mount()` options, and `<leadkit-form>` in
 * React JSX, and a misspelt option is an error. Needs `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const workDir = `${root}node_modules/.cache/leadkit-types-test/`;

const GOOD = `/** @jsxImportSource react */
import { define, LeadFormElement, LeadKit, mount, type MountFormOptions } from 'leadkit';
define();
const element: LeadFormElement = document.createElement('leadkit-form');
element.addEventListener('leadkit:success', (event) => console.log(event.detail.leadId));
const options: MountFormOptions = { endpoint: 'https://leads.example.com', form: 'contact', onSuccess: (event) => console.log(event.detail.leadId) };
const mounted = mount(document.body, 'form', options);
mounted.update({ locale: 'de' });
mounted.destroy();
console.log(LeadKit.version);
const forgotten: boolean = LeadKit.forget();
console.log(forgotten);
export const View = () => <leadkit-form endpoint="https://leads.example.com" form="contact" theme="dark" />;
`;

const BAD = `import { mount } from 'leadkit';
mount(document.body, 'form', { endpoint: 'https://leads.example.com', fromm: 'contact' });
`;

// One declaration per event: the element's listeners, mount()'s callbacks and the exported
// detail types agree, and codes and statuses are closed unions (a typo is an error).
const EVENTS = `import { mount, type LeadErrorCode, type LeadErrorDetail, type LeadFormStatus, type LeadSuccessDetail } from 'leadkit';
const element = document.createElement('leadkit-form');
const status: LeadFormStatus = element.status;
element.addEventListener('leadkit:error', (event) => {
  const code: LeadErrorCode = event.detail.code;
  const fields: Record<string, string> | undefined = event.detail.fields;
  const queued: boolean | undefined = event.detail.queued;
  console.log(code, fields, queued, status);
});
element.addEventListener('leadkit:success', (event) => {
  const detail: LeadSuccessDetail = event.detail;
  console.log(detail.form, detail.queued);
});
mount(document.body, 'form', {
  endpoint: 'https://leads.example.com',
  form: 'contact',
  onError: (event) => {
    const detail: LeadErrorDetail = event.detail;
    if (detail.code === 'origin_not_allowed' || detail.code === 'http_418') console.log(detail.form);
  },
  onSuccess: (event) => console.log(event.detail.form),
});
`;

// React 19 adds a listener for an `on…` prop of a custom element under the exact name after
// `on`, so `onleadkit:success` listens for `leadkit:success` (README, "In an app").
const REACT_EVENTS = `/** @jsxImportSource react */
import type { LeadErrorCode } from 'leadkit';
export const View = () => (
  <leadkit-form
    endpoint="https://leads.example.com"
    form="contact"
    onleadkit:success={(event) => console.log(event.detail.leadId, event.detail.queued)}
    onleadkit:error={(event) => {
      const code: LeadErrorCode = event.detail.code;
      console.log(code, event.detail.fields);
    }}
  />
);
`;

const BAD_EVENTS = `import type { LeadErrorCode, LeadFormStatus } from 'leadkit';
export const status: LeadFormStatus = 'saved-offline';
export const code: LeadErrorCode = 'origin-not-allowed';
`;

function typecheck(source: string): { ok: boolean; output: string } {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  writeFileSync(`${workDir}app.tsx`, source);
  writeFileSync(
    `${workDir}tsconfig.json`,
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
        paths: { leadkit: [`${root}dist/leadkit.d.ts`] },
      },
      files: ['app.tsx'],
    }),
  );
  const tsc = spawnSync(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, '-p', `${workDir}tsconfig.json`],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { ok: tsc.status === 0, output: `${tsc.stdout}${tsc.stderr}` };
}

describe('dist/leadkit.d.ts for an app', () => {
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('exists (npm run build writes it)', () => {
    expect(existsSync(`${root}dist/leadkit.d.ts`)).toBe(true);
  });

  it('types the element, mount() and <leadkit-form> in React JSX', () => {
    const result = typecheck(GOOD);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('declares each event once: listeners, mount() callbacks and the exported detail types agree', () => {
    const result = typecheck(EVENTS);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('types React 19 onleadkit:* props with the same event details', () => {
    const result = typecheck(REACT_EVENTS);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('types statuses and error codes as closed unions', () => {
    const result = typecheck(BAD_EVENTS);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/app\.tsx\(2,14\): error TS\d+: Type '"saved-offline"' is not assignable/);
    expect(result.output).toMatch(
      /app\.tsx\(3,14\): error TS\d+: Type '"origin-not-allowed"' is not assignable/,
    );
  });

  it('rejects a misspelt mount() option', () => {
    const result = typecheck(BAD);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/'fromm' does not exist in type 'MountFormOptions'/);
  });
});
