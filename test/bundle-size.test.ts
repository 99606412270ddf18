/**
 * The size budget inside `npm test` (which builds first): dist/leadkit.js stays under 55 KB gzip
 * and the form alone, imported from dist/leadkit.mjs by an app's bundler, under 40 KB; importing
 * only the form pulls in no other element; and dist/ carries no secret or backend URL.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ArtefactSize,
  formatSizeTable,
  GZIP_BUDGET_BYTES,
  getOverBudget,
  KIT_GZIP_BUDGET_BYTES,
  measureArtefacts,
} from '../scripts/artefact-sizes';
import { collectKnownValues, findDistLeaks } from '../scripts/find-dist-leaks';

/**
 * A registration of any element but the form (CONTRACT §2 names the others). Tag names alone
 * would not do: the themes' CSS names every element in its selectors.
 */
const OTHER_ELEMENT_DEFINITION = /\.define\(\s*[`'"]leadkit-(?!form[`'"])[a-z-]+[`'"]/g;

describe('bundle size and content (dist/ built by `npm run build`)', () => {
  let sizes: ArtefactSize[];
  const byName = (name: string) => {
    const size = sizes.find((item) => item.name === name);
    if (!size) throw new Error(`no artefact named ${name}`);
    return size;
  };

  beforeAll(async () => {
    sizes = await measureArtefacts();
    console.log(`\n${formatSizeTable(sizes)}\n`);
  });

  // 55 KB since the booking elements joined the script tag (issue 17); the slot picker adds
  // about 15 KB of it, 5.5 KB of which is Floating UI for the time-zone popover.
  it(`dist/leadkit.js is at most ${KIT_GZIP_BUDGET_BYTES / 1024} KB gzip`, () => {
    expect(byName('dist/leadkit.js').gzip).toBeLessThanOrEqual(KIT_GZIP_BUDGET_BYTES);
  });

  it(`the form alone from dist/leadkit.mjs is at most ${GZIP_BUDGET_BYTES / 1024} KB gzip`, () => {
    expect(byName('leadkit.mjs → defineLeadForm() only').gzip).toBeLessThanOrEqual(GZIP_BUDGET_BYTES);
    expect(getOverBudget(sizes)).toEqual([]);
  });

  it('importing only the form pulls in no other element', () => {
    // Matches, not the code, go into the assertions: a failure must not print 100 KB of bundle.
    const formOnly = byName('leadkit.mjs → defineLeadForm() only').code;
    expect(/\.define\(\s*[`'"]leadkit-form[`'"]/.test(formOnly)).toBe(true);
    expect(formOnly.match(OTHER_ELEMENT_DEFINITION) ?? []).toEqual([]);
    // Tree-shaking works at all: the form alone is no bigger than the whole library.
    expect(byName('leadkit.mjs → defineLeadForm() only').min).toBeLessThanOrEqual(
      byName('leadkit.mjs → define() (app bundle)').min,
    );
  });

  it('importing only the LeadKit API pulls in no element and no renderer', () => {
    const apiOnly = byName('leadkit.mjs → LeadKit only');
    expect(/\.define\(\s*[`'"]leadkit-/.test(apiOnly.code)).toBe(false);
    expect(apiOnly.code.includes('attachShadow')).toBe(false);
    expect(apiOnly.gzip).toBeLessThan(byName('leadkit.mjs → defineLeadForm() only').gzip / 4);
  });

  it('the themes ship as dist/themes/{light,dark,minimal}.css', () => {
    const themes = sizes.filter((size) => size.name.startsWith('dist/themes/')).map((size) => size.name);
    expect(themes).toEqual(
      expect.arrayContaining(['dist/themes/light.css', 'dist/themes/dark.css', 'dist/themes/minimal.css']),
    );
  });

  it('dist/ contains no secret or backend URL from any config', () => {
    expect(findDistLeaks()).toEqual([]);
  });

  it('the leak check finds a planted secret and a planted backend URL, without printing them', () => {
    const planted = mkdtempSync(join(tmpdir(), 'leadkit-dist-'));
    try {
      const backendUrl = collectKnownValues().find((known) => known.kind.includes('backend URL'));
      writeFileSync(
        join(planted, 'a.js'),
        `var k="whsec_${Buffer.from('0123456789abcdef0123').toString('base64')}";`,
      );
      if (backendUrl) writeFileSync(join(planted, 'b.js'), `fetch(${JSON.stringify(backendUrl.value)})`);
      const leaks = findDistLeaks(planted);
      expect(leaks.map((leak) => leak.kind)).toContain('webhook signing secret (whsec_)');
      if (backendUrl) expect(leaks.some((leak) => leak.kind === backendUrl.kind)).toBe(true);
      expect(JSON.stringify(leaks)).not.toContain('whsec_MDEy');
    } finally {
      rmSync(planted, { recursive: true, force: true });
    }
  });
});
