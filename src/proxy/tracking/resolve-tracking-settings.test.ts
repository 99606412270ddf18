import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config';
import { resolveTrackingSettings } from './resolve-tracking-settings';

const meta = { source: 'test.json', baseDir: '/tmp' };
const problemsOf = (tracking: unknown) => {
  const result = parseConfig({ tracking }, {}, meta);
  return result.ok ? [] : result.problems;
};

describe('the tracking block', () => {
  it('defaults link hosts to publicUrl and origins, http off, refParam lk_ref', () => {
    const result = parseConfig(
      { publicUrl: 'https://leads.example.com', tracking: { origins: ['https://www.example.com'] } },
      {},
      meta,
    );
    if (!result.ok) throw new Error(result.problems.join('; '));
    const settings = resolveTrackingSettings(result.config);
    expect([...settings.links.hosts]).toEqual(['leads.example.com', 'www.example.com']);
    expect(settings.links.allowHttp).toBe(false);
    expect(settings.refParam).toBe('lk_ref');
    expect(settings.linkTtlDays).toBe(365);
    expect(settings.baseUrl).toBe('https://leads.example.com');
    expect(settings.signalTypes.has('pricing_page_visit')).toBe(true);
    expect(settings.signalTypes.has('email_opened')).toBe(false);
  });

  it('takes linkHosts when given, and matches machineNetworks per kind', () => {
    const result = parseConfig(
      {
        tracking: {
          linkHosts: ['shop.example.com'],
          machineNetworks: [{ cidrs: ['17.58.0.0/16', '2620:149::/32'], for: 'opens', label: 'apple' }],
        },
      },
      {},
      meta,
    );
    if (!result.ok) throw new Error(result.problems.join('; '));
    const settings = resolveTrackingSettings(result.config);
    expect([...settings.links.hosts]).toEqual(['shop.example.com']);
    expect(settings.machineNetworks.match('17.58.3.4', 'open')).toBe('apple');
    expect(settings.machineNetworks.match('2620:149::1', 'open')).toBe('apple');
    expect(settings.machineNetworks.match('17.58.3.4', 'click')).toBeNull();
  });

  it('names bad link hosts, CIDRs, labels and signal types by path', () => {
    expect(
      problemsOf({
        linkHosts: ['https://www.example.com', 'www.example.com.'],
        machineNetworks: [{ cidrs: ['10.0.0.0/33', 'nope'], for: 'sometimes', label: 'Safe Links' }],
        signalTypes: ['Bad Type'],
      }),
    ).toEqual([
      'tracking.signalTypes[0]: must be lowercase letters, digits or _ (at most 64)',
      'tracking.linkHosts[0]: must be a host name such as "www.example.com"',
      'tracking.linkHosts[1]: must be a host name such as "www.example.com"',
      'tracking.machineNetworks[0].cidrs[0]: must be a CIDR range such as "40.92.0.0/15"',
      'tracking.machineNetworks[0].cidrs[1]: must be a CIDR range such as "40.92.0.0/15"',
      expect.stringMatching(/^tracking\.machineNetworks\[0\]\.for: /),
      'tracking.machineNetworks[0].label: must be lowercase letters, digits, _ or - (at most 40)',
    ]);
  });
});
