/** The `minimal` theme's CSS; the same text as themes/minimal.css (a test keeps them equal). */
export const minimalCss = `/* leadkit theme "minimal": no surface of its own — transparent background, the page's text
   colour (currentColor), square corners and thin rules, so the form reads as part of the page. */
:host,
leadkit-form,
leadkit-booking,
leadkit-slot-picker,
leadkit-booking-confirm {
  --leadkit-color-primary: #000000;
  --leadkit-color-on-primary: #ffffff;
  --leadkit-color-text: currentColor;
  --leadkit-color-muted: currentColor;
  --leadkit-color-bg: transparent;
  --leadkit-color-field-bg: transparent;
  --leadkit-color-border: currentColor;
  --leadkit-color-error: #b00020;
  --leadkit-color-success: currentColor;
  --leadkit-color-focus: currentColor;
  --leadkit-radius: 0;
  --leadkit-font-size: 1em;
  --leadkit-padding: 0;
  --leadkit-spacing: 0.875rem;
}
`;
