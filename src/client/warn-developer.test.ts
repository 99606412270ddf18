import { afterEach, expect, it, vi } from 'vitest';
import { adviseDeveloper } from './warn-developer';

afterEach(() => vi.restoreAllMocks());

it('names the fix for each refusal a developer can act on, once per page, and stays quiet about others', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  for (let i = 0; i < 3; i++) {
    adviseDeveloper('origin_not_allowed', 'contact', 'https://app.example');
    adviseDeveloper('form_not_found', 'contcat', 'https://app.example');
    adviseDeveloper('rate_limited', 'contact', 'https://app.example');
    adviseDeveloper('network', 'contact', 'https://app.example');
    adviseDeveloper('validation_failed', 'contact', 'https://app.example');
  }
  expect(warn.mock.calls.map((call) => call[0])).toEqual([
    `leadkit: <leadkit-form form="contact">: the proxy does not accept this page's origin: add https://app.example to forms.contact.origins in the proxy's config.`,
    `leadkit: <leadkit-form form="contcat">: the proxy has no form "contcat": check the form attribute, or add forms.contcat to the proxy's config.`,
    `leadkit: <leadkit-form form="contact">: the proxy's intake rate limit was reached: raise limits.perIp / limits.perForm (or forms.contact.limits) in the proxy's config if real visitors hit it.`,
  ]);
});
