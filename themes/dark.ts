/** The `dark` theme's CSS; the same text as themes/dark.css (a test keeps them equal). */
export const darkCss = `/* leadkit theme "dark": light text on a near-black surface; every pair meets WCAG AA contrast. The theme
   sets only defaults (--leadkit-theme-*); a page's --leadkit-* on the element or any ancestor wins. */
:host,
leadkit-form,
leadkit-booking,
leadkit-slot-picker,
leadkit-booking-confirm {
  --leadkit-theme-color-primary: #93c5fd;
  --leadkit-theme-color-on-primary: #0b1220;
  --leadkit-theme-color-text: #f3f4f6;
  --leadkit-theme-color-muted: #d1d5db;
  --leadkit-theme-color-bg: #111827;
  --leadkit-theme-color-field-bg: #1f2937;
  --leadkit-theme-color-border: #9ca3af;
  --leadkit-theme-color-error: #fca5a5;
  --leadkit-theme-color-success: #86efac;
  --leadkit-theme-color-focus: #93c5fd;
  --leadkit-theme-radius: 6px;
  --leadkit-theme-font:
    system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  --leadkit-theme-font-size: 1rem;
  --leadkit-theme-padding: 1rem;
  --leadkit-theme-spacing: 1rem;
}
`;
