import { describe, expect, it } from 'vitest';
import { hashSubmission, judgeSpam } from './accept-lead';

const base = { submissionId: '0b7c6f1e-3c1a-4c39-9a53-2f4f1d8a9e21', fields: { email: 'a@b.co' } };

describe('judgeSpam', () => {
  const now = new Date('2026-11-22T10:00:10Z');
  it('flags a filled honeypot and a too-fast fill', () => {
    expect(judgeSpam({ ...base, context: { hp: 'x' } }, 2, now)).toBe('honeypot');
    expect(judgeSpam({ ...base, context: { startedAt: '2026-11-22T10:00:09Z' } }, 2, now)).toBe('too_fast');
  });
  it('judges a browser submission without startedAt as too fast, unless the form sets no minimum', () => {
    expect(judgeSpam({ ...base, context: { pageUrl: 'https://a.example/' } }, 2, now, true)).toBe('too_fast');
    expect(judgeSpam(base, 2, now, true)).toBe('too_fast');
    expect(judgeSpam(base, 0, now, true)).toBeNull();
  });
  it('accepts a human pace, a server-to-server call, and a visitor clock running ahead', () => {
    expect(judgeSpam({ ...base, context: { startedAt: '2026-11-22T10:00:00Z' } }, 2, now)).toBeNull();
    expect(judgeSpam(base, 2, now)).toBeNull();
    expect(judgeSpam({ ...base, context: { startedAt: '2026-11-22T10:05:00Z' } }, 2, now)).toBeNull();
  });
});

describe('hashSubmission', () => {
  it('ignores key order but not values', () => {
    const a = hashSubmission({ ...base, fields: { email: 'a@b.co', name: 'A' } });
    const b = hashSubmission({ fields: { name: 'A', email: 'a@b.co' }, submissionId: base.submissionId });
    expect(a).toBe(b);
    expect(hashSubmission({ ...base, fields: { email: 'a@b.co', name: 'B' } })).not.toBe(a);
  });
});
