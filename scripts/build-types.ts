/**
 * Writes the declarations of dist/leadkit.mjs: `tsc -p tsconfig.build.json` emits dist/types/,
 * then dist/leadkit.d.ts re-exports its entry so `import … from 'leadkit'` is typed, including
 * the `HTMLElementTagNameMap` and `JSX.IntrinsicElements` entries that define.ts declares.
 *
 * Type errors fail the build. Declaration-emit diagnostics (TS4xxx: "uses private name …")
 * only warn: they leave one file's .d.ts out but say nothing about the code, which
 * `npm run typecheck` checks, and they must not stop the bundle, the demo and the tests.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = spawnSync(
  process.execPath,
  [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`],
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
// A generated one-line shim: the list of public names lives in src/index.ts alone (no `export *`
// in source, STYLE.md), so repeating it here could only drift.
writeFileSync(`${root}dist/leadkit.d.ts`, "export * from './types/src/index';\n");
console.log('dist/leadkit.d.ts → dist/types/src/index.d.ts');
