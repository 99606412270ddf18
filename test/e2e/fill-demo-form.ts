/**
 * Fills the `demo` form through its accessible names (the way assistive technology finds the
 * fields), for tests where keyboard travel is not the point. `scope` may be the page or one
 * `<leadkit-form>` locator when several forms share a page.
 */
import type { Locator, Page } from 'playwright-core';

/** The demo form's values. */
export interface DemoLead {
  name: string;
  email: string;
  phone?: string;
  message?: string;
  consent?: boolean;
}

/** Waits for the form to be rendered, fills it, ticks consent and (unless `submit: false`) sends it. */
export async function fillDemoForm(
  scope: Page | Locator,
  lead: DemoLead,
  options: { submit?: boolean } = {},
): Promise<void> {
  const name = scope.getByRole('textbox', { name: /^(name|الاسم)/i });
  await name.waitFor({ timeout: 10_000 });
  await name.fill(lead.name);
  await scope.getByRole('textbox', { name: /^(email|البريد)/i }).fill(lead.email);
  if (lead.phone !== undefined)
    await scope.getByRole('textbox', { name: /^(phone|الهاتف)/i }).fill(lead.phone);
  if (lead.message !== undefined)
    await scope.getByRole('textbox', { name: /^(message|الرسالة)/i }).fill(lead.message);
  if (lead.consent !== false) await scope.getByRole('checkbox').check();
  if (options.submit !== false) await scope.getByRole('button', { name: /^(send|إرسال)/i }).click();
}
