import metadataMin from 'libphonenumber-js/metadata.min.json';
import type { FieldDef } from '../../model/field';
import {
  DEFAULT_PHONE_COUNTRIES,
  getPhoneMetadataSubset,
  type PhoneMetadata,
} from '../../phone/phone-metadata';
import type { ResolvedForm } from '../config/load-config';

const cache = new WeakMap<ResolvedForm, PhoneMetadata>();

/**
 * The phone metadata a form's definition carries for the widget's as-you-type formatting:
 * only the form's countries (`phoneCountries`, else `phoneCountry`, else 21 common ones), so
 * the bundle ships no metadata at all (measured in src/phone/phone-metadata.ts). Undefined
 * for a form without a phone field.
 */
export function getFormPhoneMetadata(
  form: ResolvedForm,
  fields: readonly FieldDef[],
): PhoneMetadata | undefined {
  if (!fields.some((f) => f.type === 'tel')) return undefined;
  let metadata = cache.get(form);
  if (!metadata) {
    const countries =
      form.phoneCountries ?? (form.phoneCountry ? [form.phoneCountry] : DEFAULT_PHONE_COUNTRIES);
    metadata = getPhoneMetadataSubset(metadataMin as unknown as PhoneMetadata, countries);
    cache.set(form, metadata);
  }
  return metadata;
}
