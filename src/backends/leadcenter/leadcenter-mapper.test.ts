import { describe, expect, it } from 'vitest';
import { makeTestLead } from '../../../test/support/backend-test-kit';
import type { CanonicalLead } from '../../model/lead';
import { GENERAL_ERRORS_KEY, getLeadcenterError, toFieldErrors } from './leadcenter-classify';
import { findOwnLead, parseLeadcenterLeads } from './leadcenter-lookup';
import { type LeadcenterMapOptions, toLeadcenterLead, toLeadcenterSourceMedium } from './leadcenter-mapper';
import { splitFullName } from './leadcenter-name';

/** The one lead these mapper tests vary: always `lead_01`, so two mappings of it compare equal. */
function makeLead(overrides: Partial<CanonicalLead> = {}): CanonicalLead {
  return makeTestLead({
    id: 'lead_01',
    leadRef: 'ref_01',
    fields: { name: 'Jane Doe', email: 'jane@example.com', phone: '+4915112345678', message: 'Hello' },
    ...overrides,
  });
}

const options: LeadcenterMapOptions = { sourceTouch: 'first', defaultSource: 'website', notesDetails: true };

describe('toLeadcenterLead', () => {
  it('maps every canonical field', () => {
    const body = toLeadcenterLead(
      makeLead({
        fields: {
          name: 'Jane Doe',
          email: 'jane@example.com',
          phone: '+4915112345678',
          company: 'Acme GmbH',
          job_title: 'CTO',
          message: 'Please call me',
          interest: 'Pro plan',
          newsletter: true,
        },
        hidden: { campaign: 'spring' },
        consent: { granted: true, text: 'I agree.', version: '3', grantedAt: '2026-11-22T10:03:12.000Z' },
        attribution: {
          first: { utm_source: 'google', utm_medium: 'cpc', gclid: 'abc' },
          last: { utm_source: 'newsletter', utm_medium: 'email' },
        },
        context: { pageUrl: 'https://www.example.com/contact', locale: 'de-DE' },
      }),
      options,
    );
    expect(body).toEqual({
      first_name: 'Jane',
      last_name: 'Doe',
      email: 'jane@example.com',
      phone: '+4915112345678',
      company: 'Acme GmbH',
      source: 'google',
      medium: 'cpc',
      notes: [
        'Please call me',
        '',
        '--',
        'job_title: CTO',
        'interest: Pro plan',
        'newsletter: yes',
        'campaign (hidden): spring',
        'consent: granted, version 3, 2026-11-22T10:03:12.000Z',
        'first touch: utm_source=google utm_medium=cpc gclid=abc',
        'last touch: utm_source=newsletter utm_medium=email',
        'page: https://www.example.com/contact',
        'form: contact',
        'leadkit id: lead_01',
      ].join('\n'),
    });
  });

  it('prefers first_name / last_name fields over splitting name, and keeps name in notes', () => {
    const body = toLeadcenterLead(
      makeLead({ fields: { name: 'J. Doe', first_name: 'Jane', last_name: 'Doe', email: 'j@example.com' } }),
      options,
    );
    expect([body.first_name, body.last_name]).toEqual(['Jane', 'Doe']);
    expect(body.notes).toContain('name: J. Doe');
  });

  it('honours fieldMap, and a claimed target pushes the default aside', () => {
    const body = toLeadcenterLead(
      makeLead({
        fields: {
          email: 'j@example.com',
          enquiry: 'Need a quote',
          message: 'ignored as message',
          role: 'CTO',
          org: 'Acme',
        },
      }),
      { ...options, fieldMap: { enquiry: 'notes', role: 'job_title', org: 'company' } },
    );
    expect(body.job_title).toBe('CTO');
    expect(body.company).toBe('Acme');
    expect(body.notes?.startsWith('Need a quote\n\n--\nmessage: ignored as message')).toBe(true);
  });

  it('lets fieldMap override source and medium', () => {
    const body = toLeadcenterLead(makeLead({ fields: { email: 'j@example.com', channel: 'Trade fair' } }), {
      ...options,
      fieldMap: { channel: 'source' },
    });
    expect(body.source).toBe('Trade fair');
    expect(body.medium).toBe('direct');
  });

  it('sends the message alone when notesDetails is off', () => {
    const body = toLeadcenterLead(makeLead({ hidden: { a: 'b' } }), { ...options, notesDetails: false });
    expect(body.notes).toBe('Hello');
  });

  it('sends the phone in E.164 for any country', () => {
    for (const phone of ['+919876543210', '+14155552671', '+442071838750', '+5511987654321']) {
      expect(toLeadcenterLead(makeLead({ fields: { phone } }), options).phone).toBe(phone);
    }
  });

  it('picks the last touch on request', () => {
    const lead = makeLead({
      attribution: {
        first: { utm_source: 'google', utm_medium: 'cpc' },
        last: { utm_source: 'linkedin', utm_medium: 'social' },
      },
    });
    expect(toLeadcenterLead(lead, { ...options, sourceTouch: 'last' })).toMatchObject({
      source: 'linkedin',
      medium: 'social',
    });
  });
});

