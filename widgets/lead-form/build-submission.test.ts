import { describe, expect, it } from 'vitest';
import { buildSubmission, type SubmissionInput } from './build-submission';

const input: SubmissionInput = {
  form: { id: 'contact', fields: [{ name: 'email', type: 'email', label: 'E-mail' }] },
  submissionId: '0b7c6f1e-3c1a-4c39-9a53-2f4f1d8a9e21',
  fields: { email: 'jane@example.com' },
  hiddenFields: undefined,
  consent: undefined,
  attribution: {},
  locale: 'en',
  timeZone: undefined,
  pageUrl: 'https://www.example.com/contact?plan=pro#top',
  startedAt: '2026-11-22T10:03:10Z',
  honeypot: '',
};

describe('buildSubmission', () => {
  it('sends the page without its fragment, and only an http(s) page, which the proxy accepts', () => {
    expect(buildSubmission(input).context?.pageUrl).toBe('https://www.example.com/contact?plan=pro');
    expect(buildSubmission({ ...input, pageUrl: 'file:///home/me/contact.html' }).context).not.toHaveProperty(
      'pageUrl',
    );
  });
  it('leaves out hidden fields named like a built-in of every object, which the proxy refuses', () => {
    const hiddenFields = { campaign: 'spring', constructor: 'x', toString: 'y', valueOf: 'z' };
    expect(buildSubmission({ ...input, hiddenFields }).hidden).toEqual({ campaign: 'spring' });
  });
});
