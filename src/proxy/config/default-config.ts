/**
 * What `leadkit serve` runs with no config file: an SQLite store under ./.leadkit/, one
 * `local` backend and a demo form, allowed from the proxy's own origin. The admin token
 * and `secret` are generated on first start and kept in the store.
 * The demo calendar of CONTRACT §5 joins this with the booking issue.
 */
export const DEFAULT_CONFIG = {
  store: 'sqlite:./.leadkit/leadkit.db',
  backends: { inbox: { type: 'local' } },
  forms: {
    demo: {
      fields: ['name', 'email', 'phone', 'message'],
      deliver: ['inbox'],
      consent: { text: 'I agree to be contacted about my enquiry.', version: '1', required: true },
    },
  },
} as const;