describe('toLeadcenterSourceMedium', () => {
  it.each([
    [
      { utm_source: 'google', utm_medium: 'cpc' },
      { source: 'google', medium: 'cpc' },
    ],
    [{ utm_source: 'Newsletter' }, { source: 'Newsletter' }],
    [{ gclid: 'x' }, { source: 'google', medium: 'cpc' }],
    [{ msclkid: 'x' }, { source: 'bing', medium: 'cpc' }],
    [{ fbclid: 'x' }, { source: 'facebook', medium: 'social' }],
    [{ referrer: 'https://www.google.de/' }, { source: 'google.de', medium: 'organic' }],
    [
      { referrer: 'https://blog.partner.org/x', landingPage: 'https://example.com/' },
      { source: 'blog.partner.org', medium: 'referral' },
    ],
    [
      { referrer: 'https://example.com/a', landingPage: 'https://www.example.com/' },
      { source: 'website', medium: 'direct' },
    ],
    [{}, { source: 'website', medium: 'direct' }],
    [undefined, { source: 'website', medium: 'direct' }],
  ])('%o → %o', (touch, expected) => {
    expect(toLeadcenterSourceMedium(touch, 'website')).toEqual(expected);
  });
});

describe('splitFullName', () => {
  it.each([
    ['Jane Doe', 'Jane', 'Doe'],
    ['  Jane   Doe  ', 'Jane', 'Doe'],
    ['Mary Ann Smith', 'Mary Ann', 'Smith'],
    ['Ana da Silva', 'Ana', 'da Silva'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Maria de los Santos', 'Maria', 'de los Santos'],
    ['Doe, Jane', 'Jane', 'Doe'],
    ['Jean-Luc Picard', 'Jean-Luc', 'Picard'],
    ['Cher', 'Cher', undefined],
    ['Van Morrison', 'Van', 'Morrison'],
    ['Priya Venkata Raman', 'Priya Venkata', 'Raman'],
  ])('%s → %s / %s', (name, first, last) => {
    expect(splitFullName(name)).toEqual(last === undefined ? { first } : { first, last });
  });

  it('gives nothing for an empty name', () => {
    expect(splitFullName('   ')).toEqual({});
  });
});

describe('LeadCenter.AI error envelope', () => {
  it('reads a Laravel error map', () => {
    const error = getLeadcenterError({
      status: 422,
      text: '',
      json: {
        success: false,
        message: 'The email field must be a valid email address.',
        errors: { email: ['The email field must be a valid email address.'], phone: 'Too long.' },
      },
    });
    expect(error.fieldErrors).toEqual({
      email: ['The email field must be a valid email address.'],
      phone: ['Too long.'],
    });
    expect(error.message).toBe(
      'The email field must be a valid email address. (email: The email field must be a valid email address.; phone: Too long.)',
    );
  });

  it('reads an errors list of strings and of objects', () => {
    expect(toFieldErrors(['Bad thing', { field: 'email', message: 'Taken' }, { message: 'Other' }])).toEqual({
      [GENERAL_ERRORS_KEY]: ['Bad thing', 'Other'],
      email: ['Taken'],
    });
  });

  it('survives odd or missing envelopes', () => {
    expect(getLeadcenterError({ status: 500, text: '<html>Bad gateway</html>', json: undefined })).toEqual({
      message: '<html>Bad gateway</html>',
    });
    expect(getLeadcenterError({ status: 400, text: '', json: undefined })).toEqual({
      message: 'no message (HTTP 400)',
    });
    expect(getLeadcenterError({ status: 400, text: '{}', json: { success: false, errors: 42 } })).toEqual({
      message: 'no message',
    });
  });
});

describe('redelivery lookup', () => {
  const lead = makeLead();

  it('parses plain and paginated collections and skips odd items', () => {
    expect(parseLeadcenterLeads([{ id: 1 }, { nope: true }])).toEqual([{ id: 1 }]);
    expect(parseLeadcenterLeads({ data: [{ id: '7', email: 'a@b.c' }], meta: {}, links: {} })).toEqual([
      { id: '7', email: 'a@b.c' },
    ]);
    expect(parseLeadcenterLeads({ message: 'x' })).toBeUndefined();
  });

  it('finds our lead by its marker, not a longer id that starts the same', () => {
    const records = [
      { id: 1, email: 'jane@example.com', notes: 'leadkit id: lead_010' },
      { id: 2, email: 'jane@example.com', notes: 'Hello\n\n--\nleadkit id: lead_01' },
    ];
    expect(findOwnLead(records, lead)?.id).toBe(2);
  });

  it('does not take another lead of the same person', () => {
    expect(
      findOwnLead(
        [
          {
            id: 1,
            email: 'jane@example.com',
            notes: 'leadkit id: lead_99',
            created_at: '2026-11-22T10:04:00Z',
          },
        ],
        lead,
      ),
    ).toBeUndefined();
  });

  it('without markers, takes a same-email record created after the lead, never an older one', () => {
    expect(
      findOwnLead([{ id: 3, email: 'JANE@example.com', created_at: '2026-11-22T10:03:20Z' }], lead)?.id,
    ).toBe(3);
    expect(
      findOwnLead([{ id: 4, email: 'jane@example.com', created_at: '2026-10-01T00:00:00Z' }], lead),
    ).toBeUndefined();
    expect(findOwnLead([{ id: 5, email: 'jane@example.com' }], lead)).toBeUndefined();
  });
});
