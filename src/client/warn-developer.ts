const warned = new Set<string>();
const MAX_WARNINGS = 50;

/**
 * Prints a console warning for the page's developer — a mistake they can fix in their HTML or
 * the proxy's config — once per page for each distinct text, so a re-render or a retry loop
 * does not flood the console. The `leadkit:error` event beside it is what code should act on.
 */
export function warnDeveloper(form: string, message: string): void {
  const text = `leadkit: <leadkit-form form="${form}">: ${message}`;
  if (warned.has(text) || warned.size >= MAX_WARNINGS) return;
  warned.add(text);
  try {
    console.warn(text);
  } catch {
    // A page that replaced `console` with something broken still gets the event.
  }
}

/**
 * Warns, once, about a refusal the page's developer fixes in the proxy's config or the
 * element's attributes, naming the fix (docs/events-and-errors.md marks these codes ⚠).
 */
export function adviseDeveloper(code: string, form: string, pageOrigin: string | undefined): void {
  const key = `forms.${form}`;
  if (code === 'origin_not_allowed')
    warnDeveloper(
      form,
      `the proxy does not accept this page's origin: add ${pageOrigin ?? 'the page origin'} to ${key}.origins in the proxy's config.`,
    );
  else if (code === 'form_not_found')
    warnDeveloper(
      form,
      `the proxy has no form "${form}": check the form attribute, or add ${key} to the proxy's config.`,
    );
  else if (code === 'rate_limited')
    warnDeveloper(
      form,
      `the proxy's intake rate limit was reached: raise limits.perIp / limits.perForm (or ${key}.limits) in the proxy's config if real visitors hit it.`,
    );
}
