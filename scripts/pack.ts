/**
 * `npm run pack`: writes the two tarballs users install to dist/pack/ (CONTRACT §1):
 * - `leadkit-<version>.tgz`, the repo root's package.json and its `files` (the bundles, types,
 *   themes and docs/), staged with the shipped README;
 * - `leadkit-proxy-<version>.tgz`, `@leadkit/proxy`, staged from dist/proxy/ (compiled JavaScript
 *   and types) and dist/demo/ (the built demo pages) with a package.json made from
 *   scripts/proxy-package.template.json: the root's version, `leadkit` at exactly that version,
 *   and each other dependency at the root's range, so the two never drift.
 * Both READMEs are README.md with its relative links made absolute into the docs/ that the
 * `leadkit` tarball of the same version ships (scripts/package-readme.ts).
 *
 * It runs `npm run build` first, then packs with scripts off: the root's `prepack` (the same
 * build, for a bare `npm pack` or `npm publish`) would empty dist/, and dist/pack/ with it.
 * `--skip-build` packs the dist/ that is there (test/package-tarballs.test.ts, after `npm test`
 * built it); `--out DIR` writes elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getPackageFilesUrl, toPackageReadme } from './package-readme';

interface PackageJson {
  name: string;
  version: string;
  files: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { 'skip-build': { type: 'boolean', default: false }, out: { type: 'string' } },
});
/** What the two packages are made of: the build writes them all. */
const REQUIRED = [
  'dist/leadkit.js',
  'dist/leadkit.mjs',
  'dist/leadkit.d.ts',
  'dist/vue-tsc-plugin.cjs',
  'dist/proxy/index.js',
  'dist/proxy/index.d.ts',
  'dist/demo/index.html',
];
const outDir = resolve(values.out ?? join(root, 'dist/pack'));

function npmPack(cwd: string): PackResult {
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir];
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm pack failed in ${cwd} (exit ${result.status})`);
  return (JSON.parse(result.stdout) as PackResult[])[0] as PackResult;
}

/** The @leadkit/proxy package.json: the template with the root's version and dependency ranges. */
function proxyPackageJson(rootPackage: PackageJson): string {
  const template = JSON.parse(readFileSync(join(root, 'scripts/proxy-package.template.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
  };
  const ranges = { ...rootPackage.devDependencies, ...rootPackage.dependencies };
  const dependencies: Record<string, string> = {};
  for (const name of Object.keys(template.dependencies)) {
    const range = name === 'leadkit' ? rootPackage.version : ranges[name];
    if (!range)
      throw new Error(`@leadkit/proxy depends on ${name}, which the root package.json does not list`);
    dependencies[name] = range;
  }
  return `${JSON.stringify({ ...template, version: rootPackage.version, dependencies }, null, 2)}\n`;
}

/** A staging folder with `write(stage)` in it, packed, then removed. */
function packStaged(write: (stage: string) => void): PackResult {
  const stage = mkdtempSync(join(tmpdir(), 'leadkit-pack-stage-'));
  try {
    write(stage);
    return npmPack(stage);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
const readme = toPackageReadme(
  readFileSync(join(root, 'README.md'), 'utf8'),
  getPackageFilesUrl(rootPackage.name, rootPackage.version),
);
if (!values['skip-build']) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
for (const file of REQUIRED) {
  if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
}
mkdirSync(outDir, { recursive: true });
const results = [
  packStaged((stage) => {
    // What npm would pack from the root: package.json, its `files` (those the build wrote), README.
    cpSync(join(root, 'package.json'), join(stage, 'package.json'));
    for (const entry of rootPackage.files) {
      if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
    }
    writeFileSync(join(stage, 'README.md'), readme);
  }),
  packStaged((stage) => {
    cpSync(join(root, 'dist/proxy'), join(stage, 'dist'), { recursive: true });
    cpSync(join(root, 'dist/demo'), join(stage, 'demo'), { recursive: true });
    writeFileSync(join(stage, 'README.md'), readme);
    writeFileSync(join(stage, 'package.json'), proxyPackageJson(rootPackage));
  }),
];
for (const { filename, size, unpackedSize, entryCount } of results) {
  console.log(
    `${join(outDir, filename)}: ${entryCount} files, ${(size / 1024).toFixed(1)} kB packed, ${(unpackedSize / 1024).toFixed(1)} kB unpacked`,
  );
}
