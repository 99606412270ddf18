import { describe, expect, it } from 'vitest';
import { makeTestLead } from '../../../test/support/backend-test-kit';
import type { CanonicalLead } from '../../model/lead';
import { splitName, toLioLead, toLioLeadSource } from './lio-mapper';

/** The one lead these mapper tests vary: always `lead_01`, so two mappings of it compare equal. */
function makeLead(overrides: Partial<CanonicalLead> = {}): CanonicalLead {
  return makeTestLead({ id: 'lead_01', leadRef: 'ref_01', ...overrides });
}

describe('toLioLead', () => {
  it('keeps a key named like an Object.prototype member as itself, never as a function text', () => {
    const body = toLioLead(
      makeLead({
        fields: { name: 'Jane Doe', email: 'jane@example.com', constructor: 'f' } as Record<string, string>,
        hidden: { toString: 't' } as unknown as Record<string, string>,
      }),
    );
    const text = JSON.stringify(body);
    expect(text).not.toContain('function');
    expect(text).toContain('"constructor":"f"');
    expect(text).toContain('"toString":"t"');
  });

  it('maps every canonical preset field to its LIO field', () => {
    const body = toLioLead(
      makeLead({
        fields: {
          name: 'Jane Doe',
          email: 'jane@example.com',
          phone: '+4915112345678',
          company: 'Acme GmbH',
          job_title: 'CTO',
          message: 'Please call me',
          interest: 'implants',
          newsletter: true,
        },
      }),
    );
    expect(body).toMatchObject({
      first_name: 'Jane',
      last_name: 'Doe',
      email: 'jane@example.com',
      phone_number: '+4915112345678',
      company: 'Acme GmbH',
      job_title: 'CTO',
      lead_source: 5,
    });
    expect(body.custom_fields).toMatchObject({
      message: 'Please call me',
      interest: 'implants',
      newsletter: 'true',
      leadkit_lead_id: 'lead_01',
      leadkit_form: 'contact',
    });
    expect(body).not.toHaveProperty('name');
    expect(body).not.toHaveProperty('merge');
  });

  it('prefers explicit first_name / last_name over splitting name', () => {
    const body = toLioLead(
      makeLead({
        fields: { name: 'Whatever Else', first_name: 'Ada', last_name: 'Lovelace', email: 'a@b.co' },
      }),
    );
    expect(body.first_name).toBe('Ada');
    expect(body.last_name).toBe('Lovelace');
  });

  it('puts hidden values, consent, attribution and context into custom_fields as strings', () => {
    const body = toLioLead(
      makeLead({
        fields: { email: 'jane@example.com', campaign: 'typed' },
        hidden: { campaign: 'spring', partner: 'p-7' },
        consent: { granted: true, text: 'I agree.', version: '1', grantedAt: '2026-11-22T10:03:12.000Z' },
        attribution: {
          first: {
            utm_source: 'google',
            utm_medium: 'cpc',
            gclid: 'abc',
            landingPage: 'https://x.example/offer',
            at: '2026-11-20T09:12:00Z',
          },
          last: { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'nov' },
        },
        context: { pageUrl: 'https://x.example/contact', locale: 'de-DE', timezone: 'Europe/Berlin' },
      }),
    );
    expect(body.custom_fields).toEqual({
      campaign: 'typed',
      hidden_campaign: 'spring',
      partner: 'p-7',
      leadkit_lead_id: 'lead_01',
      leadkit_form: 'contact',
      leadkit_created_at: '2026-11-22T10:03:12.000Z',
      consent_granted: 'true',
      consent_text: 'I agree.',
      consent_version: '1',
      consent_granted_at: '2026-11-22T10:03:12.000Z',
      first_touch_utm_source: 'google',
      first_touch_utm_medium: 'cpc',
      first_touch_gclid: 'abc',
      first_touch_landing_page: 'https://x.example/offer',
      first_touch_at: '2026-11-20T09:12:00Z',
      last_touch_utm_source: 'newsletter',
      last_touch_utm_medium: 'email',
      last_touch_utm_campaign: 'nov',
      page_url: 'https://x.example/contact',
      locale: 'de-DE',
      timezone: 'Europe/Berlin',
    });
    expect(body.tags).toEqual(['nov']);
  });

  it('builds tags from config and both touches utm_campaign, without duplicates', () => {
    const body = toLioLead(
      makeLead({ attribution: { first: { utm_campaign: 'spring' }, last: { utm_campaign: 'spring' } } }),
      { tags: ['website', 'spring'] },
    );
    expect(body.tags).toEqual(['website', 'spring']);
    expect(toLioLead(makeLead()).tags).toBeUndefined();
  });

  it('applies config priority and status, and lets a mapped field override them', () => {
    expect(toLioLead(makeLead(), { priority: 3, status: 7 })).toMatchObject({ priority: 3, status: 7 });
    const mapped = toLioLead(makeLead({ fields: { email: 'a@b.co', urgency: 'urgent', stage: '4' } }), {
      priority: 1,
      fieldMap: { urgency: 'priority', stage: 'status' },
    });
    expect(mapped).toMatchObject({ priority: 4, status: 4 });
    const invalid = toLioLead(makeLead({ fields: { email: 'a@b.co', urgency: 'soon' } }), {
      fieldMap: { urgency: 'priority' },
    });
    expect(invalid.priority).toBeUndefined();
    expect(invalid.custom_fields?.priority).toBe('soon');
  });

  it('honours fieldMap for top-level and custom LIO fields', () => {
    const body = toLioLead(
      makeLead({
        fields: {
          name: 'Jane Doe',
          email: 'a@b.co',
          firm: 'Acme',
          profile: 'https://linkedin.com/in/jane',
          message: 'hi',
          src: 'referral',
        },
      }),
      {
        fieldMap: {
          firm: 'company',
          profile: 'linkedin_url',
          message: 'notes_from_form',
          src: 'lead_source',
        },
      },
    );
    expect(body).toMatchObject({
      company: 'Acme',
      linkedin_url: 'https://linkedin.com/in/jane',
      lead_source: 2,
    });
    expect(body.custom_fields).toMatchObject({ notes_from_form: 'hi' });
    expect(body.custom_fields).not.toHaveProperty('message');
    expect(body.custom_fields).not.toHaveProperty('firm');
  });

  it('leaves out empty values', () => {
    const body = toLioLead(makeLead({ fields: { name: '  ', email: 'a@b.co', company: '' } }));
    expect(body).not.toHaveProperty('first_name');
    expect(body).not.toHaveProperty('company');
  });
});

