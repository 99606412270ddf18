// @vitest-environment jsdom
import { fireEvent, waitFor } from '@testing-library/preact';
import { render } from 'preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineLeadForm } from '../../widgets/lead-form/define';
import { LeadFormElement } from '../../widgets/lead-form/lead-form';
import { createFakeProxy, createTestDeps } from './fake-proxy';

let proxy = createFakeProxy();

beforeAll(() => {
  LeadFormElement.createDeps = () => createTestDeps(proxy.fetch).deps;
  defineLeadForm();
  defineLeadForm(); // idempotent
});

afterEach(() => {
  document.body.innerHTML = '';
  proxy = createFakeProxy();
});

function waitForEvent(target: EventTarget, name: string): Promise<CustomEvent> {
  return new Promise((resolve) =>
    target.addEventListener(name, (e) => resolve(e as CustomEvent), { once: true }),
  );
}

function createForm(attributes: Record<string, string> = {}): LeadFormElement {
  const el = document.createElement('leadkit-form');
  el.setAttribute('endpoint', 'https://leads.example.com');
  el.setAttribute('form', 'demo');
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  return el;
}

const shadowText = (el: LeadFormElement) => el.shadowRoot?.textContent ?? '';
const flush = () => new Promise((r) => setTimeout(r, 0));

function styleText(el: LeadFormElement): string {
  const root = el.shadowRoot as ShadowRoot;
  const adopted = (root.adoptedStyleSheets ?? [])
    .flatMap((s) => [...s.cssRules].map((r) => r.cssText))
    .join('\n');
  return adopted + [...root.querySelectorAll('style')].map((s) => s.textContent).join('\n');
}

