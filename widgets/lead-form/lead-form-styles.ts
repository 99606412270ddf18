/**
 * The form's own stylesheet. Every colour, radius, font and spacing comes from a
 * `--leadkit-*` custom property, else the theme's `--leadkit-theme-*` default, else the light
 * look. A theme sets only the `-theme-` names, so a page's `--leadkit-*` on the element or any
 * ancestor (inherited) still wins over it; `::part()` reaches the pieces. Targets are at least 44 px tall (WCAG 2.5.8 asks for 24 px).
 */
/**
 * The design tokens every leadkit element shares: each `--lk-*` reads the page's `--leadkit-*`,
 * else the theme's `--leadkit-theme-*`, else the light look. The slot picker builds on it too.
 */
export const leadkitHostCss = `
:host {
  --lk-text: var(--leadkit-color-text, var(--leadkit-theme-color-text, #111827));
  --lk-muted: var(--leadkit-color-muted, var(--leadkit-theme-color-muted, #4b5563));
  --lk-bg: var(--leadkit-color-bg, var(--leadkit-theme-color-bg, #ffffff));
  --lk-field-bg: var(--leadkit-color-field-bg, var(--leadkit-theme-color-field-bg, #ffffff));
  --lk-border: var(--leadkit-color-border, var(--leadkit-theme-color-border, #6b7280));
  --lk-primary: var(--leadkit-color-primary, var(--leadkit-theme-color-primary, #1d4ed8));
  --lk-on-primary: var(--leadkit-color-on-primary, var(--leadkit-theme-color-on-primary, #ffffff));
  --lk-focus: var(--leadkit-color-focus, var(--leadkit-theme-color-focus, var(--lk-primary)));
  --lk-error: var(--leadkit-color-error, var(--leadkit-theme-color-error, #b91c1c));
  --lk-success: var(--leadkit-color-success, var(--leadkit-theme-color-success, #166534));
  --lk-radius: var(--leadkit-radius, var(--leadkit-theme-radius, 6px));
  --lk-gap: var(--leadkit-spacing, var(--leadkit-theme-spacing, 1rem));
  --lk-padding: var(--leadkit-padding, var(--leadkit-theme-padding, 0));
  display: block;
  color: var(--lk-text);
  background: var(--lk-bg);
  font-family: var(--leadkit-font, var(--leadkit-theme-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif));
  font-size: var(--leadkit-font-size, var(--leadkit-theme-font-size, 1rem));
  line-height: 1.5;
}
:host([hidden]) { display: none; }
`;

export const leadFormCss = `${leadkitHostCss}
* { box-sizing: border-box; }
.root { padding: var(--lk-padding); }
form { display: grid; gap: var(--lk-gap); margin: 0; }
.field { display: grid; gap: calc(var(--lk-gap) / 4); min-width: 0; }
.check { display: grid; grid-template-columns: auto 1fr; gap: calc(var(--lk-gap) / 2); align-items: start; }
label { font-weight: 600; }
.check label { font-weight: 400; }
.note { margin: 0; color: var(--lk-muted); font-size: 0.875em; }
input, select, textarea, button { font: inherit; color: inherit; }
input:not([type=checkbox]), select, textarea {
  width: 100%;
  min-height: 44px;
  padding: 0.5em 0.75em;
  border: 1px solid var(--lk-border);
  border-radius: var(--lk-radius);
  background: var(--lk-field-bg);
}
textarea { min-height: 6.5em; resize: vertical; }
input[type=checkbox] { width: 24px; height: 24px; margin: 0; accent-color: var(--lk-primary); }
.phone { display: grid; grid-template-columns: minmax(6.5em, 40%) 1fr; gap: calc(var(--lk-gap) / 2); }
.phone input { direction: ltr; }
.root[dir=rtl] .phone input { text-align: right; }
[aria-invalid=true] { border-color: var(--lk-error); border-width: 2px; }
.error { margin: 0; color: var(--lk-error); font-size: 0.875em; }
button {
  min-height: 44px;
  min-width: 44px;
  padding: 0.5em 1.25em;
  border: 2px solid var(--lk-primary);
  border-radius: var(--lk-radius);
  background: var(--lk-primary);
  color: var(--lk-on-primary);
  font-weight: 600;
  cursor: pointer;
  justify-self: start;
}
button.secondary { background: transparent; color: inherit; }
button[aria-disabled=true] { opacity: 0.7; cursor: progress; }
:focus-visible, [tabindex='-1']:focus { outline: 3px solid var(--lk-focus); outline-offset: 2px; }
.message { margin: 0; padding: var(--lk-gap); border: 1px solid var(--lk-border); border-radius: var(--lk-radius); }
.message.ok { border-color: var(--lk-success); }
.alert { margin: 0; color: var(--lk-error); font-weight: 600; }
.sr-only, .hp {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
@media (prefers-reduced-motion: no-preference) { button { transition: filter 0.15s; } }
button:hover { filter: brightness(1.1); }
`;

const sheets = new Map<string, CSSStyleSheet>();

/**
 * Styles a shadow root without anything a strict CSP blocks: constructable stylesheets
 * (`adoptedStyleSheets`, shared between every element on the page), falling back to a
 * `<style>` element only in engines that lack them (they predate CSP-nonce-less shadow DOM
 * anyway). Returns the fallback element, if one was used, so a later call can update it.
 */
export function adoptStyles(
  root: ShadowRoot,
  cssTexts: string[],
  fallback?: HTMLStyleElement,
): HTMLStyleElement | undefined {
  const canAdopt =
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet !== 'undefined' &&
    'replaceSync' in CSSStyleSheet.prototype;
  if (canAdopt) {
    try {
      root.adoptedStyleSheets = cssTexts.map((css) => {
        let sheet = sheets.get(css);
        if (!sheet) {
          sheet = new CSSStyleSheet();
          sheet.replaceSync(css);
          sheets.set(css, sheet);
        }
        return sheet;
      });
      return undefined;
    } catch {
      // Fall through to the <style> element.
    }
  }
  const style = fallback ?? root.ownerDocument.createElement('style');
  style.textContent = cssTexts.join('\n');
  if (!style.isConnected) root.prepend(style);
  return style;
}
