/** The `dark` theme's CSS; the same text as themes/dark.css (a test keeps them equal). */
export const darkCss = `/* leadkit theme "dark": light text on a near-black surface; every pair meets WCAG AA contrast. */
:host,
leadkit-form,
leadkit-booking,
leadkit-slot-picker,
leadkit-booking-confirm {
  --leadkit-color-primary: #93c5fd;
  --leadkit-color-on-primary: #0b1220;
  --leadkit-color-text: #f3f4f6;
  --leadkit-color-muted: #d1d5db;
  --leadkit-color-bg: #111827;
  --leadkit-color-field-bg: #1f2937;
  --leadkit-color-border: #9ca3af;
  --leadkit-color-error: #fca5a5;
  --leadkit-color-success: #86efac;
  --leadkit-color-focus: #93c5fd;
  --leadkit-radius: 6px;
  --leadkit-font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  --leadkit-font-size: 1rem;
  --leadkit-padding: 1rem;
  --leadkit-spacing: 1rem;
}
`;
