/** The `light` theme's CSS; the same text as themes/light.css (a test keeps them equal). */
export const lightCss = `/* leadkit theme "light": the default look, spelled out so it can be adjusted.
   Works inside the element (theme="light") and as a page stylesheet (dist/themes/light.css);
   custom properties set by the page on the element or an ancestor win over it. */
:host,
leadkit-form,
leadkit-booking,
leadkit-slot-picker,
leadkit-booking-confirm {
  --leadkit-color-primary: #1d4ed8;
  --leadkit-color-on-primary: #ffffff;
  --leadkit-color-text: #111827;
  --leadkit-color-muted: #4b5563;
  --leadkit-color-bg: #ffffff;
  --leadkit-color-field-bg: #ffffff;
  --leadkit-color-border: #6b7280;
  --leadkit-color-error: #b91c1c;
  --leadkit-color-success: #166534;
  --leadkit-color-focus: #1d4ed8;
  --leadkit-radius: 6px;
  --leadkit-font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  --leadkit-font-size: 1rem;
  --leadkit-padding: 0;
  --leadkit-spacing: 1rem;
}
`;
