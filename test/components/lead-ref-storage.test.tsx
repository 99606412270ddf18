// @vitest-environment jsdom
/**
 * The lead reference and the offline queue through the rendered form and the page API, on
 * jsdom's real localStorage (the one `LeadKit` reads): the ref the proxy mints after a
 * submission is kept, `LeadKit.getLeadRef()` hands it back intact, `LeadKit.identify` takes a
 * minted one, and `LeadKit.forget()` removes the ref, the attribution and a queued submission.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureAttribution } from '../../src/client/attribution';
import { LeadKit } from '../../src/client/leadkit-api';
import { createLeadRef, parseLeadRef } from '../../src/proxy/security/lead-ref';
import { LeadForm } from '../../widgets/lead-form/lead-form-view';
import { createFakeProxy, createTestDeps, FAKE_PROXY_SECRET } from './fake-proxy';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

function renderForm(proxy: ReturnType<typeof createFakeProxy>) {
  const test = createTestDeps(proxy.fetch, { storage: localStorage });
  const events: string[] = [];
  render(
    <LeadForm
      endpoint="https://leads.example.com"
      form="demo"
      locale="en-US"
      pageUrl="https://www.example.com/contact"
      deps={test.deps}
      emit={(name) => events.push(name)}
      navigate={() => undefined}
    />,
  );
  return { ...test, events };
}

async function fillAndSend() {
  fireEvent.input(await screen.findByLabelText(/^Name/), { target: { value: 'Jane Doe' } });
  fireEvent.input(screen.getByLabelText(/^Email/), { target: { value: 'jane@example.com' } });
  fireEvent.click(screen.getByLabelText(/I agree to be contacted/));
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
}

describe('the lead reference in the browser', () => {
  it('keeps the ref from the 202 and gives it back to the page as the proxy minted it', async () => {
    const proxy = createFakeProxy();
    renderForm(proxy);
    await fillAndSend();
    await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
    const leadRef = LeadKit.getLeadRef();
    expect(leadRef).toBe(createLeadRef('lead-1', FAKE_PROXY_SECRET));
    expect(parseLeadRef(leadRef as string, FAKE_PROXY_SECRET)).toBe('lead-1');
    expect(leadRef).not.toContain('lead-1');
  });

  it('takes a minted ref from LeadKit.identify (an lk_ref link) and the next submission replaces it', async () => {
    const fromLink = createLeadRef(crypto.randomUUID(), FAKE_PROXY_SECRET);
    expect(LeadKit.identify({ leadRef: fromLink })).toBe(true);
    expect(LeadKit.getLeadRef()).toBe(fromLink);
    renderForm(createFakeProxy());
    await fillAndSend();
    await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
    expect(parseLeadRef(LeadKit.getLeadRef() as string, FAKE_PROXY_SECRET)).toBe('lead-1');
  });

  it('forgets the ref, the attribution and a submission waiting offline, which is then never sent', async () => {
    captureAttribution(
      { url: 'https://www.example.com/?utm_source=google', referrer: '' },
      { storage: localStorage, now: Date.now },
    );
    LeadKit.identify({ leadRef: createLeadRef('lead-0', FAKE_PROXY_SECRET) });
    const proxy = createFakeProxy({
      leadReplies: Array.from({ length: 4 }, () => new TypeError('Failed to fetch')),
    });
    renderForm(proxy);
    await fillAndSend();
    await screen.findByText('Saved — it will be sent when you are back online.', { selector: 'p' });
    expect(localStorage.getItem('leadkit:queue')).toContain('jane@example.com');

    expect(LeadKit.forget()).toBe(true);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('leadkit:'))).toEqual([]);
    expect(LeadKit.getLeadRef()).toBeUndefined();

    const postsBefore = proxy.posts().length;
    window.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(proxy.posts()).toHaveLength(postsBefore);
    expect(proxy.accepted.size).toBe(0);
  });
});
