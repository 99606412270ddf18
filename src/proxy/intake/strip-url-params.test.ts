import { describe, expect, it } from 'vitest';
import { createUrlStripper } from './strip-url-params';

describe('createUrlStripper', () => {
  const strip = createUrlStripper(['Promo']);
  it('removes personal data and secrets from the query, case-insensitively, keeping the rest in order', () => {
    expect(strip('https://a.example/p?b=2&EMAIL=j%40x.com&a=1&Access_Token=t&e-mail=x&promo=9')).toBe(
      'https://a.example/p?b=2&a=1',
    );
    expect(strip('https://a.example/p?phone=1')).toBe('https://a.example/p');
  });
  it('removes them from a fragment written as a query, and any user:password', () => {
    expect(strip('https://u:pw@a.example/cb#access_token=x&state=s')).toBe('https://a.example/cb#state=s');
    expect(strip('https://a.example/#/signup?name=Jane&plan=pro')).toBe(
      'https://a.example/#/signup?plan=pro',
    );
    expect(strip('https://a.example/#/signup?name=Jane')).toBe('https://a.example/#/signup');
    expect(strip('https://a.example/docs#section-2')).toBe('https://a.example/docs#section-2');
  });
  it('leaves a URL without such parameters as it was', () => {
    const url = 'https://A.example/offer?utm_source=google&utm_term=a%20b&gclid=abc';
    expect(strip(url)).toBe(url);
  });
});
