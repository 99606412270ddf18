import type { CountryCode } from 'libphonenumber-js/core';
import type { JSX } from 'preact';
import type { Messages } from '../../src/i18n/messages';
import type { FieldDef, FieldValue } from '../../src/model/field';
import { getLabelText, getMaxLength } from '../../src/model/field-rules';
import type { PhoneMetadata } from '../../src/phone/phone-metadata';
import { PhoneInput } from './phone-input';

/** Props of one visible field: its label, control and error text. */
export interface FieldControlProps {
  field: FieldDef;
  id: string;
  locale: string;
  messages: Messages;
  value: FieldValue | undefined;
  error: string | undefined;
  readOnly: boolean;
  phoneCountry: CountryCode | undefined;
  phoneMetadata: PhoneMetadata | undefined;
  onValue: (name: string, value: FieldValue) => void;
  onBlur: (name: string) => void;
  onPhoneCountry: (name: string, country: CountryCode) => void;
}

// WHATWG autofill tokens for the preset fields, so browsers and password managers fill them.
const AUTOCOMPLETE: Record<string, string> = {
  name: 'name',
  first_name: 'given-name',
  last_name: 'family-name',
  email: 'email',
  phone: 'tel',
  company: 'organization',
  job_title: 'organization-title',
};

/** One field: a real `<label>`, `aria-invalid` and an error tied by `aria-describedby`. */
export function FieldControl(props: FieldControlProps) {
  const { field, id, messages } = props;
  const errorId = `${id}-error`;
  const label = getLabelText(field.label, props.locale);
  const placeholder = field.placeholder ? getLabelText(field.placeholder, props.locale) : undefined;
  const common: Record<string, unknown> = {
    'data-focus': field.name,
    part: 'input',
    required: field.required === true,
    'aria-invalid': props.error ? 'true' : 'false',
    'aria-describedby': props.error ? errorId : undefined,
    readOnly: props.readOnly,
    onBlur: () => props.onBlur(field.name),
  };
  const text = typeof props.value === 'string' ? props.value : '';
  const onText = (event: Event) => props.onValue(field.name, (event.currentTarget as HTMLInputElement).value);
  const marker = field.required ? <span aria-hidden="true"> *</span> : null;
  const error = props.error ? (
    <p id={errorId} class="error" part="error">
      {props.error}
    </p>
  ) : null;

  if (field.type === 'checkbox') {
    return (
      <div class="field" part="field">
        <div class="check">
          <input
            {...common}
            id={id}
            name={field.name}
            type="checkbox"
            checked={props.value === true}
            disabled={props.readOnly}
            onChange={(e) => props.onValue(field.name, (e.currentTarget as HTMLInputElement).checked)}
          />
          <label for={id} part="label">
            {label}
            {marker}
          </label>
        </div>
        {error}
      </div>
    );
  }

  let control: JSX.Element;
  if (field.type === 'textarea') {
    control = (
      <textarea
        {...common}
        id={id}
        name={field.name}
        rows={4}
        dir="auto"
        maxLength={getMaxLength(field)}
        placeholder={placeholder}
        value={text}
        onInput={onText}
      />
    );
  } else if (field.type === 'select') {
    control = (
      <select {...common} id={id} name={field.name} value={text} disabled={props.readOnly} onChange={onText}>
        <option value="">{messages.choose}</option>
        {(field.options ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {getLabelText(o.label, props.locale)}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'tel') {
    control = (
      <PhoneInput
        id={id}
        name={field.name}
        value={text}
        country={props.phoneCountry}
        locale={props.locale}
        countryLabel={`${label}: ${messages.country}`}
        metadata={props.phoneMetadata}
        inputProps={{ ...common, autoComplete: field.autocomplete ?? 'tel', maxLength: 40, placeholder }}
        onValue={(v) => props.onValue(field.name, v)}
        onCountry={(c) => props.onPhoneCountry(field.name, c)}
      />
    );
  } else {
    const isEmail = field.type === 'email';
    control = (
      <input
        {...common}
        id={id}
        name={field.name}
        type={(isEmail ? 'email' : 'text') as 'text'}
        inputMode={isEmail ? ('email' as const) : undefined}
        autoComplete={field.autocomplete ?? AUTOCOMPLETE[field.name] ?? (isEmail ? 'email' : undefined)}
        autoCapitalize={isEmail ? ('off' as const) : undefined}
        spellcheck={isEmail ? false : undefined}
        dir="auto"
        maxLength={getMaxLength(field)}
        placeholder={placeholder}
        value={text}
        onInput={onText}
      />
    );
  }
  return (
    <div class="field" part="field">
      <label for={id} part="label">
        {label}
        {marker}
      </label>
      {control}
      {error}
    </div>
  );
}
