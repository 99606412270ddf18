import type { CountryCode } from 'libphonenumber-js/core';
import { useMemo } from 'preact/hooks';
import { formatPhoneAsYouType } from '../../src/phone/format-phone-as-you-type';
import { getPhoneCountries } from '../../src/phone/phone-countries';
import type { PhoneMetadata } from '../../src/phone/phone-metadata';

/** Props of the phone control: a country selector and a number formatted as it is typed. */
export interface PhoneInputProps {
  id: string;
  name: string;
  value: string;
  country: CountryCode | undefined;
  locale: string;
  countryLabel: string;
  /** The countries the form's definition carries; without them the number is taken as typed. */
  metadata: PhoneMetadata | undefined;
  /** Attributes shared with the other inputs (aria-*, required, autocomplete, …). */
  inputProps: Record<string, unknown>;
  onValue: (value: string) => void;
  onCountry: (country: CountryCode) => void;
}

// Isolates keep "+49" reading left-to-right inside right-to-left option text.
const ltr = (text: string) => `\u2066${text}\u2069`;

/**
 * The phone field. The number stays left-to-right in every locale, reformats on each
 * keystroke without moving the caret off the digit it followed, and follows the country
 * a typed `+<code>` names.
 */
export function PhoneInput(props: PhoneInputProps) {
  const countries = useMemo(
    () => (props.metadata ? getPhoneCountries(props.locale, props.metadata) : []),
    [props.locale, props.metadata],
  );
  const onInput = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const next = formatPhoneAsYouType(
      {
        value: input.value,
        caret: input.selectionStart ?? input.value.length,
        previous: props.value,
        inputType: (event as InputEvent).inputType,
      },
      props.country,
      props.metadata,
    );
    input.value = next.text;
    try {
      input.setSelectionRange(next.caret, next.caret);
    } catch {
      // Some input types refuse selection ranges; the value is still right.
    }
    if (next.country && next.country !== props.country && next.text.startsWith('+'))
      props.onCountry(next.country);
    props.onValue(next.text);
  };
  const onCountry = (event: Event) => {
    const code = (event.currentTarget as HTMLSelectElement).value as CountryCode;
    props.onCountry(code);
    if (props.value)
      props.onValue(
        formatPhoneAsYouType({ value: props.value, caret: props.value.length }, code, props.metadata).text,
      );
  };
  return (
    <div class={countries.length > 1 ? 'phone' : undefined}>
      {countries.length > 1 ? (
        <select
          part="input country"
          aria-label={props.countryLabel}
          value={props.country ?? ''}
          onChange={onCountry}
          disabled={props.inputProps.readOnly === true}
        >
          {props.country ? null : <option value="">–</option>}
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {`${c.name} ${ltr(`+${c.callingCode}`)}`}
            </option>
          ))}
        </select>
      ) : null}
      <input
        {...props.inputProps}
        id={props.id}
        name={props.name}
        type="tel"
        inputMode="tel"
        dir="ltr"
        value={props.value}
        onInput={onInput}
      />
    </div>
  );
}
