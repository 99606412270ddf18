import { describe, expect, it } from 'vitest';
import { makeTestLead } from '../../../test/support/backend-test-kit';
import type { CanonicalLead } from '../../model/lead';
import { toSquadStackLead, toSquadStackPhone } from './squadstack-mapper';

/** The one lead these mapper tests vary: always `lead_01`, so two mappings of it compare equal. */
function makeLead(overrides: Partial<CanonicalLead> = {}): CanonicalLead {
  return makeTestLead({
    id: 'lead_01',
    leadRef: 'ref_01',
    form: 'callback',
    fields: { name: 'Priya Sharma', phone: '+919876543210' },
    ...overrides,
  });
}

function mapOk(lead: CanonicalLead, options?: Parameters<typeof toSquadStackLead>[1]) {
  const result = toSquadStackLead(lead, options);
  if (!result.ok) throw new Error(result.message);
  return result.lead;
}

describe('toSquadStackLead', () => {
  it('keeps a key named like an Object.prototype member as itself, never dropping its value', () => {
    const lead = mapOk(
      makeLead({
        fields: { name: 'A B', phone: '+919876543210' },
        hidden: { toString: 't', constructor: 'c' } as unknown as Record<string, string>,
      }),
    );
    const text = JSON.stringify(lead);
    expect(text).toContain('"toString":"t"');
    expect(text).toContain('"constructor":"c"');
  });

  it('maps every canonical field: mandatory keys plus flat string custom keys', () => {
    const lead = mapOk(
      makeLead({
        fields: {
          name: 'Priya Sharma',
          email: 'priya@example.in',
          phone: '+919876543210',
          company: 'Acme India',
          job_title: 'Founder',
          message: 'Call after 6',
          interest: 'loans',
          whatsapp_ok: true,
        },
        hidden: { branch: 'pune' },
        consent: { granted: true, text: 'Call me.', version: '2', grantedAt: '2026-11-22T10:03:12.000Z' },
        attribution: {
          first: { utm_source: 'google', utm_medium: 'cpc', gclid: 'g1', landingPage: 'https://x.example/a' },
          last: { utm_source: 'facebook', utm_campaign: 'diwali', at: '2026-11-22T10:01:00Z' },
        },
        context: { pageUrl: 'https://x.example/contact', locale: 'hi-IN', timezone: 'Asia/Kolkata' },
      }),
    );
    expect(lead).toEqual({
      lead_id: 'lead_01',
      phone_number: '9876543210',
      contact_name: 'Priya Sharma',
      email: 'priya@example.in',
      company: 'Acme India',
      job_title: 'Founder',
      message: 'Call after 6',
      interest: 'loans',
      whatsapp_ok: 'true',
      branch: 'pune',
      leadkit_form: 'callback',
      leadkit_created_at: '2026-11-22T10:03:12.000Z',
      consent_granted: 'true',
      consent_text: 'Call me.',
      consent_version: '2',
      consent_granted_at: '2026-11-22T10:03:12.000Z',
      first_touch_utm_source: 'google',
      first_touch_utm_medium: 'cpc',
      first_touch_gclid: 'g1',
      first_touch_landing_page: 'https://x.example/a',
      last_touch_utm_source: 'facebook',
      last_touch_utm_campaign: 'diwali',
      last_touch_at: '2026-11-22T10:01:00Z',
      page_url: 'https://x.example/contact',
      locale: 'hi-IN',
      timezone: 'Asia/Kolkata',
    });
    for (const value of Object.values(lead)) expect(typeof value).toBe('string');
  });

  it('builds contact_name from first_name + last_name when there is no name field', () => {
    const lead = mapOk(
      makeLead({ fields: { first_name: 'Ravi', last_name: 'Kumar', phone: '+919876543210' } }),
    );
    expect(lead.contact_name).toBe('Ravi Kumar');
    expect(lead.first_name).toBe('Ravi');
  });

  it('refuses a lead without phone or name, naming the missing keys', () => {
    const noPhone = toSquadStackLead(makeLead({ fields: { name: 'A B', email: 'a@b.co' } }));
    expect(noPhone).toMatchObject({ ok: false, fieldErrors: { phone_number: [expect.any(String)] } });
    const noName = toSquadStackLead(makeLead({ fields: { phone: '+919876543210' } }));
    expect(noName).toMatchObject({ ok: false, fieldErrors: { contact_name: [expect.any(String)] } });
    const bad = toSquadStackLead(makeLead({ fields: { name: 'A', phone: 'call me' } }));
    expect(bad.ok).toBe(false);
  });

  it('honours fieldMap, including contact_name and phone_number targets', () => {
    const lead = mapOk(
      makeLead({
        fields: { full: 'Meera Iyer', mobile: '+919812345678', message: 'hi', name: 'kept as a custom key' },
      }),
      { fieldMap: { full: 'contact_name', mobile: 'phone_number', message: 'remarks' } },
    );
    expect(lead.contact_name).toBe('Meera Iyer');
    expect(lead.phone_number).toBe('9812345678');
    expect(lead.remarks).toBe('hi');
    expect(lead).not.toHaveProperty('message');
    expect(lead.name).toBe('kept as a custom key');
  });

  it('never lets a form field overwrite lead_id, and prefixes hidden values a field already took', () => {
    const lead = mapOk(
      makeLead({
        fields: { name: 'A B', phone: '+919876543210', lead_id: 'theirs', campaign: 'typed' },
        hidden: { campaign: 'x' },
      }),
    );
    expect(lead.lead_id).toBe('lead_01');
    expect(lead.field_lead_id).toBe('theirs');
    expect(lead.campaign).toBe('typed');
    expect(lead.hidden_campaign).toBe('x');
  });

  it('leaves blank values out ("This field may not be blank.")', () => {
    const lead = mapOk(makeLead({ fields: { name: 'A B', phone: '+919876543210', company: '  ' } }));
    expect(lead).not.toHaveProperty('company');
  });

  it('sends E.164 with phoneFormat e164', () => {
    expect(mapOk(makeLead(), { phoneFormat: 'e164' }).phone_number).toBe('+919876543210');
  });
});

