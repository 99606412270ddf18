/**
 * docs/events-and-errors.md is the reference a developer reads: it must name every event,
 * every status and every error code the code can produce, and README must not contradict it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEAD_ERROR_CODES, LEAD_FORM_STATUSES } from '../../src/client/leadkit-events';

const doc = readFileSync(new URL('../../docs/events-and-errors.md', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('docs/events-and-errors.md', () => {
  it.each([
    'leadkit:ready',
    'leadkit:submit',
    'leadkit:success',
    'leadkit:error',
    'leadkit:slot-selected',
    'leadkit:booked',
    'leadkit:rescheduled',
    'leadkit:cancelled',
  ])('documents %s', (event) => {
    expect(doc).toContain(`\`${event}\``);
  });

  it.each([...LEAD_FORM_STATUSES])('documents status %s', (status) => {
    expect(doc).toContain(`| \`${status}\` |`);
  });

  it.each([...LEAD_ERROR_CODES, 'http_<status>'])('documents error code %s', (code) => {
    expect(doc).toContain(`| \`${code}\` |`);
  });

  it('README links it and lists no status the code does not have', () => {
    expect(readme).toContain('docs/events-and-errors.md');
    expect(readme).not.toContain('saved-offline');
  });
});
