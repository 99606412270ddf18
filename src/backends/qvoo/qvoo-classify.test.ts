import { describe, expect, it } from 'vitest';
import type { VendorResponse } from '../http/vendor-request';
import { classifyQvooResponse, getQvooErrorText } from './qvoo-classify';

function response(status: number, json: unknown, headers: Record<string, string> = {}): VendorResponse {
  const text = json === undefined ? '' : typeof json === 'string' ? json : JSON.stringify(json);
  return { status, headers: new Headers(headers), text, json: typeof json === 'string' ? undefined : json };
}

describe('getQvooErrorText', () => {
  it('reads message and an errors map', () => {
    expect(
      getQvooErrorText(
        response(400, { success: false, message: 'Validation failed', errors: { name: ['is required'] } }),
      ),
    ).toEqual({
      message: 'Validation failed',
      fieldErrors: { name: ['is required'] },
    });
  });

  it('reads an errors list and an error object', () => {
    expect(
      getQvooErrorText(
        response(422, {
          error: { message: 'Bad lead' },
          errors: [{ field: 'fields.emailId', message: 'invalid' }, 'general'],
        }),
      ),
    ).toEqual({ message: 'Bad lead', fieldErrors: { 'fields.emailId': ['invalid'], _: ['general'] } });
  });

  it('falls back to the raw text or the status', () => {
    expect(getQvooErrorText(response(502, '<html>Bad gateway</html>')).message).toBe(
      '<html>Bad gateway</html>',
    );
    expect(getQvooErrorText(response(500, undefined)).message).toBe('HTTP 500');
  });
});

describe('classifyQvooResponse', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it.each([
    [201, { kind: 'ok' }],
    [401, { kind: 'permanent' }],
    [403, { kind: 'permanent' }],
    [404, { kind: 'permanent' }],
    [408, { kind: 'retry' }],
    [500, { kind: 'retry' }],
    [503, { kind: 'retry' }],
  ])('status %i → %o', (status, expected) => {
    expect(
      classifyQvooResponse(response(status, { success: status < 300, message: 'm' }), now),
    ).toMatchObject(expected);
  });

  it('a 429 without Retry-After pauses for a minute', () => {
    expect(classifyQvooResponse(response(429, { success: false, message: 'Too many' }), now)).toMatchObject({
      kind: 'retry',
      delayMs: 60_000,
      pauseBackendMs: 60_000,
    });
  });

  it('a 400 carries the field errors', () => {
    expect(
      classifyQvooResponse(
        response(400, { success: false, message: 'Validation failed', errors: { tags: ['unknown'] } }),
        now,
      ),
    ).toEqual({
      kind: 'permanent',
      message: '400: Validation failed',
      fieldErrors: { tags: ['unknown'] },
    });
  });
});
