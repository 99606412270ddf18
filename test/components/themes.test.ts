import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getThemeCss, THEME_NAMES } from '../../themes/index';

const REQUIRED = [
  '--leadkit-color-primary',
  '--leadkit-color-text',
  '--leadkit-color-bg',
  '--leadkit-radius',
  '--leadkit-font-size',
  '--leadkit-spacing',
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
