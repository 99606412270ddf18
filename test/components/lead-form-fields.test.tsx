// @vitest-environment jsdom

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { LeadErrorDetail, LeadSuccessDetail } from '../../src/client/leadkit-events';
import { LeadForm, type LeadFormProps } from '../../widgets/lead-form/lead-form-view';
import { bodyOf, createFakeProxy, createTestDeps, DEMO_FORM, json } from './fake-proxy';

afterEach(cleanup);

function setup(props: Partial<LeadFormProps> = {}, proxy = createFakeProxy()) {
  const test = createTestDeps(proxy.fetch);
  const events: Array<{ name: string; detail: Partial<LeadErrorDetail & LeadSuccessDetail> | undefined }> =
    [];
  render(
    <LeadForm
      endpoint="https://leads.example.com"
      form="demo"
      locale="en"
      pageUrl="https://www.example.com/contact"
      deps={test.deps}
      emit={(name, detail) => events.push({ name, detail })}
      navigate={() => {}}
      {...props}
    />,
  );
  return { ...test, proxy, events };
}

const send = () => fireEvent.click(screen.getByRole('button', { name: 'Send' }));

describe('<LeadForm> fields', () => {
  it('binds each error to its field and moves focus to the first invalid one', async () => {
    const { proxy } = setup();
    const name = await screen.findByLabelText(/^Name/);
    const email = screen.getByLabelText(/^Email/);
    expect(name.getAttribute('aria-invalid')).toBe('false');
    expect(name.hasAttribute('aria-describedby')).toBe(false);
    send();
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = name.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('Please fill in this field.');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const consent = screen.getByLabelText(/I agree/);
    expect(document.getElementById(consent.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Please tick this box to continue.',
    );
    expect(screen.getByRole('status').textContent).toBe('Please correct the 3 highlighted field(s).');
    expect(proxy.posts()).toHaveLength(0);
  });

  it('says what is wrong with an email or a phone number, and clears the error once fixed', async () => {
    setup();
    const email = await screen.findByLabelText(/^Email/);
    fireEvent.input(email, { target: { value: 'jane@example' } });
    fireEvent.blur(email);
    expect(await screen.findByText('Enter an email address such as name@example.com.')).toBeTruthy();
    fireEvent.input(email, { target: { value: 'jane@example.com' } });
    await waitFor(() =>
      expect(screen.queryByText('Enter an email address such as name@example.com.')).toBeNull(),
    );
    const phone = screen.getByLabelText('Phone');
    fireEvent.input(phone, { target: { value: '030' } });
    fireEvent.blur(phone);
    expect(await screen.findByText('This number is too short for Germany.')).toBeTruthy();
  });

  it('formats the phone number as it is typed, left-to-right, with a country selector', async () => {
    setup();
    const phone = (await screen.findByLabelText('Phone')) as HTMLInputElement;
    expect(phone.getAttribute('dir')).toBe('ltr');
    expect(phone.getAttribute('inputmode')).toBe('tel');
    const country = screen.getByLabelText('Phone: Country') as HTMLSelectElement;
    expect(country.value).toBe('DE');
    phone.value = '0301234567';
    phone.setSelectionRange(10, 10);
    fireEvent.input(phone);
    expect(phone.value).toBe('030 1234567');
    expect(phone.selectionStart).toBe(11);
    fireEvent.change(country, { target: { value: 'US' } });
    phone.value = '2015550123';
    phone.setSelectionRange(10, 10);
    fireEvent.input(phone);
    expect(phone.value).toBe('(201) 555-0123');
  });

  it('prefills from the page URL query and the prefill property, which wins', async () => {
    setup({
      pageUrl: 'https://www.example.com/contact?email=query%40example.com&name=Query&interest=nope',
      prefill: { name: 'Prop Name', interest: 'demo' },
    });
    expect(((await screen.findByLabelText(/^Name/)) as HTMLInputElement).value).toBe('Prop Name');
    expect((screen.getByLabelText(/^Email/) as HTMLInputElement).value).toBe('query@example.com');
    expect((screen.getByLabelText('Interest') as HTMLSelectElement).value).toBe('demo');
  });

  it('applies a changed prefill to untouched fields only', async () => {
    const proxy = createFakeProxy();
    const test = createTestDeps(proxy.fetch);
    const base = {
      endpoint: 'https://leads.example.com',
      form: 'demo',
      locale: 'en',
      pageUrl: 'https://www.example.com/',
      deps: test.deps,
      emit: () => {},
      navigate: () => {},
    };
    const view = render(<LeadForm {...base} prefill={{ name: 'A' }} />);
    const name = (await screen.findByLabelText(/^Name/)) as HTMLInputElement;
    fireEvent.input(screen.getByLabelText(/^Email/), { target: { value: 'typed@example.com' } });
    view.rerender(<LeadForm {...base} prefill={{ name: 'B', email: 'new@example.com' }} />);
    await waitFor(() => expect(name.value).toBe('B'));
    expect((screen.getByLabelText(/^Email/) as HTMLInputElement).value).toBe('typed@example.com');
  });

  it('sends hidden-type fields and hidden values, and a declined optional consent as such', async () => {
    const form = {
      ...DEMO_FORM,
      fields: [...DEMO_FORM.fields, { name: 'source', type: 'hidden' as const, label: 'Source' }],
      consent: { text: 'Send me news', version: '2', required: false },
    };
    const { proxy } = setup({ hiddenFields: { source: 'ad', plan: 'pro' } }, createFakeProxy({ form }));
    fireEvent.input(await screen.findByLabelText(/^Name/), { target: { value: 'Jane' } });
    fireEvent.input(screen.getByLabelText(/^Email/), { target: { value: 'jane@example.com' } });
    expect(screen.queryByLabelText('Source')).toBeNull();
    send();
    await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
    const body = bodyOf(proxy.posts()[0]);
    expect(body.fields.source).toBe('ad');
    expect(body.hidden).toEqual({ plan: 'pro' });
    expect(body.consent).toEqual({ granted: false, text: 'Send me news', version: '2' });
  });

  it("shows the proxy's 400 field errors at their fields, in the visitor's language", async () => {
    const proxy = createFakeProxy({
      leadReplies: [
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid',
            fields: { 'fields.email': 'is not an email address' },
          },
        }),
      ],
    });
    setup({ locale: 'de' }, proxy);
    fireEvent.input(await screen.findByLabelText(/^Name/), { target: { value: 'Jane' } });
    fireEvent.input(screen.getByLabelText(/^E-Mail/), { target: { value: 'jane@example.com' } });
    fireEvent.click(screen.getByLabelText(/einverstanden/));
    fireEvent.click(screen.getByRole('button', { name: 'Senden' }));
    const email = screen.getByLabelText(/^E-Mail/);
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.')).toBeTruthy();
  });

  it('takes the phone as typed when the proxy sent no metadata, and lets the proxy judge it', async () => {
    const { proxy } = setup({}, createFakeProxy({ phoneMetadata: null }));
    fireEvent.input(await screen.findByLabelText(/^Name/), { target: { value: 'Jane' } });
    fireEvent.input(screen.getByLabelText(/^Email/), { target: { value: 'jane@example.com' } });
    fireEvent.input(screen.getByLabelText('Phone'), { target: { value: '030 1234567' } });
    expect(screen.queryByLabelText('Phone: Country')).toBeNull();
    fireEvent.click(screen.getByLabelText(/I agree/));
    send();
    await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
    expect(bodyOf(proxy.posts()[0]).fields.phone).toBe('030 1234567');
  });

  it('fills the honeypot into context.hp, where bots put their spam', async () => {
    const { proxy } = setup();
    fireEvent.input(await screen.findByLabelText(/^Name/), { target: { value: 'Bot' } });
    fireEvent.input(screen.getByLabelText(/^Email/), { target: { value: 'bot@example.com' } });
    fireEvent.click(screen.getByLabelText(/I agree/));
    const hp = document.querySelector('input[name=website]') as HTMLInputElement;
    expect(hp.tabIndex).toBe(-1);
    expect(hp.closest('[aria-hidden=true]')).not.toBeNull();
    hp.value = 'http://spam.example';
    send();
    await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
    expect(bodyOf(proxy.posts()[0]).context?.hp).toBe('http://spam.example');
  });

  it('speaks Arabic right-to-left while keeping the phone number left-to-right', async () => {
    setup({ locale: 'ar' });
    const name = await screen.findByLabelText(/^الاسم/);
    // The layout is right-to-left; the text box follows what is typed (dir="auto").
    expect(name.parentElement?.closest('[dir]')?.getAttribute('dir')).toBe('rtl');
    expect(name.getAttribute('dir')).toBe('auto');
    expect(name.closest('[lang]')?.getAttribute('lang')).toBe('ar');
    expect(screen.getByLabelText('الهاتف').getAttribute('dir')).toBe('ltr');
    expect(screen.getByRole('button', { name: 'إرسال' })).toBeTruthy();
  });
});
