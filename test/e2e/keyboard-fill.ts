/**
 * Fills `<leadkit-form>` the way a keyboard user does: Tab from the top of the page, type into
 * each field as focus reaches it, Space on the consent box, Enter on the send button. No
 * clicks, no `fill()`: if a field cannot be reached with Tab, the form cannot be sent.
 */
import type { Page } from 'playwright-core';

/** What a keyboard user types, by field. */
export interface KeyboardLead {
  name: string;
  email: string;
  phone?: string;
  message?: string;
}

/** The focused element, looking through open shadow roots. */
export interface FocusedElement {
  tag: string;
  type: string;
  name: string;
  autocomplete: string;
  text: string;
  inShadow: boolean;
  hostId: string;
}

/** Describes the element that has focus now, inside shadow roots too. */
export function getFocused(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    let host: Element | null = null;
    while (element?.shadowRoot?.activeElement) {
      host = element;
      element = element.shadowRoot.activeElement;
    }
    if (!element || element === document.body) return null;
    return {
      tag: element.tagName.toLowerCase(),
      type: element.getAttribute('type') ?? '',
      name: element.getAttribute('name') ?? '',
      autocomplete: element.getAttribute('autocomplete') ?? '',
      text: (element.textContent ?? '').trim(),
      inShadow: host !== null,
      hostId: host?.id ?? '',
    };
  });
}

/**
 * Tabs through the page and fills the form whose host has `hostId` (or the first form met).
 * Returns the fields it typed into, in the order focus reached them.
 */
export async function fillWithKeyboard(
  page: Page,
  lead: KeyboardLead,
  options: { hostId?: string; submit?: boolean; maxTabs?: number } = {},
): Promise<string[]> {
  const visited: string[] = [];
  let consentTicked = false;
  for (let step = 0; step < (options.maxTabs ?? 40); step += 1) {
    await page.keyboard.press('Tab');
    const focused = await getFocused(page);
    if (!focused?.inShadow || (options.hostId && focused.hostId !== options.hostId)) continue;
    const key = focused.name || focused.autocomplete || focused.type || focused.tag;
    if (focused.tag === 'button' && /send|senden|enviar|envoyer|إرسال/i.test(focused.text)) {
      visited.push('submit');
      if (options.submit !== false) await page.keyboard.press('Enter');
      return visited;
    }
    if (focused.type === 'checkbox' && !consentTicked) {
      await page.keyboard.press('Space');
      consentTicked = true;
      visited.push(`checkbox:${key}`);
      continue;
    }
    let value: string | undefined;
    if (focused.type === 'email' || focused.name === 'email') value = lead.email;
    else if (focused.type === 'tel' || focused.name === 'phone') value = lead.phone;
    else if (focused.tag === 'textarea' || focused.name === 'message') value = lead.message;
    else if (focused.name === 'name' || focused.autocomplete === 'name') value = lead.name;
    if (value !== undefined && !visited.includes(key)) {
      await page.keyboard.type(value);
      visited.push(key);
    }
  }
  throw new Error(
    `the send button was not reached with Tab; focus visited: ${visited.join(', ') || 'no form field'}`,
  );
}
