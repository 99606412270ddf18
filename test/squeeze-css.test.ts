import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squeezeCss } from '../scripts/squeeze-css';
import { darkCss } from '../themes/dark';
import { lightCss } from '../themes/light';
import { minimalCss } from '../themes/minimal';
import { bookingCss } from '../widgets/booking-confirm/booking-confirm-styles';
import { leadFormCss } from '../widgets/lead-form/lead-form-styles';
import { slotPickerCss } from '../widgets/slot-picker/slot-picker-styles';
import { CHROMIUM_MISSING, launchChromium } from './e2e/chromium';

// The build squeezes these sheets (vite.config.ts); Chromium's own parser must read the same
// rules from the squeezed text as from the text as written.
const SHEETS = { leadFormCss, slotPickerCss, bookingCss, lightCss, darkCss, minimalCss };

if (CHROMIUM_MISSING) console.log(`squeeze-css check skipped: ${CHROMIUM_MISSING}`);

describe('squeezeCss', () => {
  it('drops comments, line breaks and the spaces around punctuation', () => {
    expect(squeezeCss('/* note */\n.a > .b,\n.c {\n  color: red;\n  margin: 0 auto;\n}\n')).toBe(
      ' .a>.b,.c{color:red;margin:0 auto}',
    );
  });

  it('keeps a line break that separates two tokens as a space', () => {
    expect(squeezeCss('.a\n.b { grid-template-areas: a\n  b; }')).toBe('.a .b{grid-template-areas:a b}');
  });
});

describe.skipIf(CHROMIUM_MISSING !== null)('squeezed sheets in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const rulesOf = (css: string) =>
    page
      .evaluate((text) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        return [...sheet.cssRules].map((rule) => rule.cssText);
      }, css)
      .then((rules) =>
        // A custom property's value is kept as written, so its `, ` and `,` serialise apart,
        // though they mean the same (whitespace around a var() fallback is not significant).
        rules.map((rule) => rule.replace(/,\s+/g, ',')),
      );

  it.each(Object.entries(SHEETS))('%s parses to the same rules', async (_name, css) => {
    const written = await rulesOf(css);
    expect(written.length).toBeGreaterThan(0);
    expect(await rulesOf(squeezeCss(css))).toEqual(written);
  });
});
