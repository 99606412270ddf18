import { describe, expect, it } from 'vitest';
import { getExposureWarning } from './get-exposure-warning';

describe('getExposureWarning', () => {
  it('is silent for loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]'])
      expect(getExposureWarning(host, { demo: true }), host).toBeNull();
  });

  it('names what the network can reach for any other host', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'leads.example.com']) {
      const warning = getExposureWarning(host, { demo: false }) ?? '';
      expect(warning).toContain(`--host ${host} is not loopback`);
      for (const part of ['/v1/forms/', '/v1/admin/', '/metrics']) expect(warning).toContain(part);
      expect(warning).not.toContain('demo');
    }
    expect(getExposureWarning('0.0.0.0', { demo: true })).toContain('the demo pages and the /leads/ page');
  });
});
