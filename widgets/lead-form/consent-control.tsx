import type { ConsentDef } from '../../src/model/consent';
import { CONSENT_KEY, getConsentText } from './lead-form-values';

/** Props of the consent checkbox. */
export interface ConsentControlProps {
  id: string;
  consent: ConsentDef;
  locale: string;
  checked: boolean;
  disabled: boolean;
  error: string | undefined;
  onChange: (granted: boolean) => void;
}

/** The consent checkbox; its label is the exact text that is sent with the lead. */
export function ConsentControl(props: ConsentControlProps) {
  const errorId = `${props.id}-error`;
  const required = props.consent.required !== false;
  return (
    <div class="field" part="field consent">
      <div class="check">
        <input
          id={props.id}
          type="checkbox"
          part="input"
          data-focus={CONSENT_KEY}
          checked={props.checked}
          disabled={props.disabled}
          required={required}
          aria-invalid={props.error ? 'true' : 'false'}
          aria-describedby={props.error ? errorId : undefined}
          onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
        />
        <label for={props.id} part="label">
          {/* The consent text may be in another script than the form (English in an Arabic form). */}
          <bdi>{getConsentText(props.consent, props.locale)}</bdi>
          {required ? <span aria-hidden="true"> *</span> : null}
        </label>
      </div>
      {props.error ? (
        <p id={errorId} class="error" part="error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
