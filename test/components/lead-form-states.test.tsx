// @vitest-environment jsdom

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LeadErrorDetail, LeadSuccessDetail } from '../../src/client/leadkit-events';
import { createLeadRef } from '../../src/proxy/security/lead-ref';
import { LeadForm, type LeadFormProps } from '../../widgets/lead-form/lead-form-view';
import { bodyOf, createFakeProxy, createTestDeps, DEMO_FORM, FAKE_PROXY_SECRET, json } from './fake-proxy';

afterEach(cleanup);

function setup(proxy = createFakeProxy(), props: Partial<LeadFormProps> = {}) {
  const test = createTestDeps(proxy.fetch);
  const events: Array<{ name: string; detail: Partial<LeadErrorDetail & LeadSuccessDetail> | undefined }> =
    [];
  const navigate = vi.fn();
  const view = render(
    <LeadForm
      endpoint="https://leads.example.com"
      form="demo"
      locale="en-US"
      pageUrl="https://www.example.com/contact"
      deps={test.deps}
      emit={(name, detail) => events.push({ name, detail })}
      navigate={navigate}
      {...props}
    />,
  );
  return { ...view, ...test, proxy, events, navigate };
}

async function fillValid() {
  fireEvent.input(await screen.findByLabelText(/^Name/), { target: { value: 'Jane Doe' } });
  fireEvent.input(screen.getByLabelText(/^Email/), { target: { value: 'jane@example.com' } });
  fireEvent.click(screen.getByLabelText(/I agree to be contacted/));
}

