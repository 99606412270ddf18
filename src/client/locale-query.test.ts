import { describe, expect, it } from 'vitest';
import { toLocaleQuery } from './locale-query';

describe('toLocaleQuery', () => {
  it('asks for the attribute’s or page’s locale, which wins over the form’s and the browser’s', () => {
    expect(toLocaleQuery('de-DE', 'fr')).toBe('locale=de-DE');
  });

  it('passes the browser’s language as the fallback, after the form’s locale', () => {
    expect(toLocaleQuery(undefined, 'ar-eg')).toBe('fallback=ar-EG');
    expect(toLocaleQuery(undefined, 'not a locale!')).toBe('');
  });

  it('asks nothing for English, so the URL stays the one a preload names', () => {
    expect(toLocaleQuery('en-GB', 'de')).toBe('');
    expect(toLocaleQuery(undefined, 'en-US')).toBe('');
    expect(toLocaleQuery(undefined, undefined)).toBe('');
  });
});
