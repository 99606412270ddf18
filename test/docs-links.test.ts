/**
 * Every relative link in README.md and docs/**\/*.md points at a file that exists, and every
 * `#anchor` at a heading of that file, slugged as GitHub does. A page moved or a heading
 * renamed breaks the docs for a reader without anyone noticing; this test notices. It also
 * checks that README links every docs page, so no page is unreachable from the front door.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function listMarkdown(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listMarkdown(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** The text outside fenced code blocks and inline code, where a `](…)` is a real link. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading anchor (github-slugger): lower case, punctuation dropped, spaces to `-`. */
function toGithubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link keeps its text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/(\*\*|__|[*`])/g, ''); // emphasis and code marks
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a file's headings make, with GitHub's `-1`, `-2` suffixes for repeats. */
function getAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const match of text.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const slug = toGithubSlug(match[1] ?? '');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

function getLinks(markdown: string): string[] {
  return [...withoutCode(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? '');
}

const files = [join(root, 'README.md'), ...listMarkdown(join(root, 'docs'))];

describe('docs links', () => {
  it('toGithubSlug slugs headings as GitHub does', () => {
    expect(toGithubSlug('Rate limits under a flood')).toBe('rate-limits-under-a-flood');
    expect(toGithubSlug('`check-config --live`')).toBe('check-config---live');
    expect(toGithubSlug('QualifyBase (`"type": "qualifybase"`)')).toBe('qualifybase-type-qualifybase');
    expect(toGithubSlug('Mapping: canonical lead → Qvoo')).toBe('mapping-canonical-lead--qvoo');
    expect(toGithubSlug('1. See a lead arrive')).toBe('1-see-a-lead-arrive');
  });

  for (const file of files) {
    it(`every relative link and anchor in ${relative(root, file)} resolves`, () => {
      const broken: string[] = [];
      for (const link of getLinks(readFileSync(file, 'utf8'))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:
        const [path = '', anchor] = link.split('#', 2);
        const target = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
        if (!existsSync(target)) {
          broken.push(`${link}: no file ${relative(root, target)}`);
          continue;
        }
        if (anchor === undefined || statSync(target).isDirectory()) continue;
        if (!target.endsWith('.md')) continue;
        if (!getAnchors(readFileSync(target, 'utf8')).has(decodeURIComponent(anchor))) {
          broken.push(`${link}: no heading #${anchor} in ${relative(root, target)}`);
        }
      }
      expect(broken.join('\n')).toBe('');
    });
  }

  it('README links every docs page', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const linked = new Set(
      getLinks(readme)
        .map((link) => link.split('#')[0] ?? '')
        .filter((path) => path !== '')
        .map((path) => resolve(root, path)),
    );
    const unlinked = listMarkdown(join(root, 'docs'))
      .filter((page) => !linked.has(page))
      .map((page) => relative(root, page));
    expect(unlinked).toEqual([]);
  });

  it('README stays a front door: under 250 lines, with the two commands at the top', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThan(250);
    const top = readme.split('\n').slice(0, 10).join('\n');
    expect(top).toContain('npm install && npm start');
    expect(top).toContain('npm test');
  });
});
