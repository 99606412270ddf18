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
