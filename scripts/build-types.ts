/**
 * Writes the declarations of a package: `tsc -p <project>` emits its types folder, then a
 * one-line shim re-exports the entry so `import … from '<package>'` is typed. With no argument:
 * `leadkit` (dist/leadkit.d.ts, including the `HTMLElementTagNameMap` and `JSX.IntrinsicElements`
 * entries that define.ts declares, and `leadkit/vue-tsc-plugin`, copied); with `proxy`:
 * `@leadkit/proxy` (dist/proxy/index.d.ts).
 *
 * The sources import each other without extensions (bundler resolution); the emitted files
 * get `.js` added (scripts/add-declaration-extensions.ts) so an app on `moduleResolution:
 * node16`/`nodenext`, as a Node server is, resolves them too.
 *
 * Type errors fail the build. Declaration-emit diagnostics (TS4xxx: "uses private name …")
 * only warn: they leave one file's .d.ts out but say nothing about the code, which
 * `npm run typecheck` checks, and they must not stop the bundle, the demo and the tests.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addDeclarationExtensions } from './add-declaration-extensions';

const TARGETS = {
  leadkit: {
    project: 'tsconfig.build.json',
    typesDir: 'dist/types',
    shim: 'dist/leadkit.d.ts',
    entry: './types/src/index.js',
    // `leadkit/vue-tsc-plugin`: plain CommonJS beside the typings it serves, copied as it is.
    copies: { 'src/frameworks/vue-tsc-plugin.cjs': 'dist/vue-tsc-plugin.cjs' },
  },
  proxy: {
    project: 'tsconfig.proxy.json',
    typesDir: 'dist/proxy/types',
    shim: 'dist/proxy/index.d.ts',
    entry: './types/src/proxy/index.js',
    copies: {},
  },
} as const;

const name = (process.argv[2] ?? 'leadkit') as keyof typeof TARGETS;
const target = TARGETS[name];
if (!target) {
  console.error(`build-types: unknown target "${name}" (known: ${Object.keys(TARGETS).join(', ')})`);
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}${target.typesDir}`, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}${target.project}`],
  {
    encoding: 'utf8',
  },
);
const output = `${tsc.stdout}${tsc.stderr}`.trim();
if (tsc.status !== 0) {
  const codes = [...output.matchAll(/error TS(\d+)/g)].map((match) => Number(match[1]));
  const onlyDeclarationEmit = codes.length > 0 && codes.every((code) => code >= 4000 && code < 5000);
  if (!onlyDeclarationEmit) {
    console.error(output);
    console.error('\ndeclarations: tsc failed');
    process.exit(1);
  }
  console.warn(output);
  console.warn(
    '\nwarning: some declarations were not emitted (declaration-emit errors above). In a `declare module` ' +
      "block, refer to imported types through a namespace import (`import type * as React from 'react'` → " +
      '`React.DetailedHTMLProps<…>`), which declaration emit can name.',
  );
}
const rewritten = addDeclarationExtensions(`${root}${target.typesDir}`);
// A generated one-line shim: the list of public names lives in the entry alone (no `export *`
// in source, STYLE.md), so repeating it here could only drift.
writeFileSync(`${root}${target.shim}`, `export * from '${target.entry}';\n`);
console.log(`${target.shim} → ${target.typesDir} (${rewritten} import paths given .js)`);
for (const [from, to] of Object.entries(target.copies)) {
  copyFileSync(`${root}${from}`, `${root}${to}`);
  console.log(`${to} ← ${from}`);
}
