import { describe, expect, it } from 'vitest';
import { makeTestLead } from '../../../test/support/backend-test-kit';
import type { CanonicalLead } from '../../model/lead';
import { keepSchemaFields, type QvooMappingOptions, toQvooLead, toQvooUpdate } from './qvoo-mapper';

const OPTIONS: QvooMappingOptions = { status: 'new', leadStage: 'unassigned' };

/** The one lead these mapper tests vary: always `lead_01`, so two mappings of it compare equal. */
function makeLead(overrides: Partial<CanonicalLead> = {}): CanonicalLead {
  return makeTestLead({
    id: 'lead_01',
    leadRef: 'ref_01',
    createdAt: '2026-11-22T10:03:12Z',
    fields: { name: 'Jane Doe', email: 'jane@example.com', phone: '+4915112345678' },
    ...overrides,
  });
}

function mapOk(lead: CanonicalLead, options: QvooMappingOptions = OPTIONS) {
  const result = toQvooLead(lead, options);
  if (!result.ok) throw new Error(`expected a body, got: ${result.message}`);
  return result;
}

describe('toQvooLead', () => {
  it('keeps a key named like an Object.prototype member as itself, never as a function text', () => {
    const { body } = mapOk(
      makeLead({ hidden: { constructor: 'c', toString: 't' } as unknown as Record<string, string> }),
    );
    const fields = body.fields as Record<string, unknown>;
    expect(Object.keys(fields).filter((key) => key.includes('function'))).toEqual([]);
    expect(Object.hasOwn(fields, 'constructor') ? fields.constructor : undefined).toBe('c');
    expect(Object.hasOwn(fields, 'toString') ? fields.toString : undefined).toBe('t');
  });

  it('maps the documented create body: name, status, leadStage, fields.mobileNumber and emailId', () => {
    const { body, duplicateQuery } = mapOk(makeLead());
    expect(body).toEqual({
      name: 'Jane Doe',
      status: 'new',
      leadStage: 'unassigned',
      fields: { mobileNumber: '+4915112345678', emailId: 'jane@example.com', leadkit_lead_id: 'lead_01' },
    });
    expect(duplicateQuery).toEqual({ phone: '+4915112345678' });
  });

  it('maps every preset field: company, job_title, message, interest go into fields under their names', () => {
    const lead = makeLead({
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
    });
    const { body } = mapOk(lead);
    expect(body.fields).toMatchObject({
      company: 'Acme GmbH',
      job_title: 'CTO',
      message: 'Please call me',
      interest: 'implants',
      newsletter: true,
    });
  });

  it('uses the configured status, stage, source and tags', () => {
    const { body } = mapOk(makeLead(), {
      status: 'contacted',
      leadStage: 'qualified',
      source: 'website',
      tags: ['hot-lead', 'follow-up'],
    });
    expect(body).toMatchObject({
      status: 'contacted',
      leadStage: 'qualified',
      source: 'website',
      tags: ['hot-lead', 'follow-up'],
    });
  });

  it('builds name from first_name and last_name and does not send the parts on their own', () => {
    const { body } = mapOk(
      makeLead({ fields: { first_name: 'Ana', last_name: 'de la Cruz', email: 'ana@example.com' } }),
    );
    expect(body.name).toBe('Ana de la Cruz');
    expect(body.fields).not.toHaveProperty('first_name');
    expect(body.fields).not.toHaveProperty('last_name');
  });

  it('falls back to the email, then the phone, for a lead without a name', () => {
    expect(mapOk(makeLead({ fields: { email: 'x@example.com' } })).body.name).toBe('x@example.com');
    expect(mapOk(makeLead({ fields: { phone: '+919876543210' } })).body.name).toBe('+919876543210');
  });

  it('checks duplicates by phone, else by email', () => {
    expect(mapOk(makeLead({ fields: { name: 'A', email: 'a@example.com' } })).duplicateQuery).toEqual({
      email: 'a@example.com',
    });
  });

  it('refuses a lead with neither phone nor email: it could not be de-duplicated', () => {
    const result = toQvooLead(makeLead({ fields: { name: 'Nobody', message: 'hi' } }), OPTIONS);
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining('phone number (mobileNumber) or an email'),
    });
  });

  it.each([
    ['+4915112345678', undefined, '+4915112345678'],
    ['+919876543210', undefined, '+919876543210'],
    ['+14155552671', undefined, '+14155552671'],
    ['+447911123456', undefined, '+447911123456'],
    ['030 1234567', 'de-DE', '+49301234567'],
    ['98765 43210', 'en-IN', '+919876543210'],
    ['(415) 555-2671', 'en-US', '+14155552671'],
  ])('sends phone %s (locale %s) as E.164 %s', (phone, locale, e164) => {
    const lead = makeLead({ fields: { name: 'P', phone }, context: locale ? { locale } : {} });
    expect(mapOk(lead).body.fields.mobileNumber).toBe(e164);
  });

  it('refuses a phone that is not a number', () => {
    const result = toQvooLead(makeLead({ fields: { name: 'P', phone: '12' } }), OPTIONS);
    expect(result.ok).toBe(false);
  });

  it('sends the last touch of attribution, else the first, into fields', () => {
    const attribution = {
      first: { utm_source: 'google', utm_medium: 'cpc', gclid: 'abc', referrer: 'https://www.google.com/' },
      last: {
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'spring',
        utm_term: 'implant',
        utm_content: 'hero',
        fbclid: 'fb1',
        msclkid: 'ms1',
        landingPage: 'https://www.example.com/pricing',
      },
    };
    const { body } = mapOk(makeLead({ attribution }));
    expect(body.fields).toMatchObject({
      utm_source: 'newsletter',
      utm_medium: 'email',
      utm_campaign: 'spring',
      utm_term: 'implant',
      utm_content: 'hero',
      fbclid: 'fb1',
      msclkid: 'ms1',
      landing_page: 'https://www.example.com/pricing',
    });
    expect(body.fields).not.toHaveProperty('gclid');
    const firstOnly = mapOk(makeLead({ attribution: { first: attribution.first } })).body.fields;
    expect(firstOnly).toMatchObject({
      utm_source: 'google',
      utm_medium: 'cpc',
      gclid: 'abc',
      referrer: 'https://www.google.com/',
    });
  });

  it('sends consent, hidden values and the page URL into fields', () => {
    const lead = makeLead({
      hidden: { campaign: 'spring' },
      consent: {
        granted: true,
        text: 'I agree to be contacted.',
        version: '3',
        grantedAt: '2026-11-22T10:03:12Z',
      },
      context: { pageUrl: 'https://www.example.com/contact', locale: 'de-DE' },
    });
    expect(mapOk(lead).body.fields).toMatchObject({
      campaign: 'spring',
      consent_granted: true,
      consent_text: 'I agree to be contacted.',
      consent_version: '3',
      consent_at: '2026-11-22T10:03:12Z',
      page_url: 'https://www.example.com/contact',
    });
  });

  it('honours fieldMap: renames to a workspace fieldKey, to the top-level source, or drops with ""', () => {
    const lead = makeLead({
      fields: {
        name: 'Jane',
        phone: '+4915112345678',
        phone2: '+4915199999999',
        heard: 'referral',
        message: 'hi',
      },
      hidden: { campaign: 'spring' },
      attribution: { last: { utm_source: 'google' } },
    });
    const { body } = mapOk(lead, {
      ...OPTIONS,
      fieldMap: {
        phone2: 'customField_123',
        heard: 'source',
        message: 'customField_notes',
        utm_source: '',
        leadkit_lead_id: '',
        campaign: 'customField_campaign',
      },
    });
    expect(body.fields).toEqual({
      mobileNumber: '+4915112345678',
      customField_123: '+4915199999999',
      customField_notes: 'hi',
      customField_campaign: 'spring',
    });
    expect(body.source).toBe('referral');
  });

  it('lets fieldMap send the name parts on their own when asked', () => {
    const lead = makeLead({ fields: { first_name: 'Ana', last_name: 'Lopez', email: 'ana@example.com' } });
    const { body } = mapOk(lead, { ...OPTIONS, fieldMap: { first_name: 'firstName' } });
    expect(body.name).toBe('Ana Lopez');
    expect(body.fields.firstName).toBe('Ana');
  });

  it('gives a typed value precedence over a hidden one and a hidden one over attribution', () => {
    const lead = makeLead({
      fields: { name: 'J', email: 'j@example.com', utm_source: 'typed' },
      hidden: { utm_source: 'hidden', utm_medium: 'hidden-medium' },
      attribution: {
        last: { utm_source: 'touch', utm_medium: 'touch-medium', utm_campaign: 'touch-campaign' },
      },
    });
    expect(mapOk(lead).body.fields).toMatchObject({
      utm_source: 'typed',
      utm_medium: 'hidden-medium',
      utm_campaign: 'touch-campaign',
    });
  });

  it('leaves empty values out', () => {
    const { body } = mapOk(makeLead({ fields: { name: 'J', email: 'j@example.com', company: '' } }));
    expect(body.fields).not.toHaveProperty('company');
  });
});

