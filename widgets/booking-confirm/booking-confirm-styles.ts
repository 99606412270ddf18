/**
 * What the booking elements add to the lead form's stylesheet (same custom properties). The
 * `part=booking` host is the booking inside a form, under its success message.
 */
export const bookingCss = `
:host([part~=booking]) { margin-top: var(--lk-gap); }
.title { font-size: 1.25em; margin: 0 0 var(--lk-gap); }
.back { margin-bottom: var(--lk-gap); width: auto; }
.question { font-weight: 600; }
.booked .message { margin-bottom: var(--lk-gap); }
.slot-summary { margin: 0 0 var(--lk-gap); display: grid; gap: 0.25rem; }
.slot-summary dt { color: var(--lk-muted); font-size: 0.875em; }
.slot-summary dd { margin: 0 0 0.5rem; }
.slot-summary .zone { display: block; color: var(--lk-muted); font-size: 0.875em; }
.alternatives, .links { list-style: none; padding: 0; margin: 0 0 var(--lk-gap); display: grid; gap: 0.5rem; }
.links-title { font-size: 1em; margin: var(--lk-gap) 0 0.5rem; }
.links a, .booked a { color: var(--lk-primary); display: inline-block; min-height: 44px; padding: 0.6rem 0; }
button.secondary { background: var(--lk-field-bg); color: var(--lk-primary); border: 2px solid var(--lk-primary); width: 100%; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: var(--lk-gap); }
.actions button { width: auto; }
`;
