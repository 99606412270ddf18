/**
 * Measures the shipped artefacts: min (bytes as served), gzip (level 9) and brotli (quality 11),
 * plus what an app's bundler makes of dist/leadkit.mjs when it imports everything or only the
 * form. Used by `npm run size` (scripts/size.ts) and by test/bundle-size.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

/** Gzip budget in bytes for "only the form" from the ESM build (and, before booking, leadkit.js). */
export const GZIP_BUDGET_BYTES = 40 * 1024;

/**
 * Gzip budget in bytes for the whole kit, dist/leadkit.js, once the booking elements are in
 * it (issue 17: "leadkit.js ≤ 55 KB gzip"); the form alone keeps GZIP_BUDGET_BYTES.
 */
export const KIT_GZIP_BUDGET_BYTES = 55 * 1024;

/** One measured artefact. `budget` is set where a gzip budget applies. */
export interface ArtefactSize {
  name: string;
  min: number;
  gzip: number;
  brotli: number;
  budget?: number;
  /** The bundled code, for content checks (e.g. "the form alone pulls in no other element"). */
  code: string;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = `${root}dist/`;

function measure(name: string, code: string, budget?: number): ArtefactSize {
  const bytes = Buffer.from(code);
  return {
    name,
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    ...(budget === undefined ? {} : { budget }),
    code,
  };
}

/**
 * Bundles `entryCode` (which imports dist/leadkit.mjs) the way an app's production build would:
 * dependencies included, tree-shaken, minified.
 */
async function bundleConsumer(entryCode: string): Promise<string> {
  const entryId = '\0leadkit-size-entry';
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    plugins: [
      {
        name: 'leadkit:size-entry',
        resolveId: (id) => (id === 'leadkit-size-entry' ? entryId : null),
        load: (id) => (id === entryId ? entryCode : null),
      },
    ],
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      modulePreload: false,
      rolldownOptions: { input: 'leadkit-size-entry', output: { format: 'es' } },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  let code = '';
  for (const result of results) {
    if (!('output' in result)) continue;
    for (const chunk of result.output) if (chunk.type === 'chunk') code += chunk.code;
  }
  return code;
}

/** Measures every artefact in dist/ (run `npm run build` first). */
export async function measureArtefacts(): Promise<ArtefactSize[]> {
  const iifePath = `${distDir}leadkit.js`;
  const esmPath = `${distDir}leadkit.mjs`;
  if (!existsSync(iifePath) || !existsSync(esmPath)) {
    throw new Error('dist/leadkit.js or dist/leadkit.mjs is missing: run `npm run build` first');
  }
  const sizes = [
    measure('dist/leadkit.js', readFileSync(iifePath, 'utf8'), KIT_GZIP_BUDGET_BYTES),
    measure('dist/leadkit.mjs (as shipped)', readFileSync(esmPath, 'utf8')),
  ];
  const esmUrl = JSON.stringify(esmPath);
  sizes.push(
    measure(
      'leadkit.mjs → define() (app bundle)',
      await bundleConsumer(`import { define } from ${esmUrl}; define();`),
    ),
    measure(
      'leadkit.mjs → defineLeadForm() only',
      await bundleConsumer(`import { defineLeadForm } from ${esmUrl}; defineLeadForm();`),
      GZIP_BUDGET_BYTES,
    ),
    // An app that only sends signals: the proof that tree-shaking works while the form is the
    // only element (nothing of the form may come along).
    measure(
      'leadkit.mjs → LeadKit only',
      await bundleConsumer(`import { LeadKit } from ${esmUrl}; LeadKit.signal('pricing_page_visit');`),
    ),
  );
  const themesDir = `${distDir}themes/`;
  if (existsSync(themesDir)) {
    for (const file of readdirSync(themesDir)
      .filter((name) => name.endsWith('.css'))
      .sort()) {
      sizes.push(measure(`dist/themes/${file}`, readFileSync(`${themesDir}${file}`, 'utf8')));
    }
  }
  return sizes;
}

/** The artefacts over their gzip budget. */
export function getOverBudget(sizes: ArtefactSize[]): ArtefactSize[] {
  return sizes.filter((size) => size.budget !== undefined && size.gzip > size.budget);
}

function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} KB`;
}

/** A printable table: name, min, gzip, brotli, budget. */
export function formatSizeTable(sizes: ArtefactSize[]): string {
  const header = ['artefact (KB = 1024 bytes)', 'min', 'gzip', 'brotli', 'gzip budget'];
  const rows = sizes.map((size) => [
    size.name,
    formatKb(size.min),
    formatKb(size.gzip),
    formatKb(size.brotli),
    size.budget === undefined ? '' : `${formatKb(size.budget)} ${size.gzip > size.budget ? 'OVER' : 'ok'}`,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}
