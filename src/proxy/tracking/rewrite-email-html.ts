import { createEmailId, createTrackingLinks, type TrackingMintOptions } from './create-tracking-links';
import { scanHtmlTags } from './scan-html-tags';

/** What the rewrite did: the new HTML, how many links it tracked, and the links it left as they were and why. */
export interface RewrittenEmail {
  html: string;
  emailId: string;
  tracked: number;
  skipped: Array<{ href: string; code: string }>;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references a URL in an attribute may hold (`&amp;`, `&#38;`, `&#x26;`). */
function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});?/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

/** Links that are not web pages, or point inside the email: left alone. */
function isUntracked(href: string): boolean {
  if (!href || href.startsWith('#')) return true;
  const scheme = href.slice(0, href.indexOf(':') + 1).toLowerCase();
  return scheme === 'mailto:' || scheme === 'tel:' || scheme === 'sms:';
}

/**
 * Rewrites an HTML email body for one lead: every `href` of an `<a>` or `<area>` becomes a
 * signed click link of one email, and the open pixel goes before `</body>` (or at the end).
 * `mailto:`, `tel:`, `sms:` and `#` links are left alone, and so is a link minting refuses
 * (a host not on `tracking.linkHosts`, say), reported in `skipped`. Tags are found with a
 * tokenizer (scan-html-tags.ts), not a regex; everything else is kept byte for byte.
 */
export function rewriteEmailHtml(
  html: string,
  input: { leadRef: string; campaign?: string },
  options: TrackingMintOptions,
): RewrittenEmail | { error: { code: string; message: string } } {
  const emailId = options.emailId ?? createEmailId();
  const mint = (url?: string) =>
    createTrackingLinks({ leadRef: input.leadRef, campaign: input.campaign, url }, { ...options, emailId });
  const pixel = mint();
  if (!pixel.ok) return { error: { code: pixel.code, message: pixel.message } };
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const skipped: RewrittenEmail['skipped'] = [];
  let bodyEnd: number | null = null;
  for (const tag of scanHtmlTags(html)) {
    if (tag.kind === 'end') {
      if (tag.name === 'body') bodyEnd = tag.start;
      continue;
    }
    if (tag.name !== 'a' && tag.name !== 'area') continue;
    // The first of repeated attributes is the one a browser uses.
    const href = tag.attributes.find((a) => a.name === 'href');
    if (!href || href.start === href.end) continue;
    // Browsers strip ASCII whitespace around a URL attribute's value.
    const url = decodeEntities(href.raw).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
    if (isUntracked(url)) continue;
    const links = mint(url);
    if (!links.ok || !links.click) {
      skipped.push({ href: url, code: links.ok ? 'url_not_a_url' : links.code });
      continue;
    }
    // The click URL is base64url and a path: nothing in it needs escaping in an attribute.
    edits.push({ start: href.start, end: href.end, text: `"${links.click}"` });
  }
  const img = `<img src="${pixel.pixel}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">`;
  edits.push({ start: bodyEnd ?? html.length, end: bodyEnd ?? html.length, text: img });
  let out = '';
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    out += html.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  out += html.slice(at);
  return { html: out, emailId, tracked: edits.length - 1, skipped };
}
