import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from './load-config';

const meta = { source: 'test.json', baseDir: '/tmp' };
const base = {
  backends: {
    inbox: { type: 'local' },
    hook: { type: 'webhook', url: 'https://hooks.example.com/x', secret: `whsec_${'A'.repeat(32)}` },
  },
  forms: { contact: { fields: ['name', 'email'], deliver: ['inbox'] } },
};

function problemsOf(calendars: Record<string, unknown>): string[] {
  const result = parseConfig({ ...base, calendars }, {}, meta);
  return result.ok ? [] : result.problems;
}

describe('calendar config', () => {
  it('gives the embedded default a demo calendar on the local backend', () => {
    const result = loadConfig(null, {});
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.config.calendars.demo).toMatchObject({
      backend: 'inbox',
      form: 'demo',
      timezone: 'Europe/Berlin',
      durationMinutes: 30,
      durations: [30, 60],
      manageUrl: null,
      rules: {
        hours: { mon: ['09:00-12:00', '13:00-17:00'] },
        minNoticeMinutes: 60,
        maxDaysAhead: 60,
        closed: [],
      },
    });
  });

  it('fills in the defaults of a local calendar', () => {
    const result = parseConfig(
      { ...base, calendars: { c: { backend: 'inbox', form: 'contact', timezone: 'Asia/Kolkata' } } },
      {},
      meta,
    );
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.config.calendars.c).toMatchObject({
      durationMinutes: 30,
      durations: [30],
      rules: {
        timezone: 'Asia/Kolkata',
        hours: { fri: ['09:00-17:00'] },
        bufferMinutes: 0,
        minNoticeMinutes: 60,
      },
    });
    expect(result.config.calendars.c?.rules.hours.sat).toBeUndefined();
  });

  it('names every problem of a calendar by its path', () => {
    expect(
      problemsOf({
        a: {
          backend: 'hook',
          form: 'contact',
          timezone: 'Europe/Berlni',
          durationMinutes: 45,
          durations: [30, 60],
          hours: { mon: ['12:00-09:00'], tue: ['09:00-12:00', '11:00-13:00'] },
          manageUrl: 'https://x.example/manage',
        },
        b: { backend: 'inbox' },
      }),
    ).toEqual([
      'calendars.a.backend: backend "hook" (type webhook) cannot hold a calendar (types that can: local, qualifybase, lio)',
      'calendars.a.durations: must include durationMinutes (45)',
      'calendars.a.timezone: "Europe/Berlni" is not an IANA time zone (e.g. "Europe/Berlin")',
      expect.stringMatching(/^calendars\.a\.hours\.mon\[0\]: /),
      expect.stringMatching(/^calendars\.a\.hours\.tue\[1\]: overlaps/),
      'calendars.a.manageUrl: must contain {id} and {token}',
      'calendars.b.form: is required (the form whose fields a booking collects)',
      'calendars.b.timezone: is required for a local calendar (its hours are in that zone)',
    ]);
  });

  it('requires a zone on a vendor calendar, a slug and a required email on a LIO one', () => {
    const result = parseConfig(
      {
        backends: {
          qb: { type: 'qualifybase', apiKey: 'qbk_live_x' },
          lio: { type: 'lio', baseUrl: 'https://lio.example.com', apiKey: 'k' },
          lio2: { type: 'lio', baseUrl: 'https://lio.example.com', apiKey: 'k', bookingSlug: 'rep' },
        },
        forms: {
          contact: { fields: ['name', 'email'], deliver: [] },
          optional: { fields: ['name', { name: 'email', type: 'email', required: false }], deliver: [] },
        },
        calendars: {
          a: { backend: 'qb', form: 'contact' },
          b: { backend: 'lio', form: 'contact', timezone: 'Europe/Berlin' },
          c: { backend: 'lio2', form: 'optional', timezone: 'Europe/Berlin' },
        },
      },
      {},
      meta,
    );
    expect(result.ok ? [] : result.problems).toEqual([
      `calendars.a.timezone: is required for a qualifybase calendar (the clinic's IANA zone, e.g. "Europe/Berlin")`,
      'calendars.b.backend: backend "lio" needs bookingSlug for a calendar (LIO §10)',
      'forms.optional.fields: calendar "c" is on a LIO backend, whose confirm requires email: the form needs a required "email" field',
    ]);
  });
});
