// @vitest-environment jsdom
/**
 * The form changed on the proxy while the page was open (consent bumped, a field added): the
 * visitor is not trapped behind "Please tick this box" under a ticked box. The widget reloads
 * the definition, keeps what was typed and asks only for what is new.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import type { LeadErrorDetail } from '../../src/client/leadkit-events';
import type { FormDefinition } from '../../src/model/form';
import { LeadForm } from '../../widgets/lead-form/lead-form-view';
import { bodyOf, createFakeProxy, createTestDeps, DEMO_FORM, json, PHONE_METADATA } from './fake-proxy';

afterEach(cleanup);

const NEW_FORM: FormDefinition = {
  ...DEMO_FORM,
  fields: [...DEMO_FORM.fields, { name: 'company', type: 'text', label: 'Company', required: true }],
  consent: { text: 'I agree to be contacted, and to the new privacy notice.', version: '4', required: true },
};

const STALE = json(400, {
  error: {
    code: 'validation_failed',
    message: 'The submission has problems; see fields.',
    fields: {
      consent: 'does not match the consent text and version this form shows',
      'fields.company': 'is required',
    },
  },
});

it('reloads a definition that changed on the server, keeps what was typed and asks only for what is new', async () => {
  const proxy = createFakeProxy({
    form: NEW_FORM,
    formReplies: [json(200, { ...DEMO_FORM, phoneMetadata: PHONE_METADATA })],
    leadReplies: [STALE],
  });
  const { deps } = createTestDeps(proxy.fetch);
  const events: Array<{ name: string; detail: Partial<LeadErrorDetail> }> = [];
  render(
    <LeadForm
      endpoint="https://leads.example.com"
      form="demo"
      locale="en"
      pageUrl="https://www.example.com/contact"
      deps={deps}
      emit={(name, detail) => events.push({ name, detail })}
      navigate={() => {}}
    />,
  );
  fireEvent.input(await screen.findByLabelText(/^Name/), { target: { value: 'Jane' } });
  fireEvent.input(screen.getByLabelText(/^Email/), { target: { value: 'jane@example.com' } });
  fireEvent.input(screen.getByLabelText(/^Message/), { target: { value: 'Hello there' } });
  fireEvent.click(screen.getByLabelText(/I agree to be contacted about/));
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));

  // The new field and the new consent text appear; what was typed is still there.
  const company = await screen.findByLabelText(/^Company/);
  expect(proxy.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
  expect((screen.getByLabelText(/^Name/) as HTMLInputElement).value).toBe('Jane');
  expect((screen.getByLabelText(/^Email/) as HTMLInputElement).value).toBe('jane@example.com');
  expect((screen.getByLabelText(/^Message/) as HTMLTextAreaElement).value).toBe('Hello there');
  const consent = screen.getByLabelText(/new privacy notice/) as HTMLInputElement;
  expect(consent.checked).toBe(false);
  // Only what is new is asked for: the new field and the new consent, nothing else.
  expect(company.getAttribute('aria-invalid')).toBe('true');
  expect(consent.getAttribute('aria-invalid')).toBe('true');
  expect(screen.getByLabelText(/^Name/).getAttribute('aria-invalid')).toBe('false');
  expect(screen.getByLabelText(/^Email/).getAttribute('aria-invalid')).toBe('false');
  await waitFor(() => expect(document.activeElement).toBe(company));
  expect(events.at(-1)).toEqual({
    name: 'leadkit:error',
    detail: {
      code: 'validation_failed',
      message: 'The submission has problems; see fields.',
      form: 'demo',
      fields: {
        consent: 'does not match the consent text and version this form shows',
        'fields.company': 'is required',
      },
    },
  });

  fireEvent.input(company, { target: { value: 'Acme' } });
  fireEvent.click(consent);
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
  await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
  const posts = proxy.posts();
  expect(posts).toHaveLength(2);
  const body = bodyOf(posts[1]);
  expect(body.fields).toMatchObject({
    name: 'Jane',
    email: 'jane@example.com',
    company: 'Acme',
    message: 'Hello there',
  });
  expect(body.consent).toEqual({ granted: true, text: NEW_FORM.consent?.text, version: '4' });
  // Nothing was stored under the refused key, so the new submission has a new one.
  expect(posts[1]?.headers['idempotency-key']).not.toBe(posts[0]?.headers['idempotency-key']);
});

it('keeps a ticked consent whose text and version did not change', async () => {
  const changed: FormDefinition = {
    ...DEMO_FORM,
    fields: [...DEMO_FORM.fields, { name: 'company', type: 'text', label: 'Company', required: true }],
  };
  const proxy = createFakeProxy({
    form: changed,
    formReplies: [json(200, { ...DEMO_FORM, phoneMetadata: PHONE_METADATA })],
    leadReplies: [
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'see fields',
          fields: { 'fields.company': 'is required' },
        },
      }),
    ],
  });
  const { deps } = createTestDeps(proxy.fetch);
  render(
    <LeadForm
      endpoint="https://leads.example.com"
      form="demo"
      locale="en"
      pageUrl="https://www.example.com/contact"
      deps={deps}
      emit={() => {}}
      navigate={() => {}}
    />,
  );
  fireEvent.input(await screen.findByLabelText(/^Name/), { target: { value: 'Jane' } });
  fireEvent.input(screen.getByLabelText(/^Email/), { target: { value: 'jane@example.com' } });
  fireEvent.click(screen.getByLabelText(/I agree/));
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
  const company = await screen.findByLabelText(/^Company/);
  expect((screen.getByLabelText(/I agree/) as HTMLInputElement).checked).toBe(true);
  expect(screen.getByLabelText(/I agree/).getAttribute('aria-invalid')).toBe('false');
  expect(company.getAttribute('aria-invalid')).toBe('true');
});
