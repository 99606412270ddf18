import { defineLeadForm } from '../widgets/lead-form/define';
import type { LeadFormElement } from '../widgets/lead-form/lead-form';
import type {
  LeadErrorDetail,
  LeadReadyDetail,
  LeadSubmitDetail,
  LeadSuccessDetail,
} from './client/leadkit-events';

/**
 * Options of `mount(el, 'form', …)`: the element's attributes in camelCase, plus callbacks for
 * its events. Objects (`prefill`, `hiddenFields`) are passed as the JSON attributes the element
 * documents, so `mount` and plain HTML configure the element through one surface.
 */
export interface MountFormOptions {
  endpoint: string;
  form: string;
  theme?: string;
  locale?: string;
  timezone?: string;
  prefill?: Record<string, string | boolean>;
  hiddenFields?: Record<string, string>;
  successMessage?: string;
  redirect?: string;
  onReady?: (event: CustomEvent<LeadReadyDetail>) => void;
  onSubmit?: (event: CustomEvent<LeadSubmitDetail>) => void;
  onSuccess?: (event: CustomEvent<LeadSuccessDetail>) => void;
  onError?: (event: CustomEvent<LeadErrorDetail>) => void;
}

/** What `mount` returns: the element, a way to change its options, and a way to remove it. */
export interface MountedForm {
  element: LeadFormElement;
  /** Changes some options; `undefined` (or `null`) removes an attribute. Callbacks may change too. */
  update(options: Partial<MountFormOptions>): void;
  /** Removes the element and its listeners. Safe to call twice. */
  destroy(): void;
}

/** The widgets `mount` knows, by the second argument. */
export type MountKind = 'form';

type AttributeOption = Exclude<keyof MountFormOptions, `on${string}`>;
type CallbackOption = Extract<keyof MountFormOptions, `on${string}`>;

const ATTRIBUTES: Record<AttributeOption, string> = {
  endpoint: 'endpoint',
  form: 'form',
  theme: 'theme',
  locale: 'locale',
  timezone: 'timezone',
  prefill: 'prefill',
  hiddenFields: 'hidden-fields',
  successMessage: 'success-message',
  redirect: 'redirect',
};

const EVENTS: Record<CallbackOption, string> = {
  onReady: 'leadkit:ready',
  onSubmit: 'leadkit:submit',
  onSuccess: 'leadkit:success',
  onError: 'leadkit:error',
};

function isAttributeOption(key: string): key is AttributeOption {
  return Object.hasOwn(ATTRIBUTES, key);
}

/**
 * Creates a leadkit element inside `target`, registering it first if needed.
 *
 * @example
 * import { mount } from 'leadkit';
 * const form = mount(document.querySelector('#contact')!, 'form', {
 *   endpoint: 'https://leads.example.com',
 *   form: 'contact',
 *   onSuccess: (event) => console.info('lead', event.detail.leadId),
 * });
 * form.update({ locale: 'de' });
 * form.destroy();
 */
export function mount(target: Element, kind: MountKind, options: MountFormOptions): MountedForm {
  // `kind` only knows 'form' today; the booking elements add their own overloads.
  void kind;
  defineLeadForm();
  const element = document.createElement('leadkit-form') as LeadFormElement;
  const callbacks: Partial<Pick<MountFormOptions, CallbackOption>> = {};
  const listeners = new AbortController();
  for (const [option, type] of Object.entries(EVENTS) as [CallbackOption, string][]) {
    element.addEventListener(
      type,
      (event) => {
        // The callback is looked up per event so `update({ onSuccess })` takes effect at once.
        (callbacks[option] as ((event: Event) => void) | undefined)?.(event);
      },
      { signal: listeners.signal },
    );
  }

  const update = (changes: Partial<MountFormOptions>): void => {
    for (const [key, value] of Object.entries(changes)) {
      if (isAttributeOption(key)) {
        const name = ATTRIBUTES[key];
        if (value === undefined || value === null) element.removeAttribute(name);
        else element.setAttribute(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
      } else if (Object.hasOwn(EVENTS, key)) {
        (callbacks as Record<string, unknown>)[key] = value;
      }
    }
  };

  update(options);
  target.append(element);
  return {
    element,
    update,
    destroy() {
      listeners.abort();
      element.remove();
    },
  };
}
