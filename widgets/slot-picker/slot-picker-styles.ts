import { leadkitHostCss } from '../lead-form/lead-form-styles';

/**
 * The picker's stylesheet over the shared tokens (`--leadkit-*` over `--leadkit-theme-*`).
 * Day cells and times are at least 44 px (WCAG 2.5.8 asks for 24 px); below 360 px the grid
 * tightens so 320 px still fits seven columns.
 */
export const slotPickerCss = `${leadkitHostCss}
* { box-sizing: border-box; }
:host { container-type: inline-size; }
.root { padding: var(--lk-padding); display: grid; gap: calc(var(--lk-gap) / 2); position: relative; }
button { font: inherit; color: inherit; cursor: pointer; }
.month-bar { display: flex; align-items: center; justify-content: space-between; gap: 0.5em; }
.month-title { margin: 0; font-size: 1.125em; }
.nav { min-width: 44px; min-height: 44px; border: 1px solid var(--lk-border); border-radius: var(--lk-radius); background: var(--lk-field-bg); font-size: 1.25em; }
.nav[aria-disabled=true] { opacity: 0.4; cursor: default; }
.grid { width: 100%; border-collapse: separate; border-spacing: 2px; table-layout: fixed; }
.grid th { font-weight: 600; font-size: 0.8em; color: var(--lk-muted); padding: 0.25em 0; }
.day { height: 44px; text-align: center; border-radius: var(--lk-radius); color: var(--lk-muted); cursor: default; }
.day.available { background: color-mix(in srgb, var(--lk-primary) 12%, var(--lk-bg)); color: var(--lk-text); font-weight: 600; cursor: pointer; }
.day.today span { text-decoration: underline; text-underline-offset: 3px; }
.day[aria-selected=true] { background: var(--lk-primary); color: var(--lk-on-primary); }
.day.skeleton { color: transparent; background: color-mix(in srgb, var(--lk-muted) 14%, var(--lk-bg)); }
@media (prefers-reduced-motion: no-preference) { .day.skeleton { animation: lk-pulse 1.2s ease-in-out infinite; } }
@keyframes lk-pulse { 50% { opacity: 0.5; } }
.zone-line { margin: 0; color: var(--lk-muted); font-size: 0.875em; }
.link { justify-self: start; background: none; border: 0; padding: 0.25em 0; min-height: 24px; color: var(--lk-primary); text-decoration: underline; }
.popover { position: absolute; z-index: 10; width: min(20rem, calc(100vw - 16px)); display: grid; grid-template-rows: auto 1fr; gap: 0.5em; padding: 0.5em; overflow: hidden; background: var(--lk-bg); color: var(--lk-text); border: 1px solid var(--lk-border); border-radius: var(--lk-radius); box-shadow: 0 6px 24px rgb(0 0 0 / 0.18); }
.popover[hidden] { display: none; }
.popover input { font: inherit; min-height: 44px; width: 100%; padding: 0.5em; border: 1px solid var(--lk-border); border-radius: var(--lk-radius); background: var(--lk-field-bg); color: inherit; }
.zone-list { list-style: none; margin: 0; padding: 0; overflow-y: auto; }
.zone-option { width: 100%; text-align: start; min-height: 44px; background: none; border: 0; padding: 0.25em 0.5em; border-radius: var(--lk-radius); }
.zone-option[aria-current=true] { font-weight: 700; }
.zone-option:hover { background: color-mix(in srgb, var(--lk-primary) 10%, var(--lk-bg)); }
.times { display: grid; gap: 0.5em; }
.times-title { margin: 0; font-size: 1em; }
.slot-list { display: grid; grid-template-columns: repeat(auto-fill, minmax(7.5em, 1fr)); gap: 0.5em; }
.slot { min-height: 44px; display: grid; align-content: center; justify-items: center; padding: 0.25em 0.5em; border: 2px solid var(--lk-primary); border-radius: var(--lk-radius); color: var(--lk-primary); font-weight: 600; cursor: pointer; text-align: center; }
.slot[aria-selected=true] { background: var(--lk-primary); color: var(--lk-on-primary); }
.slot-secondary { font-weight: 400; font-size: 0.8em; }
.note { margin: 0; color: var(--lk-muted); }
.alert { margin: 0; color: var(--lk-error); font-weight: 600; }
.root > button:not(.link) { min-height: 44px; padding: 0.5em 1.25em; border: 2px solid var(--lk-primary); border-radius: var(--lk-radius); background: var(--lk-primary); color: var(--lk-on-primary); font-weight: 600; justify-self: start; }
:focus-visible, [tabindex]:focus { outline: 3px solid var(--lk-focus); outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
/* Below 480 px the grid becomes a week strip: only the focused day's week is shown, arrows and
   Page keys still move through the month (the row of the new focus appears). */
.week-note { display: none; }
@container (max-width: 479px) {
  .grid tbody tr.week:not(.current) { display: none; }
  .week-note { display: block; }
}
@container (max-width: 359px) { .grid { border-spacing: 1px; } .grid th { font-size: 0.7em; } }
`;