describe('<leadkit-form> element', () => {
  it('registers once and renders in an open shadow root, telling the page through composed events and dataLayer', async () => {
    expect(customElements.get('leadkit-form')).toBe(LeadFormElement);
    const dataLayer: unknown[] = [];
    (window as { dataLayer?: unknown[] }).dataLayer = dataLayer;
    const ready = waitForEvent(document, 'leadkit:ready');
    const el = createForm();
    document.body.append(el);
    const event = await ready;
    expect(event.bubbles && event.composed).toBe(true);
    expect(event.detail).toEqual({ form: 'demo' });
    expect(dataLayer).toContainEqual({ event: 'leadkit_ready', form: 'demo' });
    expect(el.shadowRoot?.mode).toBe('open');
    expect(el.shadowRoot?.querySelector('[part~=form]')).not.toBeNull();
    expect(el.shadowRoot?.querySelector('label[part~=label]')?.textContent).toContain('Name');
    expect(el.status).toBe('editing');
    delete (window as { dataLayer?: unknown[] }).dataLayer;
  });

  it('reacts to attribute changes after mount: form, locale and theme', async () => {
    const el = createForm();
    document.body.append(el);
    await waitForEvent(el, 'leadkit:ready');
    expect(styleText(el)).not.toContain('#111827;');
    el.setAttribute('theme', 'dark');
    expect(styleText(el)).toContain('--leadkit-theme-color-bg: #111827');
    fireEvent.input(el.shadowRoot?.querySelector('input[name=name]') as HTMLInputElement, {
      target: { value: 'Jane' },
    });
    // German comes from the proxy: the definition is fetched again for its messages only, so
    // what was typed stays.
    el.setAttribute('locale', 'de');
    await waitFor(() => expect(shadowText(el)).toContain('Senden'));
    expect(el.shadowRoot?.querySelector<HTMLInputElement>('input[name=name]')?.value).toBe('Jane');
    const ready = waitForEvent(el, 'leadkit:ready');
    el.setAttribute('form', 'other');
    await ready;
    expect(proxy.requests.filter((r) => r.method === 'GET').map((r) => r.url)).toEqual([
      'https://leads.example.com/v1/forms/demo',
      'https://leads.example.com/v1/forms/demo?locale=de',
      'https://leads.example.com/v1/forms/other?locale=de',
    ]);
    expect(shadowText(el)).toContain('Senden');
  });

  it('takes properties set before it was upgraded, and reports a malformed JSON attribute as an event', async () => {
    const host = document.createElement('leadkit-form') as LeadFormElement;
    host.endpoint = 'https://leads.example.com';
    host.form = 'demo';
    host.prefill = { name: 'From property' };
    document.body.append(host);
    await waitForEvent(host, 'leadkit:ready');
    await flush();
    expect(host.shadowRoot?.querySelector<HTMLInputElement>('input[name=name]')?.value).toBe('From property');
    const error = waitForEvent(host, 'leadkit:error');
    host.setAttribute('hidden-fields', '{oops');
    expect((await error).detail).toMatchObject({ code: 'bad_attribute' });
  });

  it('reports a malformed JSON attribute written in the HTML once the element is in the page, with one console warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const heard: CustomEvent[] = [];
    const listener = (e: Event) => heard.push(e as CustomEvent);
    document.addEventListener('leadkit:error', listener);
    try {
      // Parsed with the tag already defined: the attribute arrives before connectedCallback.
      document.body.innerHTML =
        '<leadkit-form endpoint="https://leads.example.com" form="demo" prefill="{name: oops}"></leadkit-form>';
      const host = document.body.querySelector('leadkit-form') as LeadFormElement;
      await waitForEvent(host, 'leadkit:ready');
      expect(heard.map((e) => e.detail)).toEqual([
        { code: 'bad_attribute', message: 'The prefill attribute is not valid JSON.', form: 'demo' },
      ]);
      expect(heard[0]?.target).toBe(host);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(
        /<leadkit-form form="demo">.*prefill attribute is not valid JSON/,
      );
    } finally {
      document.removeEventListener('leadkit:error', listener);
      warn.mockRestore();
    }
  });

  it('says so when a hidden-fields entry has the name of a visible field (the visible one is sent)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const host = createForm({ 'hidden-fields': '{"email":"hidden@example.com","campaign":"spring"}' });
      const error = waitForEvent(document, 'leadkit:error');
      document.body.append(host);
      expect((await error).detail).toEqual({
        code: 'hidden_field_conflict',
        message:
          'The hidden-fields entry "email" has the name of a visible field; the visible field is sent, the entry is not.',
        form: 'demo',
      });
      await flush();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain('hidden-fields entry "email"');
    } finally {
      warn.mockRestore();
    }
  });

  it('takes object props from a Preact app through the typed JSX entry, and reacts to new ones', async () => {
    const app = document.createElement('div');
    document.body.append(app);
    const onReady = vi.fn();
    const view = (name: string) => (
      <leadkit-form
        endpoint="https://leads.example.com"
        form="demo"
        theme="minimal"
        prefill={{ name }}
        hiddenFields={{ campaign: 'spa' }}
        onleadkit:ready={onReady}
      />
    );
    render(view('First'), app);
    const el = app.querySelector('leadkit-form') as LeadFormElement;
    await vi.waitFor(() => expect(onReady).toHaveBeenCalled());
    await flush();
    const input = () => el.shadowRoot?.querySelector<HTMLInputElement>('input[name=name]')?.value;
    expect(input()).toBe('First');
    expect(el.hiddenFields).toEqual({ campaign: 'spa' });
    render(view('Second'), app);
    await vi.waitFor(() => expect(input()).toBe('Second'));
    render(null, app);
    expect(app.children).toHaveLength(0);
  });

  it('keeps two forms on one page independent', async () => {
    const a = createForm({ prefill: '{"name":"A"}' });
    const b = createForm({ form: 'second', locale: 'fr' });
    document.body.append(a, b);
    await Promise.all([waitForEvent(a, 'leadkit:ready'), waitForEvent(b, 'leadkit:ready')]);
    await flush();
    const submit = a.shadowRoot?.querySelector('button[type=submit]') as HTMLButtonElement;
    submit.click();
    await flush();
    expect(a.shadowRoot?.querySelector('[aria-invalid=true]')).not.toBeNull();
    expect(b.shadowRoot?.querySelector('[aria-invalid=true]')).toBeNull();
    expect(b.shadowRoot?.querySelector<HTMLInputElement>('input[name=name]')?.value).toBe('');
    expect(shadowText(b)).toContain('Envoyer');
    // Ids are scoped per shadow root, so labels still point at their own inputs.
    const label = b.shadowRoot?.querySelector('label[for]') as HTMLLabelElement;
    expect(b.shadowRoot?.getElementById(label.htmlFor)).not.toBeNull();
  });

  it('leaves no request or listener behind when removed mid-load, 1,000 times over', async () => {
    proxy = createFakeProxy({ formReplies: Array.from({ length: 1000 }, () => 'hang' as const) });
    const onlineSignals: AbortSignal[] = [];
    const add = window.addEventListener.bind(window);
    const spy = vi.spyOn(window, 'addEventListener').mockImplementation((type, listener, options) => {
      if (type === 'online' && typeof options === 'object' && options.signal)
        onlineSignals.push(options.signal);
      add(type, listener, options);
    });
    const errors: Event[] = [];
    document.addEventListener('leadkit:error', (e) => errors.push(e));
    for (let round = 0; round < 100; round++) {
      const batch = Array.from({ length: 10 }, () => createForm());
      document.body.append(...batch);
      // Let the effects run, so each form really has a request and a listener open.
      await vi.waitFor(() => expect(proxy.requests.length).toBe((round + 1) * 10));
      for (const el of batch) el.remove();
    }
    spy.mockRestore();
    expect(proxy.requests).toHaveLength(1000);
    expect(proxy.requests.every((r) => r.signal?.aborted)).toBe(true);
    expect(onlineSignals).toHaveLength(1000);
    expect(onlineSignals.every((s) => s.aborted)).toBe(true);
    expect(document.body.children).toHaveLength(0);
    expect(errors).toEqual([]);
    // And an `online` event after removal starts nothing.
    window.dispatchEvent(new Event('online'));
    await flush();
    expect(proxy.requests).toHaveLength(1000);
  });
});