describe('toSquadStackPhone', () => {
  it.each([
    ['+919876543210', '9876543210'], // mobile: the document's 10-digit form
    ['+911123456789', '1123456789'], // Delhi landline
  ])('an Indian number %s → national %s', (e164, national) => {
    expect(toSquadStackPhone(e164, { format: 'national' })).toEqual({ ok: true, phone: national });
    expect(toSquadStackPhone(e164, { format: 'e164' })).toEqual({ ok: true, phone: e164 });
  });

  it.each([
    '+447911123456', // UK mobile: nationally 7911123456, ten digits like an Indian mobile
    '+442071838750', // UK landline: nationally 2071838750
    '+14155552671', // US: nationally 4155552671
    '+4915112345678', // Germany
    '+971501234567', // UAE
    '+6591234567', // Singapore
  ])('a number of another country (%s) is never cut to its national digits: E.164 by default', (e164) => {
    expect(toSquadStackPhone(e164, { format: 'national' })).toEqual({ ok: true, phone: e164 });
    expect(toSquadStackPhone(e164, { format: 'national', foreignPhones: 'e164' })).toEqual({
      ok: true,
      phone: e164,
    });
    expect(toSquadStackPhone(e164, { format: 'e164' })).toEqual({ ok: true, phone: e164 });
  });

  it('foreignPhones "refuse" refuses every number outside +91, in either format, naming it', () => {
    for (const format of ['national', 'e164'] as const) {
      const refused = toSquadStackPhone('+447911123456', { format, foreignPhones: 'refuse' });
      expect(refused).toEqual({
        ok: false,
        message:
          'the phone number (+44) is not an Indian (+91) number, and this backend sends no others (foreignPhones: "refuse")',
      });
      expect(toSquadStackPhone('+919876543210', { format, foreignPhones: 'refuse' }).ok).toBe(true);
    }
  });

  it('refuses something that is not a number', () => {
    expect(toSquadStackPhone('n/a', { format: 'national' })).toMatchObject({ ok: false });
  });
});

describe('toSquadStackLead phone', () => {
  it('sends a UK number as E.164, not as ten digits an Indian campaign would dial', () => {
    const lead = mapOk(makeLead({ fields: { name: 'Tom Jones', phone: '+447911123456' } }));
    expect(lead.phone_number).toBe('+447911123456');
  });

  it('refuses a foreign number with foreignPhones "refuse", as a phone_number field error', () => {
    const result = toSquadStackLead(makeLead({ fields: { name: 'Tom Jones', phone: '+447911123456' } }), {
      foreignPhones: 'refuse',
    });
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringContaining('not an Indian (+91) number'),
      fieldErrors: { phone_number: [expect.stringContaining('not an Indian (+91) number')] },
    });
  });
});
