// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { LeadForm } from '../../widgets/lead-form/lead-form-view';
import { createFakeProxy, createTestDeps, json } from './fake-proxy';

afterEach(cleanup);

// The structural WCAG rules; colour contrast needs layout, which jsdom lacks, so the
// real-browser suite (W2's e2e) covers it.
async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

function setup(proxy = createFakeProxy(), locale = 'en') {
  document.documentElement.lang = 'en';
  const test = createTestDeps(proxy.fetch);
  render(
    <main>
      <h1>Contact</h1>
      <LeadForm
        endpoint="https://leads.example.com"
        form="demo"
        locale={locale}
        pageUrl="https://www.example.com/"
        deps={test.deps}
        emit={() => {}}
        navigate={() => {}}
      />
    </main>,
  );
  return test;
}

async function fill() {
  fireEvent.input(await screen.findByLabelText(/^Name|^الاسم/), { target: { value: 'Jane' } });
  fireEvent.input(screen.getByLabelText(/^Email|^البريد/), { target: { value: 'jane@example.com' } });
  fireEvent.click(screen.getByRole('checkbox', { name: /I agree|contact/i }));
}

describe('<LeadForm> accessibility (axe, WCAG 2.2 AA tags)', () => {
  it('has no violations while loading, editing, and showing errors', async () => {
    setup();
    expect(await violations()).toEqual([]);
    await screen.findByLabelText(/^Name/);
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findAllByText('Please fill in this field.');
    expect(await violations()).toEqual([]);
  });

  it('has no violations when sending, sent, saved offline, failed and load-failed', async () => {
    setup(createFakeProxy({ leadReplies: ['hang'] }));
    await fill();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('button', { name: 'Sending…' });
    expect(await violations()).toEqual([]);
    cleanup();

    setup();
    await fill();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Thank you — your message has been sent.', { selector: 'p' });
    expect(await violations()).toEqual([]);
    cleanup();

    const offline = setup();
    await fill();
    offline.setOnline(false);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Saved — it will be sent when you are back online.', { selector: 'p' });
    expect(await violations()).toEqual([]);
    cleanup();

    setup(createFakeProxy({ leadReplies: [json(409, { error: { code: 'conflict', message: 'x' } })] }));
    await fill();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('button', { name: 'Try again' });
    expect(await violations()).toEqual([]);
    cleanup();

    setup(createFakeProxy({ formReplies: [json(500, {}), json(500, {}), json(500, {}), json(500, {})] }));
    await screen.findByRole('button', { name: 'Try again' });
    expect(await violations()).toEqual([]);
  });

  it('has no violations in Arabic', async () => {
    setup(createFakeProxy(), 'ar');
    await screen.findByLabelText(/^الاسم/);
    expect(await violations()).toEqual([]);
  });
});
