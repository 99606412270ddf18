import { describe, expect, it } from 'vitest';
import { makeTestLead } from '../../../test/support/backend-test-kit';
import type { CanonicalLead } from '../../model/lead';
import { type QualifybaseMapOptions, toQualifybaseLanguage, toQualifybaseLead } from './qualifybase-mapper';
import { getJsonBytes, METADATA_MAX_BYTES, toQualifybaseMetadata } from './qualifybase-metadata';
import { pickTouch, toQualifybaseSource } from './qualifybase-source';
import type { QualifybaseLeadCreate } from './qualifybase-types';

/** The one lead these mapper tests vary: always `lead_01`, so two mappings of it compare equal. */
function makeLead(overrides: Partial<CanonicalLead> = {}): CanonicalLead {
  return makeTestLead({
    id: 'lead_01',
    leadRef: 'ref_01',
    fields: {
      name: 'Jane Doe',
      email: 'jane@example.com',
      phone: '+4915112345678',
      message: 'Hello',
      interest: 'Implants',
    },
    hidden: { campaign: 'spring' },
    consent: {
      granted: true,
      text: 'I agree to be contacted about my enquiry.',
      version: '1',
      grantedAt: '2026-11-22T10:03:12.000Z',
    },
    attribution: {
      first: {
        utm_source: 'google',
        utm_medium: 'cpc',
        gclid: 'abc',
        referrer: 'https://www.google.com/',
        landingPage: 'https://www.example.com/offer',
        at: '2026-11-20T09:12:00Z',
      },
      last: {
        utm_source: 'newsletter',
        utm_medium: 'email',
        landingPage: 'https://www.example.com/pricing',
        at: '2026-11-22T10:01:00Z',
      },
    },
    context: { pageUrl: 'https://www.example.com/contact', locale: 'de-DE', timezone: 'Europe/Berlin' },
    ...overrides,
  });
}

const options: QualifybaseMapOptions = { externalSource: 'leadkit', sourceTouch: 'first' };

function mapOk(lead: CanonicalLead, extra: Partial<QualifybaseMapOptions> = {}): QualifybaseLeadCreate {
  const result = toQualifybaseLead(lead, { ...options, ...extra });
  if (!result.ok) throw new Error(result.message);
  return result.body;
}

