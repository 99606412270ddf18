// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureLeadRef, removeQueryParam } from './capture-lead-ref';

afterEach(() => {
  vi.restoreAllMocks();
  history.replaceState(null, '', '/');
});

describe('removeQueryParam', () => {
  it.each([
    ['https://www.example.com/p?lk_ref=abc', 'https://www.example.com/p'],
    ['https://www.example.com/p?lk_ref=abc#plans', 'https://www.example.com/p#plans'],
    [
      'https://www.example.com/p?utm_source=mail&lk_ref=abc&q=a%20b+c&flag#x',
      'https://www.example.com/p?utm_source=mail&q=a%20b+c&flag#x',
    ],
    ['https://www.example.com/p?lk_ref=a&x=1&lk_ref=b', 'https://www.example.com/p?x=1'],
    ['https://www.example.com/p?lk%5Fref=a&x=1', 'https://www.example.com/p?x=1'],
    ['https://www.example.com/p?lk_refx=1&xlk_ref=2&lk_ref', 'https://www.example.com/p?lk_refx=1&xlk_ref=2'],
    ['https://www.example.com/p?bad=%E0%A4%A&lk_ref=a', 'https://www.example.com/p?bad=%E0%A4%A'],
    ['https://www.example.com/p?x=1', 'https://www.example.com/p?x=1'],
  ])('%s → %s', (href, expected) => {
    expect(removeQueryParam(href, 'lk_ref')).toBe(expected);
  });
});

describe('captureLeadRef', () => {
  it('hands the reference over and takes it out of the address bar, keeping the rest and the entry', () => {
    history.replaceState({ route: 'pricing' }, '', '/pricing?utm_source=mail&lk_ref=ref-123_abc#plans');
    const length = history.length;
    const identify = vi.fn();
    captureLeadRef('lk_ref', identify);
    expect(identify).toHaveBeenCalledWith('ref-123_abc');
    expect(`${location.pathname}${location.search}${location.hash}`).toBe('/pricing?utm_source=mail#plans');
    expect(history.state).toEqual({ route: 'pricing' });
    expect(history.length).toBe(length);
  });

  it('uses the configured parameter and leaves a URL without it alone', () => {
    history.replaceState(null, '', '/?ref=abc&lk_ref=other');
    const replace = vi.spyOn(history, 'replaceState');
    const identify = vi.fn();
    captureLeadRef('ref', identify);
    expect(identify).toHaveBeenCalledWith('abc');
    expect(location.search).toBe('?lk_ref=other');
    identify.mockClear();
    replace.mockClear();
    captureLeadRef('ref', identify);
    expect(identify).not.toHaveBeenCalled();
    expect(replace).not.toHaveBeenCalled();
  });

  it('removes even a malformed reference, and survives a history that refuses', () => {
    history.replaceState(null, '', '/?lk_ref=');
    const identify = vi.fn();
    captureLeadRef('lk_ref', identify);
    expect(identify).toHaveBeenCalledWith('');
    expect(location.search).toBe('');
    history.replaceState(null, '', '/?lk_ref=abc');
    vi.spyOn(history, 'replaceState').mockImplementation(() => {
      throw new DOMException('refused', 'SecurityError');
    });
    expect(() => captureLeadRef('lk_ref', identify)).not.toThrow();
    expect(identify).toHaveBeenLastCalledWith('abc');
  });
});
