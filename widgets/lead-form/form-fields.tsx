import type { CountryCode } from 'libphonenumber-js/core';
import type { Ref } from 'preact';
import type { Messages } from '../../src/i18n/messages';
import type { ConsentDef } from '../../src/model/consent';
import type { FieldDef, FieldValue } from '../../src/model/field';
import type { PhoneMetadata } from '../../src/phone/phone-metadata';
import { ConsentControl } from './consent-control';
import { FieldControl } from './field-control';
import { CONSENT_KEY, type FieldErrors, type FieldValues } from './lead-form-values';

/** Props of a form's body: what to show, its state, and where each change goes. */
export interface FormFieldsProps {
  /** `useId()` of the owner; each control's id is built on it. */
  uid: string;
  fields: FieldDef[];
  /** The consent checkbox, when the visitor is to see one. */
  consent: ConsentDef | undefined;
  locale: string;
  messages: Messages;
  values: FieldValues;
  errors: FieldErrors;
  phoneCountries: Record<string, CountryCode | undefined>;
  phoneMetadata: PhoneMetadata | undefined;
  consentGranted: boolean;
  /** While sending: the values stay readable but cannot change. */
  sending: boolean;
  honeypot: Ref<HTMLInputElement>;
  onValue: (name: string, value: FieldValue) => void;
  onBlur: (name: string) => void;
  onPhoneCountry: (name: string, country: CountryCode) => void;
  onConsent: (granted: boolean) => void;
}

/**
 * The inside of a form — the required-fields note, each field through `FieldControl`, the
 * consent checkbox and the honeypot — as `<leadkit-form>` and the booking's details step both
 * render it, so the two look, read and behave alike.
 */
export function FormFields(props: FormFieldsProps) {
  const { uid, messages } = props;
  return (
    <>
      {/* The note explains the asterisks, so only where one is shown. */}
      {props.fields.some((f) => f.required) || (props.consent && props.consent.required !== false) ? (
        <p class="note">{messages.requiredNote}</p>
      ) : null}
      {props.fields.map((field) => (
        <FieldControl
          key={field.name}
          field={field}
          id={`${uid}-${field.name}`}
          locale={props.locale}
          messages={messages}
          value={props.values[field.name]}
          error={props.errors[field.name]}
          readOnly={props.sending}
          phoneCountry={props.phoneCountries[field.name]}
          phoneMetadata={props.phoneMetadata}
          onValue={props.onValue}
          onBlur={props.onBlur}
          onPhoneCountry={props.onPhoneCountry}
        />
      ))}
      {props.consent ? (
        <ConsentControl
          id={`${uid}-consent`}
          consent={props.consent}
          locale={props.locale}
          checked={props.consentGranted}
          disabled={props.sending}
          error={props.errors[CONSENT_KEY]}
          onChange={props.onConsent}
        />
      ) : null}
      {/* Honeypot: invisible and unreachable for people, irresistible for form-filling bots. */}
      <div class="hp" aria-hidden="true">
        <label for={`${uid}-hp`}>{messages.honeypot}</label>
        <input
          id={`${uid}-hp`}
          ref={props.honeypot}
          type="text"
          name="website"
          tabIndex={-1}
          autoComplete="off"
        />
      </div>
    </>
  );
}