describe('toQualifybaseLead', () => {
  it('maps every canonical field', () => {
    const body = mapOk(
      makeLead({
        fields: {
          name: 'Jane Doe',
          email: 'jane@example.com',
          phone: '+4915112345678',
          company: 'Acme',
          job_title: 'CTO',
          message: 'Hello',
          interest: 'Implants',
          city: 'Berlin',
          budget: '5000',
          newsletter: true,
        },
        bookingId: 'bk_1',
      }),
    );
    expect(body).toMatchObject({
      full_name: 'Jane Doe',
      email: 'jane@example.com',
      phone: '+4915112345678',
      country: 'DE',
      city: 'Berlin',
      language: 'de',
      treatment_interest: 'Implants',
      notes: 'Hello',
      source: 'paid_ads',
      external_source: 'leadkit',
      external_id: 'lead_01',
    });
    expect(body.external_metadata).toEqual({
      leadkit: {
        lead_id: 'lead_01',
        form: 'contact',
        created_at: '2026-11-22T10:03:12.000Z',
        booking_id: 'bk_1',
      },
      consent: {
        granted: true,
        version: '1',
        granted_at: '2026-11-22T10:03:12.000Z',
        text: 'I agree to be contacted about my enquiry.',
      },
      attribution: {
        first: {
          utm_source: 'google',
          utm_medium: 'cpc',
          gclid: 'abc',
          referrer: 'https://www.google.com/',
          landingPage: 'https://www.example.com/offer',
          at: '2026-11-20T09:12:00Z',
        },
        last: {
          utm_source: 'newsletter',
          utm_medium: 'email',
          landingPage: 'https://www.example.com/pricing',
          at: '2026-11-22T10:01:00Z',
        },
      },
      hidden: { campaign: 'spring' },
      fields: { company: 'Acme', job_title: 'CTO', budget: '5000', newsletter: true },
      context: { page_url: 'https://www.example.com/contact', locale: 'de-DE', timezone: 'Europe/Berlin' },
    });
  });

  it('builds full_name from first_name and last_name when there is no name field', () => {
    const body = mapOk(
      makeLead({ fields: { first_name: 'Ana', last_name: 'da Silva', email: 'ana@example.com' } }),
    );
    expect(body.full_name).toBe('Ana da Silva');
    expect(body.external_metadata?.fields).toBeUndefined();
  });

  it('keeps first and last name in metadata when name wins', () => {
    const body = mapOk(
      makeLead({
        fields: { name: 'Ana Silva', first_name: 'Ana', last_name: 'Silva', email: 'a@example.com' },
      }),
    );
    expect(body.full_name).toBe('Ana Silva');
    expect(body.external_metadata?.fields).toEqual({ first_name: 'Ana', last_name: 'Silva' });
  });

  it('sends no body when there is neither phone nor email', () => {
    const result = toQualifybaseLead(makeLead({ fields: { name: 'Nobody' } }), options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/phone.*or an email/);
  });

  it('never sends a phone that is not E.164, keeps it in metadata, and lets email carry the lead', () => {
    const body = mapOk(makeLead({ fields: { email: 'x@example.com', phone: 'call me maybe' } }));
    expect(body.phone).toBeUndefined();
    expect(body.external_metadata?.fields).toEqual({ phone: 'call me maybe' });
  });

  it.each([
    ['09876543210', 'en-IN', '+919876543210', 'IN'],
    ['(415) 555-2671', 'en-US', '+14155552671', 'US'],
    ['020 7183 8750', 'en-GB', '+442071838750', 'GB'],
    ['0612345678', 'fr-FR', '+33612345678', 'FR'],
  ])('normalises the national number %s with the %s locale', (phone, locale, e164, country) => {
    const body = mapOk(makeLead({ fields: { phone }, context: { locale } }));
    expect([body.phone, body.country]).toEqual([e164, country]);
  });

  it('normalises a national phone with the locale country', () => {
    const body = mapOk(makeLead({ fields: { phone: '030 1234567' }, context: { locale: 'de-DE' } }));
    expect(body.phone).toBe('+49301234567');
    expect(body.country).toBe('DE');
  });

  it.each([
    ['+4915112345678', 'DE'],
    ['+919876543210', 'IN'],
    ['+14155552671', 'US'],
    ['+442071838750', 'GB'],
    ['+5511987654321', 'BR'],
    ['+971501234567', 'AE'],
  ])('takes the country of %s from the phone (%s)', (phone, country) => {
    expect(mapOk(makeLead({ fields: { phone } })).country).toBe(country);
  });

  it('prefers a country field over the phone and upper-cases a code', () => {
    expect(mapOk(makeLead({ fields: { phone: '+4915112345678', country: 'at' } })).country).toBe('AT');
    expect(mapOk(makeLead({ fields: { phone: '+4915112345678', country: 'Österreich' } })).country).toBe(
      'Österreich',
    );
  });

  it('honours fieldMap: another field feeds treatment_interest and the default steps aside', () => {
    const body = mapOk(
      makeLead({ fields: { email: 'a@example.com', procedure: 'Veneers', interest: 'Implants' } }),
      {
        fieldMap: { procedure: 'treatment_interest', clinic: 'external_metadata.branch' },
      },
    );
    expect(body.treatment_interest).toBe('Veneers');
    expect(body.external_metadata?.fields).toEqual({ interest: 'Implants' });
  });

  it('joins several fields mapped to notes and sends booleans as yes/no text', () => {
    const body = mapOk(makeLead({ fields: { email: 'a@example.com', message: 'Hi', callback: true } }), {
      fieldMap: { message: 'notes', callback: 'notes' },
    });
    expect(body.notes).toBe('Hi\n\nyes');
  });

  it('maps fields to external_metadata.<key>', () => {
    const body = mapOk(makeLead({ fields: { email: 'a@example.com', clinic: 'Mitte' } }), {
      fieldMap: { clinic: 'external_metadata.branch' },
    });
    expect(body.external_metadata?.fields).toEqual({ branch: 'Mitte' });
  });

  it('uses the configured external_source and the lead id as external_id', () => {
    const body = mapOk(makeLead(), { externalSource: 'acme-forms' });
    expect([body.external_source, body.external_id]).toEqual(['acme-forms', 'lead_01']);
  });

  it('is deterministic, so one delivery always has one body (Idempotency-Key)', () => {
    expect(JSON.stringify(mapOk(makeLead()))).toBe(JSON.stringify(mapOk(makeLead())));
  });

  it('decides source from the first touch by default, the last one on request', () => {
    expect(mapOk(makeLead()).source).toBe('paid_ads');
    expect(mapOk(makeLead(), { sourceTouch: 'last' }).source).toBe('email');
  });
});

describe('toQualifybaseLanguage', () => {
  it.each([
    ['de-DE', 'de'],
    ['pt_BR', 'pt'],
    ['EN', 'en'],
    ['fil-PH', 'fil'],
    [undefined, undefined],
    ['*', undefined],
  ])('%s → %s', (locale, language) => {
    expect(toQualifybaseLanguage(locale)).toBe(language);
  });
});

