import { describe, expect, it } from 'vitest';
import { HOSTILE_DESTINATIONS } from '../../../test/support/hostile-destinations';
import { checkDestination } from './check-destination';

const policy = { hosts: new Set(['www.example.com']), allowHttp: false };

describe('checkDestination', () => {
  it('accepts an allowed https URL and answers the parser serialisation', () => {
    expect(
      checkDestination('https://WWW.Example.com/pricing?plan=pro&x=a b#top'.replace(' ', '%20'), policy),
    ).toEqual({
      ok: true,
      url: 'https://www.example.com/pricing?plan=pro&x=a%20b#top',
    });
    // Backslashes after the host are path separators to the parser: the host stays ours.
    expect(checkDestination('https://www.example.com\\@evil.example', policy)).toEqual({
      ok: true,
      url: 'https://www.example.com/@evil.example',
    });
  });

  it.each(HOSTILE_DESTINATIONS.map((d) => [JSON.stringify(d), d]))('refuses %s', (_name, destination) => {
    expect(checkDestination(destination, policy).ok).toBe(false);
  });

  it('names the problem', () => {
    const problem = (d: string) => {
      const r = checkDestination(d, policy);
      return r.ok ? null : r.problem;
    };
    expect(problem('https://0x7f.1/')).toBe('ip_literal');
    expect(problem('https://[::1]/')).toBe('ip_literal');
    expect(problem('https://localhost/')).toBe('localhost');
    expect(problem('https://a@www.example.com/')).toBe('userinfo');
    expect(problem('javascript:alert(1)')).toBe('scheme_not_allowed');
    expect(problem('java\tscript:alert(1)')).toBe('control_characters');
    expect(problem('//evil.example/')).toBe('not_a_url');
    expect(problem('https://evil.example/')).toBe('host_not_allowed');
  });

  it('allows http only when configured', () => {
    expect(checkDestination('http://www.example.com/', { ...policy, allowHttp: true })).toEqual({
      ok: true,
      url: 'http://www.example.com/',
    });
  });
});
