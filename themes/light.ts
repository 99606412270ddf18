/** The `light` theme's CSS; the same text as themes/light.css (a test keeps them equal). */
export const lightCss = `/* leadkit theme "light": the default look, spelled out so it can be adjusted.
   Works inside the element (theme="light") and as a page stylesheet (dist/themes/light.css);
   The theme sets only defaults (--leadkit-theme-*): a --leadkit-* property set by the
   page on the element or any ancestor wins over it. */
:host,
leadkit-form,
leadkit-booking,
leadkit-slot-picker,
leadkit-booking-confirm {
  --leadkit-theme-color-primary: #1d4ed8;
  --leadkit-theme-color-on-primary: #ffffff;
  --leadkit-theme-color-text: #111827;
  --leadkit-theme-color-muted: #4b5563;
  --leadkit-theme-color-bg: #ffffff;
  --leadkit-theme-color-field-bg: #ffffff;
  --leadkit-theme-color-border: #6b7280;
  --leadkit-theme-color-error: #b91c1c;
  --leadkit-theme-color-success: #166534;
  --leadkit-theme-color-focus: #1d4ed8;
  --leadkit-theme-radius: 6px;
  --leadkit-theme-font:
    system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  --leadkit-theme-font-size: 1rem;
  --leadkit-theme-padding: 0;
  --leadkit-theme-spacing: 1rem;
}
`;
