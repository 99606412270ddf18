/**
 * The proxy's one error type (STYLE.md). `onError` turns it into the contract's JSON error
 * `{ error: { code, message, fields? } }`; `cause` is logged, never sent.
 */
export class ProxyError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 502 | 503,
    readonly code: string,
    message: string,
    readonly options: {
      fields?: Record<string, string>;
      headers?: Record<string, string>;
      cause?: unknown;
      /** More members of `error` beside code and message (a 409 slot_unavailable's `alternatives`). */
      details?: Record<string, unknown>;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ProxyError';
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...this.options.details,
        ...(this.options.fields ? { fields: this.options.fields } : {}),
      },
    };
  }
}