describe('toQvooUpdate', () => {
  it('sends name and merged fields only, never status, stage, source or tags', () => {
    const { body } = mapOk(makeLead(), { ...OPTIONS, source: 'website', tags: ['hot-lead'] });
    const update = toQvooUpdate(body, {
      mobileNumber: '+4915112345678',
      customField_123: 'kept',
      emailId: 'old@example.com',
    });
    expect(update).toEqual({
      name: 'Jane Doe',
      fields: {
        mobileNumber: '+4915112345678',
        customField_123: 'kept',
        emailId: 'jane@example.com',
        leadkit_lead_id: 'lead_01',
      },
    });
  });
});

describe('keepSchemaFields', () => {
  it('keeps schema fieldKeys and mobileNumber/emailId, and names the rest by their leadkit key', () => {
    const mapped = mapOk(
      makeLead({
        fields: { name: 'Jane', phone: '+4915112345678', phone2: '+4915112345679', message: 'Hi' },
        attribution: { last: { utm_source: 'google' } },
      }),
      { ...OPTIONS, fieldMap: { phone2: 'customField_123', message: 'customField_999' } },
    );
    const { body, leftOut } = keepSchemaFields(
      mapped.body,
      mapped.fieldSources,
      new Set(['customField_123']),
    );
    expect(body.fields).toEqual({ mobileNumber: '+4915112345678', customField_123: '+4915112345679' });
    expect(body.name).toBe('Jane');
    expect(leftOut).toEqual(
      expect.arrayContaining([
        { key: 'utm_source', target: 'utm_source' },
        { key: 'message', target: 'customField_999' },
        { key: 'leadkit_lead_id', target: 'leadkit_lead_id' },
      ]),
    );
  });
});