describe('splitName', () => {
  it.each([
    ['Jane Doe', { first_name: 'Jane', last_name: 'Doe' }],
    ['  Jane   van  Doe ', { first_name: 'Jane', last_name: 'van Doe' }],
    ['Ana de la Cruz', { first_name: 'Ana', last_name: 'de la Cruz' }],
    ['Doe, Jane', { first_name: 'Jane', last_name: 'Doe' }],
    ['Cher', { first_name: 'Cher' }],
    ['', {}],
    ['محمد علي', { first_name: 'محمد', last_name: 'علي' }],
    ['李 小龍', { first_name: '李', last_name: '小龍' }],
  ])('%j', (input, expected) => {
    expect(splitName(input)).toEqual(expected);
  });

  it('caps each part at 50 characters (doc 003 §7.1 "2–50 chars")', () => {
    const long = `${'A'.repeat(60)} ${'B'.repeat(70)}`;
    const { first_name, last_name } = splitName(long);
    expect(first_name).toHaveLength(50);
    expect(last_name).toHaveLength(50);
  });
});

describe('toLioLeadSource', () => {
  it.each([
    ['no attribution', {}, 5],
    [
      'same-site referrer only',
      { first: { referrer: 'https://www.x.example/a', landingPage: 'https://x.example/b' } },
      5,
    ],
    ['utm_source linkedin', { first: { utm_source: 'LinkedIn', utm_medium: 'paid_social' } }, 3],
    ['linkedin referrer', { first: { referrer: 'https://www.linkedin.com/feed/' } }, 3],
    ['lnkd.in referrer', { first: { referrer: 'https://lnkd.in/abc' } }, 3],
    ['email medium', { first: { utm_source: 'mailchimp', utm_medium: 'email' } }, 4],
    ['newsletter source', { first: { utm_source: 'newsletter' } }, 4],
    ['referral medium', { first: { utm_source: 'partner', utm_medium: 'referral' } }, 2],
    [
      'plain other-site referrer',
      { first: { referrer: 'https://blog.other.example/post', landingPage: 'https://x.example/' } },
      2,
    ],
    ['organic search referrer', { first: { referrer: 'https://www.google.com/' } }, 1],
    ['paid click id', { first: { gclid: 'abc' } }, 1],
    ['cpc campaign', { first: { utm_source: 'google', utm_medium: 'cpc' } }, 1],
    [
      'social campaign with referrer',
      { first: { utm_source: 'facebook', referrer: 'https://facebook.com/' } },
      1,
    ],
    ['first touch wins over last', { first: { utm_medium: 'email' }, last: { utm_source: 'linkedin' } }, 4],
    [
      'last touch when first has no signal',
      { first: { landingPage: 'https://x.example/' }, last: { utm_source: 'linkedin' } },
      3,
    ],
  ] as const)('%s → %i', (_label, attribution, expected) => {
    expect(toLioLeadSource(attribution)).toBe(expected);
  });
});
