import { describe, expect, it } from 'vitest';
import type { VendorResponse } from '../http/vendor-request';
import { classifyLioResponse, getLioErrorDetail } from './lio-classify';

function response(status: number, body: unknown, headers: Record<string, string> = {}): VendorResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers: new Headers(headers), text, json };
}

const options = { default429DelayMs: 60_000, now: new Date('2026-11-23T10:00:00Z') };

describe('getLioErrorDetail', () => {
  it('reads the documented envelope', () => {
    expect(
      getLioErrorDetail(
        response(400, { success: false, error: { message: 'Bad request', type: 'x', code: null } }),
      ),
    ).toEqual({
      message: 'Bad request',
    });
  });

  it('reads field errors given as a map or a list', () => {
    expect(
      getLioErrorDetail(
        response(422, {
          success: false,
          message: 'Validation error',
          errors: { email: ['is invalid'], phone_number: 'too long' },
        }),
      ),
    ).toEqual({
      message: 'Validation error',
      fieldErrors: { email: ['is invalid'], phone_number: ['too long'] },
    });
    expect(
      getLioErrorDetail(
        response(422, {
          success: false,
          error: { message: 'Invalid', errors: [{ field: 'email', message: 'bad' }, 'general'] },
        }),
      ),
    ).toEqual({ message: 'Invalid', fieldErrors: { email: ['bad'], _: ['general'] } });
  });

  it('quotes a body that is not JSON', () => {
    expect(getLioErrorDetail(response(502, '<html>Bad gateway</html>'))).toEqual({
      message: '<html>Bad gateway</html>',
    });
  });
});

describe('classifyLioResponse', () => {
  it.each([
    [201, 'ok'],
    [400, 'permanent'],
    [401, 'permanent'],
    [403, 'permanent'],
    [404, 'permanent'],
    [408, 'retry'],
    [422, 'permanent'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
  ])('%i → %s', (status, kind) => {
    expect(
      classifyLioResponse(response(status, { success: status < 300, error: { message: 'm' } }), options).kind,
    ).toBe(kind);
  });

  it('keeps field errors on a permanent 422', () => {
    expect(
      classifyLioResponse(
        response(422, { success: false, message: 'Validation error', errors: { email: ['bad'] } }),
        options,
      ),
    ).toEqual({
      kind: 'permanent',
      message: '422: Validation error',
      fieldErrors: { email: ['bad'] },
    });
  });

  it('waits Retry-After or the default on 429', () => {
    expect(classifyLioResponse(response(429, {}, { 'retry-after': '3' }), options)).toMatchObject({
      delayMs: 3_000,
      pauseBackendMs: 3_000,
    });
    expect(classifyLioResponse(response(429, {}), options)).toMatchObject({ delayMs: 60_000 });
  });
});
