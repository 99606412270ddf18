import { darkCss } from './dark';
import { lightCss } from './light';
import { minimalCss } from './minimal';

// Inlined so the `theme` attribute costs no request; themes/*.css carry the same text for
// pages that link a theme file (copied to dist/themes/). They are TypeScript strings rather
// than `?raw` imports of the .css files because vitest empties CSS imports, which would
// leave the themes untested.
const THEMES = { light: lightCss, dark: darkCss, minimal: minimalCss } as const;

/** The names the `theme` attribute accepts. */
export type ThemeName = keyof typeof THEMES;

/** Every theme name, in a stable order. */
export const THEME_NAMES = Object.keys(THEMES) as ThemeName[];

/** A theme's CSS (custom properties on `:host` and the leadkit tags), or undefined for an unknown name. */
export function getThemeCss(name: string | null | undefined): string | undefined {
  return name && Object.hasOwn(THEMES, name) ? THEMES[name as ThemeName] : undefined;
}
