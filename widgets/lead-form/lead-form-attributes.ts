/**
 * The attributes of `<leadkit-form>` (CONTRACT §2), as typed for JSX and
 * `HTMLElementTagNameMap` users. `prefill` and `hidden-fields` are JSON objects in HTML;
 * the `prefill` and `hiddenFields` properties take objects directly.
 */
export interface LeadFormAttributes {
  /** Base URL of the leadkit proxy, e.g. `https://leads.example.com`. Required. */
  endpoint: string;
  /** The form's id in the proxy's config. Required. */
  form: string;
  /** `light`, `dark` or `minimal`; inlined, so it costs no request. */
  theme?: string;
  /** BCP 47 tag; default: the page's `lang`, then the form's locale, then the browser's. */
  locale?: string;
  /** IANA time zone sent with the lead; default: the browser's. */
  timezone?: string;
  /** JSON object of field values, e.g. `{"interest":"pricing"}`. */
  prefill?: string;
  /** JSON object of values sent with the lead but not shown. */
  'hidden-fields'?: string;
  /** Text shown after a successful submission. */
  'success-message'?: string;
  /** http(s) URL to go to after a successful submission. */
  redirect?: string;
}

/**
 * Parses a JSON-object attribute (its values are checked per field later). A malformed value is a page author's typo: it yields
 * undefined and the reason, never an exception into the host page.
 */
export function parseJsonAttribute(
  value: string | null,
): { ok: true; value: Record<string, unknown> | undefined } | { ok: false; message: string } {
  if (value === null || value.trim() === '') return { ok: true, value: undefined };
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return { ok: false, message: 'is not valid JSON' };
  }
  return typeof data === 'object' && data !== null && !Array.isArray(data)
    ? { ok: true, value: data as Record<string, unknown> }
    : { ok: false, message: 'must be a JSON object' };
}