describe('toQualifybaseSource', () => {
  it.each([
    [{ gclid: 'x' }, 'paid_ads'],
    [{ fbclid: 'x', utm_source: 'instagram' }, 'paid_ads'],
    [{ msclkid: 'x' }, 'paid_ads'],
    [{ utm_source: 'google', utm_medium: 'cpc' }, 'paid_ads'],
    [{ utm_source: 'facebook', utm_medium: 'paid_social' }, 'paid_ads'],
    [{ utm_source: 'linkedin', utm_medium: 'ppc' }, 'paid_ads'],
    [{ utm_source: 'gdn', utm_medium: 'display' }, 'paid_ads'],
    [{ utm_source: 'instagram', utm_medium: 'social' }, 'instagram'],
    [{ utm_source: 'Instagram' }, 'instagram'],
    [{ utm_source: 'ig' }, 'instagram'],
    [{ utm_source: 'facebook' }, 'facebook'],
    [{ utm_source: 'fb' }, 'facebook'],
    [{ utm_source: 'tiktok' }, 'tiktok'],
    [{ utm_source: 'whatsapp' }, 'whatsapp'],
    [{ utm_source: 'email' }, 'email'],
    [{ utm_source: 'mailchimp', utm_medium: 'email' }, 'email'],
    [{ utm_source: 'partner', utm_medium: 'referral' }, 'referral'],
    [{ referrer: 'https://l.instagram.com/?u=x' }, 'instagram'],
    [{ referrer: 'https://m.facebook.com/' }, 'facebook'],
    [{ referrer: 'https://www.tiktok.com/@clinic' }, 'tiktok'],
    [{ referrer: 'https://wa.me/123' }, 'whatsapp'],
    [{ referrer: 'https://mail.google.com/' }, 'email'],
    [{ referrer: 'https://www.google.de/' }, 'website'],
    [{ referrer: 'https://duckduckgo.com/' }, 'website'],
    [
      { referrer: 'https://blog.partner.org/best-clinics', landingPage: 'https://www.example.com/' },
      'referral',
    ],
    [{ referrer: 'https://www.example.com/about', landingPage: 'https://example.com/contact' }, 'website'],
    [{ utm_source: 'poster' }, 'website'],
    [{}, 'website'],
  ])('%o → %s', (touch, source) => {
    expect(toQualifybaseSource(touch)).toBe(source);
  });

  it('is website without any attribution', () => {
    expect(toQualifybaseSource(undefined)).toBe('website');
  });

  it('falls back to the other touch when the chosen one is empty', () => {
    expect(pickTouch({ last: { utm_source: 'tiktok' } }, 'first')).toEqual({ utm_source: 'tiktok' });
    expect(pickTouch({ first: { gclid: 'g' }, last: {} }, 'last')).toEqual({ gclid: 'g' });
  });
});

describe('toQualifybaseMetadata (4 KB cap)', () => {
  it('leaves small metadata whole', () => {
    const metadata = toQualifybaseMetadata(makeLead(), { budget: '5000' });
    expect(metadata.dropped).toBeUndefined();
    expect(metadata.fields).toEqual({ budget: '5000' });
  });

  it('drops the least important keys first and lists them', () => {
    const lead = makeLead({
      context: {
        pageUrl: `https://www.example.com/${'p'.repeat(1500)}`,
        locale: 'de-DE',
        timezone: 'Europe/Berlin',
      },
      attribution: {
        first: {
          utm_source: 'google',
          utm_term: 't'.repeat(400),
          landingPage: `https://www.example.com/${'l'.repeat(1700)}`,
        },
      },
    });
    const metadata = toQualifybaseMetadata(lead, { budget: '5000', notes2: 'n'.repeat(1500) });
    expect(getJsonBytes(metadata)).toBeLessThanOrEqual(METADATA_MAX_BYTES);
    expect(metadata.dropped).toEqual(['context.timezone', 'context.page_url', 'attribution.first.utm_term']);
    expect(metadata.fields).toEqual({ budget: '5000', notes2: 'n'.repeat(1500) });
    expect(metadata.consent).toBeDefined();
    expect((metadata.attribution as { first: object }).first).toMatchObject({ utm_source: 'google' });
  });

  it('drops the largest extra field before smaller ones and before hidden values', () => {
    const metadata = toQualifybaseMetadata(makeLead({ hidden: { campaign: 'spring' } }), {
      small: 'ok',
      huge: 'h'.repeat(5000),
    });
    expect(getJsonBytes(metadata)).toBeLessThanOrEqual(METADATA_MAX_BYTES);
    expect(metadata.fields).toEqual({ small: 'ok' });
    expect(metadata.hidden).toEqual({ campaign: 'spring' });
    expect(metadata.dropped).toContain('fields.huge');
  });

  it('stays under the cap with multi-byte text, and never loses the lead id', () => {
    const fields: Record<string, string> = {};
    for (let i = 0; i < 400; i++) fields[`f${i}`] = 'ü€😀'.repeat(20);
    const metadata = toQualifybaseMetadata(makeLead({ hidden: { h: '界'.repeat(1500) } }), fields);
    expect(getJsonBytes(metadata)).toBeLessThanOrEqual(METADATA_MAX_BYTES);
    expect(metadata.leadkit).toMatchObject({ lead_id: 'lead_01' });
  });

  it('respects a smaller budget and does not modify the lead', () => {
    const lead = makeLead();
    const before = JSON.stringify(lead);
    const metadata = toQualifybaseMetadata(lead, {}, 300);
    expect(getJsonBytes(metadata)).toBeLessThanOrEqual(300);
    expect(JSON.stringify(lead)).toBe(before);
  });
});
