// @vitest-environment jsdom
/**
 * `define()` and `mount()` as an app uses them: nothing registers on import, `define` is
 * idempotent, `mount` creates a configured element, `update` changes attributes and callbacks,
 * `destroy` removes the element and stops the callbacks.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LeadFormElement } from '../widgets/lead-form/lead-form';
import { getBrowserDeps } from './client/client-deps';

const DEFINITION = {
  id: 'contact',
  fields: [{ name: 'email', type: 'email', label: 'Email', required: true }],
};

describe('define() and mount()', () => {
  beforeAll(() => {
    // No network in unit tests: every element answers the form definition from memory.
    LeadFormElement.createDeps = () => ({
      ...getBrowserDeps(),
      fetch: async () =>
        new Response(JSON.stringify(DEFINITION), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    });
  });
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('registers nothing on import, and define() registers <leadkit-form> once', async () => {
    expect(customElements.get('leadkit-form')).toBeUndefined();
    const { define } = await import('./define-all');
    define();
    expect(customElements.get('leadkit-form')).toBe(LeadFormElement);
    expect(() => define()).not.toThrow();
  });

  it('mount() creates the element with its attributes, update() changes them, destroy() removes it', async () => {
    const { mount } = await import('./mount');
    const host = document.createElement('div');
    document.body.append(host);
    const widget = mount(host, 'form', {
      endpoint: 'https://leads.example.com',
      form: 'contact',
      theme: 'dark',
      prefill: { email: 'jane@example.com' },
      hiddenFields: { campaign: 'spring' },
      successMessage: 'Thanks!',
    });
    expect(widget.element).toBeInstanceOf(LeadFormElement);
    expect(widget.element.parentElement).toBe(host);
    expect(widget.element.getAttribute('endpoint')).toBe('https://leads.example.com');
    expect(widget.element.getAttribute('form')).toBe('contact');
    expect(widget.element.getAttribute('theme')).toBe('dark');
    expect(JSON.parse(widget.element.getAttribute('prefill') ?? '')).toEqual({ email: 'jane@example.com' });
    expect(JSON.parse(widget.element.getAttribute('hidden-fields') ?? '')).toEqual({ campaign: 'spring' });
    expect(widget.element.getAttribute('success-message')).toBe('Thanks!');

    widget.update({ locale: 'de', theme: undefined });
    expect(widget.element.getAttribute('locale')).toBe('de');
    expect(widget.element.hasAttribute('theme')).toBe(false);

    widget.destroy();
    expect(host.children).toHaveLength(0);
    expect(() => widget.destroy()).not.toThrow();
  });

  it('calls the event callbacks, the current one after update(), none after destroy()', async () => {
    const { mount } = await import('./mount');
    const first = vi.fn();
    const second = vi.fn();
    const onError = vi.fn();
    const widget = mount(document.body, 'form', {
      endpoint: 'https://leads.example.com',
      form: 'contact',
      onSuccess: first,
      onError,
    });
    const success = () =>
      widget.element.dispatchEvent(
        new CustomEvent('leadkit:success', { detail: { leadId: 'l1' }, bubbles: true, composed: true }),
      );

    success();
    expect(first).toHaveBeenCalledTimes(1);
    expect(first.mock.calls[0]?.[0].detail).toEqual({ leadId: 'l1' });
    widget.update({ onSuccess: second });
    success();
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    widget.destroy();
    success();
    expect(second).toHaveBeenCalledTimes(1);
    expect(onError).not.toHaveBeenCalled();
  });
});
