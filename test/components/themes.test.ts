import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getThemeCss, THEME_NAMES } from '../../themes/index';

const REQUIRED = [
  '--leadkit-theme-color-primary',
  '--leadkit-theme-color-text',
  '--leadkit-theme-color-bg',
  '--leadkit-theme-radius',
  '--leadkit-theme-font-size',
  '--leadkit-theme-spacing',
];

describe('themes', () => {
  it.each(THEME_NAMES)(
    '%s: the inlined CSS equals themes/%s.css and sets the contract properties',
    (name) => {
      const css = getThemeCss(name) ?? '';
      expect(css).toBe(readFileSync(new URL(`../../themes/${name}.css`, import.meta.url), 'utf8'));
      for (const property of REQUIRED) expect(css).toContain(`${property}:`);
      expect(css).toMatch(/^:host,$/m);
    },
  );

  it('knows light, dark and minimal, and nothing else', () => {
    expect(THEME_NAMES).toEqual(['light', 'dark', 'minimal']);
    expect(getThemeCss('toString')).toBeUndefined();
    expect(getThemeCss('')).toBeUndefined();
  });
});
