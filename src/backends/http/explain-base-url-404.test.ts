import { describe, expect, it } from 'vitest';
import { explainBaseUrl404 } from './explain-base-url-404';

describe('explainBaseUrl404', () => {
  it('names a doubled prefix and suggests the host', () => {
    expect(explainBaseUrl404('https://lio.example.com/api/v1/', '/api/v1', '/api/v1/lead/lead-list')).toBe(
      'baseUrl ends in /api/v1, and leadkit appends /api/v1/… itself (the request went to /api/v1/api/v1/lead/lead-list); set baseUrl to "https://lio.example.com"',
    );
  });

  it('names a pasted endpoint URL and a half prefix, keeping a self-hosted path', () => {
    expect(explainBaseUrl404('https://h.example/crm/api/v1/lead', '/api/v1', '/api/v1/health')).toContain(
      'contains /api/v1 (/api/v1/lead)',
    );
    expect(explainBaseUrl404('https://h.example/crm/api/v1/lead', '/api/v1', '/api/v1/health')).toContain(
      'set baseUrl to "https://h.example/crm"',
    );
    expect(explainBaseUrl404('https://h.example/api', '/api/v1', '/api/v1/health')).toContain(
      'baseUrl ends in /api, and leadkit appends /api/v1/… itself (the request went to /api/api/v1/health); set baseUrl to "https://h.example"',
    );
  });

  it('never repeats user info, and still says something for a bare host', () => {
    const text = explainBaseUrl404('https://user:secret@h.example/api/v1', '/api/v1', '/api/v1/health');
    expect(text).not.toContain('secret');
    expect(explainBaseUrl404('https://h.example', '/api/v1', '/api/v1/health')).toBe(
      "nothing answers at https://h.example/api/v1/health: is baseUrl the vendor's API host? (leadkit appends /api/v1/… to it)",
    );
  });
});
