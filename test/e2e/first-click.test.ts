/**
 * The click that blurs an invalid field must land on Send: nothing may move between the blur
 * (which shows the field's error) and the click. Real Chromium, a real mouse.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, launchChromium, newTestContext } from './chromium';
import { startTestSite, type TestSite } from './test-site';

describe.skipIf(CHROMIUM_MISSING !== null)('the first click in Chromium', () => {
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

  it.each([
    { width: 1280, height: 800 },
    { width: 360, height: 640 },
  ])('clicking Send straight from an invalid field submits ($width×$height)', async (viewport) => {
    const context = await newTestContext(browser, { viewport });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${site.origin}/marketer/`);
    const form = page.locator('leadkit-form');
    const email = form.getByRole('textbox', { name: /^email/i });
    await email.waitFor();
    await form.getByRole('textbox', { name: /^name/i }).fill('Jane Doe');
    await email.click();
    await email.pressSequentially('jane@');
    const send = form.getByRole('button', { name: /^send/i });
    await send.scrollIntoViewIfNeeded();
    const before = await send.boundingBox();
    if (!before) throw new Error('no Send button');
    // One press and release where the button is now, as a person's click would.
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await page.mouse.down();
    const between = await send.boundingBox();
    await page.mouse.up();
    expect(between?.y).toBe(before.y);
    // The click reached Send: its validation ran (consent is required and not ticked) and
    // focus went to the first problem, the email.
    await form.getByText('Please tick this box to continue.').waitFor({ timeout: 5_000 });
    await expect
      .poll(() => email.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement))
      .toBe(true);
  });
});
