/** An attribute of a start tag, with where its value sits in the source. */
export interface HtmlAttribute {
  /** Lowercase, as HTML compares attribute names. */
  name: string;
  /** The value as written (entities not decoded); '' for a bare attribute. */
  raw: string;
  /** Source offsets of the value including its quotes; equal when there is no value. */
  start: number;
  end: number;
}

/** A tag as the scanner met it. `name` is lowercase. */
export type HtmlTag =
  | { kind: 'start'; name: string; attributes: HtmlAttribute[]; start: number; end: number }
  | { kind: 'end'; name: string; start: number; end: number };

// Elements whose content is text to the HTML parser: a "<a href" inside a script is not a link.
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'noscript',
  'iframe',
  'noembed',
  'noframes',
]);
const isSpace = (ch: string | undefined) =>
  ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f';
const isLetter = (ch: string | undefined) => !!ch && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));

/**
 * Walks an HTML document's tags the way the HTML tokenizer (WHATWG HTML §13.2.5) splits
 * them: comments, doctypes and processing instructions skipped, raw-text elements' content
 * skipped, attribute values double-quoted, single-quoted or unquoted, names compared
 * case-insensitively. Enough to find and rewrite attributes without a regex over markup,
 * and without building a tree; text is left exactly as it was.
 */
export function scanHtmlTags(html: string): HtmlTag[] {
  const tags: HtmlTag[] = [];
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html[lt + 1];
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? n : close + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      const close = html.indexOf('>', lt + 2);
      i = close < 0 ? n : close + 1;
      continue;
    }
    const isEnd = next === '/';
    const nameAt = lt + (isEnd ? 2 : 1);
    if (!isLetter(html[nameAt])) {
      i = lt + 1; // a lone "<" in text
      continue;
    }
    let j = nameAt;
    while (j < n && !isSpace(html[j]) && html[j] !== '/' && html[j] !== '>') j++;
    const name = html.slice(nameAt, j).toLowerCase();
    const attributes: HtmlAttribute[] = [];
    while (j < n && html[j] !== '>') {
      if (isSpace(html[j]) || html[j] === '/') {
        j++;
        continue;
      }
      const attrAt = j;
      // The first character may be "=" (a parse error the tokenizer keeps in the name).
      j++;
      while (j < n && !isSpace(html[j]) && html[j] !== '/' && html[j] !== '>' && html[j] !== '=') j++;
      const attrName = html.slice(attrAt, j).toLowerCase();
      let k = j;
      while (isSpace(html[k])) k++;
      if (html[k] !== '=') {
        attributes.push({ name: attrName, raw: '', start: j, end: j });
        continue;
      }
      k++;
      while (isSpace(html[k])) k++;
      const quote = html[k];
      let start = k;
      let end: number;
      let raw: string;
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, k + 1);
        end = close < 0 ? n : close + 1;
        raw = html.slice(k + 1, close < 0 ? n : close);
      } else {
        start = k;
        while (k < n && !isSpace(html[k]) && html[k] !== '>') k++;
        end = k;
        raw = html.slice(start, end);
      }
      attributes.push({ name: attrName, raw, start, end });
      j = end;
    }
    const tagEnd = Math.min(n, j + 1);
    if (isEnd) tags.push({ kind: 'end', name, start: lt, end: tagEnd });
    else tags.push({ kind: 'start', name, attributes, start: lt, end: tagEnd });
    i = tagEnd;
    if (!isEnd && RAW_TEXT.has(name)) {
      const lower = html.toLowerCase();
      let close = lower.indexOf(`</${name}`, i);
      // "</scriptx" does not close a script.
      while (
        close >= 0 &&
        !(
          isSpace(lower[close + name.length + 2]) ||
          ['>', '/', undefined].includes(lower[close + name.length + 2])
        )
      )
        close = lower.indexOf(`</${name}`, close + 1);
      i = close < 0 ? n : close;
    }
  }
  return tags;
}
