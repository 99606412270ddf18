/**
 * What `leadkit serve` runs with no config file: an SQLite store under ./.leadkit/, one
 * `local` backend and a demo form, allowed from the proxy's own origin, and the demo pages
 * (a config file serves them only with `"demo": true`). The admin token and `secret` are
 * generated on first start and kept in the store.
 * The demo calendar of CONTRACT §5 joins this with the booking issue.
 */
export const DEFAULT_CONFIG = {
  store: 'sqlite:./.leadkit/leadkit.db',
  demo: true,
  backends: { inbox: { type: 'local' } },
  forms: {
    demo: {
      fields: ['name', 'email', 'phone', 'message'],
      deliver: ['inbox'],
      consent: { text: 'I agree to be contacted about my enquiry.', version: '1', required: true },
    },
  },
} as const;
