import { describe, expect, it } from 'vitest';
import { classifySquadStackAnswer, getSquadStackErrorDetail } from './squadstack-classify';

describe('getSquadStackErrorDetail', () => {
  it.each([
    [
      'JSON inside error_msg with detail',
      { error_msg: '{"error_type":1,"detail":"Internal ID already exists"}' },
      { message: 'Internal ID already exists' },
    ],
    [
      'JSON field errors inside error_msg',
      { error_msg: '{"contact_name":["This field may not be blank."]}' },
      {
        message: 'contact_name: This field may not be blank.',
        fieldErrors: { contact_name: ['This field may not be blank.'] },
      },
    ],
    [
      'a Python dict inside error_msg',
      { error_msg: "{'phone_number': 'Invalid value provided.'}" },
      {
        message: 'phone_number: Invalid value provided.',
        fieldErrors: { phone_number: ['Invalid value provided.'] },
      },
    ],
    [
      'plain text error_msg',
      { error_msg: 'Unjudged leads cannot be re-activated' },
      { message: 'Unjudged leads cannot be re-activated' },
    ],
    [
      'detail instead of error_msg',
      { detail: '"lead_id" is a required field!' },
      { message: '"lead_id" is a required field!' },
    ],
  ])('%s', (_label, json, expected) => {
    expect(getSquadStackErrorDetail(json, JSON.stringify(json), 400)).toEqual(expected);
  });

  it('quotes a body that is not JSON', () => {
    const text = '{Request was throttled. Please try after 60 seconds}';
    expect(getSquadStackErrorDetail(undefined, text, 429)).toEqual({ message: text });
  });
});

describe('classifySquadStackAnswer', () => {
  const options = { scope: 'lead' as const, throttlePauseMs: 60_000, now: new Date() };
  const answer = (status: number, message: string, headers?: Headers) => ({
    status,
    headers,
    detail: { message },
  });

  it('reads 409s by their words', () => {
    expect(classifySquadStackAnswer(answer(409, 'Internal ID already exists'), options).kind).toBe(
      'conflict',
    );
    expect(
      classifySquadStackAnswer(
        answer(409, "Duplicate Lead ID shared: A lead with the given Lead ID: 'x' is already present"),
        options,
      ).kind,
    ).toBe('conflict');
    expect(
      classifySquadStackAnswer(
        answer(409, 'campaign:xxxx. Another request for the same lead is getting processed already'),
        options,
      ),
    ).toMatchObject({
      kind: 'retry',
      delayMs: 5_000,
    });
    expect(
      classifySquadStackAnswer(answer(409, 'Internal ID already exists'), { ...options, scope: 'batch' })
        .kind,
    ).toBe('retry');
  });

  it('treats "still active" and "already converted" 400s as already there, other 400s as permanent', () => {
    expect(classifySquadStackAnswer(answer(400, 'Unjudged leads cannot be re-activated'), options).kind).toBe(
      'conflict',
    );
    expect(
      classifySquadStackAnswer(answer(400, 'the lead_id: x has already been marked as converted.'), options)
        .kind,
    ).toBe('conflict');
    expect(
      classifySquadStackAnswer(answer(400, 'Unjudged leads cannot be re-activated'), {
        ...options,
        scope: 'batch',
      }).kind,
    ).toBe('permanent');
    expect(classifySquadStackAnswer(answer(400, 'phone_number: Invalid value provided.'), options)).toEqual({
      kind: 'permanent',
      message: '400: phone_number: Invalid value provided.',
    });
  });

  it('pauses on 429 for Retry-After, then the seconds in the message, then the throttle window', () => {
    expect(
      classifySquadStackAnswer(answer(429, 'x', new Headers({ 'retry-after': '12' })), options),
    ).toMatchObject({ delayMs: 12_000, pauseBackendMs: 12_000 });
    expect(
      classifySquadStackAnswer(answer(429, '{Request was throttled. Please try after 30 seconds}'), options),
    ).toMatchObject({ pauseBackendMs: 30_000 });
    expect(classifySquadStackAnswer(answer(429, 'throttled'), options)).toMatchObject({
      pauseBackendMs: 60_000,
    });
  });

  it.each([
    [200, 'ok'],
    [202, 'ok'],
    [401, 'permanent'],
    [403, 'permanent'],
    [404, 'permanent'],
    [500, 'retry'],
    [504, 'retry'],
  ])('%i → %s', (status, kind) => {
    expect(classifySquadStackAnswer(answer(status, 'm'), options).kind).toBe(kind);
  });
});
