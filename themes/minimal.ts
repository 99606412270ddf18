/** The `minimal` theme's CSS; the same text as themes/minimal.css (a test keeps them equal). */
export const minimalCss = `/* leadkit theme "minimal": no surface of its own — transparent background, the page's text
   colour (currentColor), square corners and thin rules, so the form reads as part of the page. The theme
   sets only defaults (--leadkit-theme-*); a page's --leadkit-* on the element or any ancestor wins. */
:host,
leadkit-form,
leadkit-booking,
leadkit-slot-picker,
leadkit-booking-confirm {
  --leadkit-theme-color-primary: #000000;
  --leadkit-theme-color-on-primary: #ffffff;
  --leadkit-theme-color-text: currentColor;
  --leadkit-theme-color-muted: currentColor;
  --leadkit-theme-color-bg: transparent;
  --leadkit-theme-color-field-bg: transparent;
  --leadkit-theme-color-border: currentColor;
  --leadkit-theme-color-error: #b00020;
  --leadkit-theme-color-success: currentColor;
  --leadkit-theme-color-focus: currentColor;
  --leadkit-theme-radius: 0;
  --leadkit-theme-font-size: 1em;
  --leadkit-theme-padding: 0;
  --leadkit-theme-spacing: 0.875rem;
}
`;