describe('<LeadForm> states', () => {
  it('shows loading, then the fields with real labels, and announces ready', async () => {
    const { events } = setup();
    expect(screen.getByText('Loading the form…')).toBeTruthy();
    const name = await screen.findByLabelText(/^Name/);
    expect(name.getAttribute('autocomplete')).toBe('name');
    expect(screen.getByLabelText(/^Email/).getAttribute('type')).toBe('email');
    expect(screen.getByLabelText('Phone').getAttribute('type')).toBe('tel');
    expect(screen.getByLabelText('Phone').getAttribute('autocomplete')).toBe('tel');
    expect(events.map((e) => e.name)).toEqual(['leadkit:ready']);
    // No focus stealing on load.
    expect(document.activeElement).toBe(document.body);
  });

  it('offers a retry when the definition cannot be loaded, and emits leadkit:error', async () => {
    const proxy = createFakeProxy({
      formReplies: [json(404, { error: { code: 'not_found', message: 'No such form' } })],
    });
    const { events } = setup(proxy);
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(screen.getAllByText('The form could not be loaded.').length).toBeGreaterThan(0);
    expect(events).toContainEqual({
      name: 'leadkit:error',
      detail: { code: 'not_found', message: 'No such form', form: 'demo' },
    });
    fireEvent.click(retry);
    expect(await screen.findByLabelText(/^Name/)).toBeTruthy();
  });

  it('sends once, with the key, the E.164 phone, consent, hidden values and context; then shows sent', async () => {
    const { proxy, events, deps } = setup(undefined, {
      hiddenFields: { campaign: 'spring', 'bad key': 'x' },
      successMessage: 'Thanks, Jane!',
    });
    await fillValid();
    fireEvent.input(screen.getByLabelText('Phone'), { target: { value: '030 1234567' } });
    const button = screen.getByRole('button', { name: 'Send' });
    fireEvent.click(button);
    fireEvent.click(button); // a double click must not send twice
    await screen.findByText('Thanks, Jane!', { selector: 'p' });
    expect(proxy.posts()).toHaveLength(1);
    const post = proxy.posts()[0];
    expect(post?.url).toBe('https://leads.example.com/v1/forms/demo/leads');
    const body = bodyOf(post);
    expect(post?.headers['idempotency-key']).toBe(body.submissionId);
    expect(body.fields).toEqual({ name: 'Jane Doe', email: 'jane@example.com', phone: '+49301234567' });
    expect(body.hidden).toEqual({ campaign: 'spring' });
    expect(body.consent).toEqual({
      granted: true,
      text: 'I agree to be contacted about my enquiry.',
      version: '3',
    });
    expect(body.context).toMatchObject({
      pageUrl: 'https://www.example.com/contact',
      locale: 'en-US',
      hp: '',
      startedAt: '2026-11-22T10:03:10.000Z',
    });
    expect(events.map((e) => e.name)).toEqual(['leadkit:ready', 'leadkit:submit', 'leadkit:success']);
    expect(events[2]?.detail).toEqual({ leadId: 'lead-1', form: 'demo' });
    expect(deps.storage?.getItem('leadkit:queue')).toBe('[]');
    expect(deps.storage?.getItem('leadkit:lead-ref')).toBe(
      JSON.stringify(createLeadRef('lead-1', FAKE_PROXY_SECRET)),
    );
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Thanks, Jane!'));
  });

  it('goes to the redirect URL after success, but never to a javascript: URL', async () => {
    const first = setup(undefined, { redirect: '/thanks' });
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(first.navigate).toHaveBeenCalledWith('https://www.example.com/thanks'));
    cleanup();
    const second = setup(undefined, { redirect: 'javascript:alert(1)' });
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
    expect(second.navigate).not.toHaveBeenCalled();
  });

  it('shows "sending" while the request is in flight', async () => {
    const proxy = createFakeProxy({ leadReplies: ['hang'] });
    const { unmount } = setup(proxy);
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const button = await screen.findByRole('button', { name: 'Sending…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('Sending…');
    unmount();
    // Unmounting aborts the request it started.
    await waitFor(() => expect(proxy.posts()[0]?.signal?.aborted).toBe(true));
  });

  it('keeps the submission and says so when offline, then sends it once with the same key when back online', async () => {
    const proxy = createFakeProxy({
      leadReplies: [
        new TypeError('Failed to fetch'),
        new TypeError('Failed to fetch'),
        new TypeError('Failed to fetch'),
        new TypeError('Failed to fetch'),
      ],
    });
    const { events, deps } = setup(proxy);
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Saved — it will be sent when you are back online.', { selector: 'p' });
    expect(screen.getByRole('status').textContent).toBe('Saved — it will be sent when you are back online.');
    const queued = JSON.parse(deps.storage?.getItem('leadkit:queue') ?? '[]');
    expect(queued).toHaveLength(1);
    const key = proxy.posts()[0]?.headers['idempotency-key'];
    window.dispatchEvent(new Event('online'));
    await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
    expect(proxy.accepted.size).toBe(1);
    expect([...proxy.accepted.keys()]).toEqual([key]);
    expect(proxy.posts().every((p) => p.headers['idempotency-key'] === key)).toBe(true);
    expect(deps.storage?.getItem('leadkit:queue')).toBe('[]');
    expect(events.some((e) => e.name === 'leadkit:success' && e.detail?.queued === true)).toBe(true);
  });

  it('resolves a relative endpoint against the page, and queues it absolute', async () => {
    const proxy = createFakeProxy({ leadReplies: [new TypeError('Failed to fetch')] });
    const { deps } = setup(proxy, { endpoint: '/leadkit' });
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
    expect(proxy.requests.map((r) => r.url)).toEqual([
      'https://www.example.com/leadkit/v1/forms/demo',
      'https://www.example.com/leadkit/v1/forms/demo/leads',
      'https://www.example.com/leadkit/v1/forms/demo/leads',
    ]);
    expect(deps.storage?.getItem('leadkit:queue')).toBe('[]');
  });

  it('does not even try while the browser says it is offline', async () => {
    const proxy = createFakeProxy();
    const { setOnline } = setup(proxy);
    await fillValid();
    setOnline(false);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Saved — it will be sent when you are back online.', { selector: 'p' });
    expect(proxy.posts()).toHaveLength(0);
  });

  it('retries 5xx with backoff, then fails with a retry that reuses the key', async () => {
    const unavailable = () => json(503, { error: { code: 'backend_unavailable', message: 'down' } });
    const proxy = createFakeProxy({
      leadReplies: [unavailable(), unavailable(), unavailable(), unavailable()],
    });
    const { events, sleeps } = setup(proxy);
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(proxy.posts()).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    expect(sleeps.every((ms) => ms <= 8000)).toBe(true);
    expect(screen.getByRole('status').textContent).toBe(
      'Sending failed. Your entries are kept; please try again.',
    );
    expect(events.at(-1)).toMatchObject({ name: 'leadkit:error', detail: { code: 'backend_unavailable' } });
    fireEvent.click(retry);
    await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
    const keys = new Set(proxy.posts().map((p) => p.headers['idempotency-key']));
    expect(keys.size).toBe(1);
  });

  it('waits out the minimum fill time for a fast (autofilled) visitor instead of looking like a bot', async () => {
    const proxy = createFakeProxy({ form: { ...DEMO_FORM, minFillSeconds: 2 } });
    let now = Date.parse('2026-11-22T10:03:10Z');
    const test = createTestDeps(proxy.fetch, { now: () => now });
    render(
      <LeadForm
        endpoint="https://leads.example.com"
        form="demo"
        locale="en"
        pageUrl="https://www.example.com/"
        deps={test.deps}
        emit={() => {}}
        navigate={() => {}}
      />,
    );
    await fillValid();
    now += 500;
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
    expect(test.sleeps).toEqual([1750]);
  });

  it('sends startedAt in the proxy clock when its Date header is readable', async () => {
    const proxy = createFakeProxy();
    const realFetch = proxy.fetch;
    const fetch = async (input: string, init?: RequestInit) => {
      const response = await realFetch(input, init);
      if ((init?.method ?? 'GET') !== 'GET') return response;
      // The visitor's clock runs five minutes ahead of the proxy's.
      return json(200, await response.json(), { date: 'Sun, 22 Nov 2026 09:58:10 GMT' });
    };
    const test = createTestDeps(fetch);
    render(
      <LeadForm
        endpoint="https://leads.example.com"
        form="demo"
        locale="en"
        pageUrl="https://www.example.com/"
        deps={test.deps}
        emit={() => {}}
        navigate={() => {}}
      />,
    );
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
    expect(bodyOf(proxy.posts()[0]).context?.startedAt).toBe('2026-11-22T09:58:10.000Z');
  });

  it('honours Retry-After on 429', async () => {
    const proxy = createFakeProxy({
      leadReplies: [
        json(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '7' }),
      ],
    });
    const { sleeps } = setup(proxy);
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
    expect(sleeps).toEqual([7000]);
  });
});
