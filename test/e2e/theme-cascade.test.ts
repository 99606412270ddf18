/**
 * A theme supplies defaults; `--leadkit-*` custom properties set by the page on any ancestor
 * (or on the element) override them, in real Chromium where the cascade is computed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, launchChromium, newTestContext } from './chromium';
import { startTestSite, type TestSite } from './test-site';

describe.skipIf(CHROMIUM_MISSING !== null)('theme cascade in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    site = await startTestSite();
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** A page whose `<leadkit-form>` sits in an ancestor with `ancestor` custom properties. */
  async function openForm(
    theme: string | null,
    ancestor: Record<string, string>,
    own: Record<string, string> = {},
  ): Promise<Page> {
    const context = await newTestContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${site.origin}/marketer/`);
    await page.locator('leadkit-form').getByRole('button', { name: /^send/i }).waitFor();
    await page.evaluate(
      ({ theme, ancestor, own }) => {
        const wrapper = document.createElement('section');
        for (const [name, value] of Object.entries(ancestor)) wrapper.style.setProperty(name, value);
        const form = document.createElement('leadkit-form');
        form.id = 'themed';
        form.setAttribute('endpoint', '/');
        form.setAttribute('form', 'demo');
        if (theme) form.setAttribute('theme', theme);
        for (const [name, value] of Object.entries(own)) form.style.setProperty(name, value);
        wrapper.append(form);
        document.body.append(wrapper);
      },
      { theme, ancestor, own },
    );
    await page.locator('#themed').getByRole('button', { name: /^send/i }).waitFor();
    return page;
  }

  const buttonColours = (page: Page) =>
    page.locator('#themed').evaluate((host) => {
      const button = host.shadowRoot?.querySelector('button') as HTMLElement;
      const root = host.shadowRoot?.querySelector('.root') as HTMLElement;
      return {
        button: getComputedStyle(button).backgroundColor,
        radius: getComputedStyle(button).borderTopLeftRadius,
        text: getComputedStyle(root).color,
      };
    });

  it.each(['dark', 'light', 'minimal', null])(
    "theme=%s: an ancestor's --leadkit-* wins over the theme",
    async (theme) => {
      const page = await openForm(theme, {
        '--leadkit-color-primary': 'rgb(1, 2, 3)',
        '--leadkit-radius': '13px',
        '--leadkit-color-text': 'rgb(4, 5, 6)',
      });
      expect(await buttonColours(page)).toEqual({
        button: 'rgb(1, 2, 3)',
        radius: '13px',
        text: 'rgb(4, 5, 6)',
      });
    },
  );

  it("keeps the theme's values where the page sets nothing, and the element's own over an ancestor's", async () => {
    const page = await openForm(
      'dark',
      { '--leadkit-color-primary': 'rgb(1, 2, 3)' },
      { '--leadkit-color-primary': 'rgb(7, 8, 9)' },
    );
    const colours = await buttonColours(page);
    expect(colours.button).toBe('rgb(7, 8, 9)');
    // The dark theme's text colour (#f3f4f6), not the light default.
    expect(colours.text).toBe('rgb(243, 244, 246)');
  });
});
