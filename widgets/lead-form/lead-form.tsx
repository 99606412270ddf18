/**
 * `<leadkit-form>` — a lead-capture form rendered from the proxy's form definition.
 *
 * Attributes (reactive): `endpoint`*, `form`*, `theme` (`light` | `dark` | `minimal`),
 * `locale`, `timezone`, `prefill` (JSON), `hidden-fields` (JSON), `success-message`, `redirect`.
 * Properties: the same in camelCase (`hiddenFields`, `successMessage`); `prefill` and
 * `hiddenFields` take objects. Read-only `status`.
 *
 * Events (bubbling, composed; also pushed to `window.dataLayer` as `leadkit_*`):
 * `leadkit:ready` `{ form }`, `leadkit:submit` `{ form, submissionId }`,
 * `leadkit:success` `{ leadId, form, queued? }`, `leadkit:error` `{ code, message, form, queued?, fields? }`
 * (declared once in src/client/leadkit-events.ts; docs/events-and-errors.md says when each happens).
 *
 * CSS parts: `root`, `form`, `field`, `label`, `input`, `country`, `error`, `button`,
 * `status`, `message`, `consent`.
 * Custom properties: `--leadkit-color-primary`, `--leadkit-color-on-primary`,
 * `--leadkit-color-text`, `--leadkit-color-muted`, `--leadkit-color-bg`,
 * `--leadkit-color-field-bg`, `--leadkit-color-border`, `--leadkit-color-error`,
 * `--leadkit-color-success`, `--leadkit-color-focus`, `--leadkit-radius`, `--leadkit-font`,
 * `--leadkit-font-size`, `--leadkit-spacing`, `--leadkit-padding`.
 */
import type { ClientDeps } from '../../src/client/client-deps';
import type { LeadkitEventDetail } from '../../src/client/emit-event';
import type { LeadFormEventDetails, LeadFormStatus } from '../../src/client/leadkit-events';
import { adviseDeveloper, warnDeveloper } from '../../src/client/warn-developer';
import { type JsonAttributeProperties, LeadkitElement } from '../shared/leadkit-element';
import type { LeadFormAttributes } from './lead-form-attributes';
import { leadFormCss } from './lead-form-styles';
import { LeadForm } from './lead-form-view';

export type { LeadFormAttributes };

// The JSON properties LeadkitElement generates, typed.
export interface LeadFormElement extends JsonAttributeProperties {}

/**
 * The `<leadkit-form>` element class. Importing this module registers nothing; call
 * `defineLeadForm()` (widgets/lead-form/define.ts) or `define()` for that.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class LeadFormElement extends LeadkitElement {
  static override attributes = {
    endpoint: 'required',
    form: 'required',
    theme: 'optional',
    locale: 'optional',
    timezone: 'optional',
    prefill: 'json',
    'hidden-fields': 'json',
    'success-message': 'optional',
    redirect: 'optional',
  } as const;
  static override styles = [leadFormCss];
  static override idAttribute = 'form';

  /** Base URL of the leadkit proxy (the `endpoint` attribute). */
  declare endpoint: string;
  /** The form's id in the proxy's config. */
  declare form: string;
  declare theme: string | null;
  declare locale: string | null;
  declare timezone: string | null;
  declare successMessage: string | null;
  declare redirect: string | null;

  #status: LeadFormStatus = 'loading';

  /** The form's current state: `loading`, `load-failed`, `editing`, `sending`, `sent`, `saved` or `failed`. */
  get status(): LeadFormStatus {
    return this.#status;
  }

  protected override renderView(deps: ClientDeps, signal: AbortSignal | undefined) {
    return (
      <LeadForm
        {...this.getPage()}
        endpoint={this.endpoint}
        form={this.form}
        locale={this.locale ?? undefined}
        timezone={this.timezone ?? undefined}
        prefill={this.prefill}
        hiddenFields={this.hiddenFields}
        successMessage={this.successMessage ?? undefined}
        redirect={this.redirect ?? undefined}
        theme={this.theme ?? undefined}
        deps={deps}
        signal={signal}
        emit={(name, detail) => this.emit(name, detail)}
        navigate={(url) => this.ownerDocument.location?.assign(url)}
        onStatus={(status) => {
          this.#status = status;
        }}
      />
    );
  }

  protected override emit<K extends keyof LeadFormEventDetails>(
    name: K,
    detail: Omit<LeadFormEventDetails[K], 'form'>,
  ): void {
    const full = { form: this.form, ...detail } as LeadkitEventDetail<K>;
    if (name === 'leadkit:error') {
      const { code, form, message } = full as LeadFormEventDetails['leadkit:error'];
      if (code === 'bad_attribute') warnDeveloper(this.form, message);
      adviseDeveloper(code, form ?? this.form, this.ownerDocument.location?.origin);
    }
    super.emit(name, full);
  }
}
