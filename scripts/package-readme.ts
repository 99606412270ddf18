/**
 * The README a tarball ships. In the repository README.md links its pages relatively
 * (`docs/apps.md`), which GitHub resolves; on npm's package page those links lead nowhere (npm
 * resolves them against a `repository`, and leadkit names none). So at pack time every relative
 * link becomes an absolute one into the `leadkit` package of the same version, whose tarball
 * ships docs/ (package.json `files`): `https://app.unpkg.com/leadkit@0.1.0/files/docs/apps.md`.
 * Pinned to the version, a link shows the page as that version has it, wherever the README is
 * read (npm's page, an editor in node_modules, where the same file also lies beside it).
 *
 * Links inside fenced or inline code are examples, not links, and stay as written; so do
 * absolute URLs, `mailto:` and in-page `#anchors`.
 */

/** Where the files of `leadkit@<version>` can be read, one page per file. */
export function getPackageFilesUrl(name: string, version: string): string {
  return `https://app.unpkg.com/${name}@${version}/files/`;
}

const CODE = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$|`[^`\n]*`/gm;
const LINK = /\]\(([^)\s]+)((?:\s+"[^"]*")?)\)/g;

function isRelative(target: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#') && !target.startsWith('/');
}

/** `markdown` with every relative link made absolute against `filesUrl`. */
export function toPackageReadme(markdown: string, filesUrl: string): string {
  const rewrite = (text: string) =>
    text.replace(LINK, (link, target: string, title: string) =>
      isRelative(target) ? `](${new URL(target, filesUrl).href}${title})` : link,
    );
  let out = '';
  let last = 0;
  for (const match of markdown.matchAll(CODE)) {
    out += rewrite(markdown.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + rewrite(markdown.slice(last));
}
