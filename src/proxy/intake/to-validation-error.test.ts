import { describe, expect, it } from 'vitest';
import { toValidationError } from './to-validation-error';

describe('toValidationError', () => {
  it('lists a few problems as they are', () => {
    const error = toValidationError({ 'fields.email': 'is required', consent: 'is required' });
    expect(error.status).toBe(400);
    expect(error.toJSON()).toEqual({
      error: {
        code: 'validation_failed',
        message: 'The submission has problems; see fields.',
        fields: { 'fields.email': 'is required', consent: 'is required' },
      },
    });
  });
  it('stays near 2 KB however many problems or however long the keys, and counts the rest', () => {
    const problems: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) problems[`fields.f${i}`] = 'is not a field of this form';
    problems[`fields.${'x'.repeat(20_000)}`] = 'not a field name';
    const body = JSON.stringify(toValidationError(problems).toJSON());
    expect(body.length).toBeLessThan(2300);
    const { error } = JSON.parse(body) as { error: { message: string; fields: Record<string, string> } };
    const listed = Object.keys(error.fields).length;
    expect(error.message).toBe(`The submission has problems; see fields (${3001 - listed} more not listed).`);
    const long = toValidationError({ [`fields.${'x'.repeat(20_000)}`]: 'not a field name' });
    expect(Object.keys(long.options.fields ?? {})[0]).toHaveLength(80);
  });
});
