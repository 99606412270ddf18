import { describe, expect, it } from 'vitest';
import { createLeadRef } from '../security/lead-ref';
import { createTrackingLinks } from './create-tracking-links';
import { resolveTrackingSettings } from './resolve-tracking-settings';
import { rewriteEmailHtml } from './rewrite-email-html';
import { parseTrackingToken } from './tracking-token';

const secret = 'current-secret-0123456789abcdef';
const leadRef = createLeadRef('lead-1', secret);
const settings = resolveTrackingSettings({
  publicUrl: 'https://leads.example.com',
  tracking: {
    origins: ['https://www.example.com'],
    requireConsent: true,
    refParam: 'lk_ref',
    signalTypes: [],
    linkTtlDays: 30,
    allowHttp: false,
    machineNetworks: [],
  },
});
const options = { secret, settings, now: new Date('2026-12-01T10:00:00Z') };
const soon = new Date('2026-12-02T10:00:00Z');

function clickTarget(url: string): string | null {
  const token = url.split('/t/c/')[1] ?? '';
  return parseTrackingToken(token, 'click', [secret], soon)?.url ?? null;
}

describe('createTrackingLinks', () => {
  it('mints a pixel and a click link of one email under publicUrl', () => {
    const links = createTrackingLinks(
      { leadRef, url: 'https://www.example.com/pricing', campaign: 'spring' },
      options,
    );
    if (!links.ok) throw new Error(links.message);
    expect(links.pixel).toMatch(/^https:\/\/leads\.example\.com\/t\/o\/[A-Za-z0-9_-]+$/);
    expect(links.click).toMatch(/^https:\/\/leads\.example\.com\/t\/c\/[A-Za-z0-9_-]+$/);
    expect(clickTarget(links.click as string)).toBe('https://www.example.com/pricing');
    const open = parseTrackingToken(links.pixel.split('/t/o/')[1] as string, 'open', [secret], soon);
    expect(open).toMatchObject({ leadRef, campaign: 'spring', emailId: links.emailId });
    expect(open?.expiresAt.toISOString()).toBe('2026-12-31T10:00:00.000Z');
  });

  it('refuses a foreign leadRef, a bad campaign and a hostile URL with a code', () => {
    expect(
      createTrackingLinks({ leadRef: createLeadRef('x', 'other-secret-0123456789abc') }, options),
    ).toMatchObject({ ok: false, code: 'invalid_lead_ref' });
    expect(createTrackingLinks({ leadRef, campaign: '' }, options)).toMatchObject({
      ok: false,
      code: 'invalid_campaign',
    });
    expect(createTrackingLinks({ leadRef, url: 'https://evil.example/' }, options)).toMatchObject({
      ok: false,
      code: 'url_host_not_allowed',
    });
    expect(createTrackingLinks({ leadRef, url: 'https://leads.example.com/x' }, options).ok).toBe(true);
    expect(
      createTrackingLinks({ leadRef, url: 'https://www.example.com/?lk_ref=someone' }, options),
    ).toMatchObject({
      ok: false,
      code: 'url_carries_ref_param',
    });
  });
});

describe('rewriteEmailHtml', () => {
  const html = `<!DOCTYPE html>
<html><head><style>a[href="https://www.example.com/css"] { color: red }</style></head>
<BODY>
<!-- <a href="https://www.example.com/commented">x</a> -->
<p>Hi <A HREF="https://www.example.com/pricing?plan=pro&amp;utm_source=mail">pricing</A>,
<a class='btn' href='https://www.example.com/demo?a=1&#38;b=2'>demo</a>
<a href=https://www.example.com/plain>plain</a>
<a data-x="1" href = "  https://www.example.com/spaced  " target="_blank">spaced</a>
<a href="mailto:sales@example.com">mail</a> <a href="tel:+4930123">call</a> <a href="#top">top</a>
<a href="https://evil.example/">elsewhere</a>
<script>document.write('<a href="https://www.example.com/in-script">')</script>
<img src="https://www.example.com/logo.png" alt="a > b">
</p>
</body></html>`;

  it('tracks every web link, leaves mailto/tel/#, decodes entities, and puts the pixel before </body>', () => {
    const result = rewriteEmailHtml(html, { leadRef, campaign: 'spring' }, options);
    if ('error' in result) throw new Error(result.error.message);
    expect(result.tracked).toBe(4);
    const clicks = [...result.html.matchAll(/\/t\/c\/([A-Za-z0-9_-]+)/g)].map((m) =>
      clickTarget(`/t/c/${m[1]}`),
    );
    expect(clicks).toEqual([
      'https://www.example.com/pricing?plan=pro&utm_source=mail',
      'https://www.example.com/demo?a=1&b=2',
      'https://www.example.com/plain',
      'https://www.example.com/spaced',
    ]);
    expect(result.html).toContain('<A HREF="https://leads.example.com/t/c/');
    expect(result.html).toContain(`<a class='btn' href="https://leads.example.com/t/c/`);
    expect(result.html).toContain('<a data-x="1" href = "https://leads.example.com/t/c/');
    for (const kept of [
      'mailto:sales@example.com',
      'tel:+4930123',
      'href="#top"',
      'https://evil.example/',
      'in-script',
      'commented',
      'a[href="https://www.example.com/css"]',
      'alt="a > b"',
    ])
      expect(result.html).toContain(kept);
    expect(result.skipped).toEqual([{ href: 'https://evil.example/', code: 'url_host_not_allowed' }]);
    expect(result.html).toMatch(
      /<img src="https:\/\/leads\.example\.com\/t\/o\/[A-Za-z0-9_-]+"[^>]*><\/body><\/html>$/,
    );
    // One email: the pixel and every click share the email id.
    const ids = [...result.html.matchAll(/\/t\/[oc]\/([A-Za-z0-9_-]+)/g)].map(
      (m) =>
        (
          parseTrackingToken(m[1] as string, 'click', [secret], soon) ??
          parseTrackingToken(m[1] as string, 'open', [secret], soon)
        )?.emailId,
    );
    expect(new Set(ids)).toEqual(new Set([result.emailId]));
  });

  it('appends the pixel to a fragment without a body', () => {
    const result = rewriteEmailHtml('<p>Hello</p>', { leadRef }, options);
    if ('error' in result) throw new Error(result.error.message);
    expect(result.html).toMatch(/^<p>Hello<\/p><img src="https:\/\/leads\.example\.com\/t\/o\//);
  });
});
