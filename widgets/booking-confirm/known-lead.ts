import type { Consent, ConsentDef } from '../../src/model/consent';
import type { FieldDef, FieldValue } from '../../src/model/field';
import type { FormDefinition } from '../../src/model/form';
import { type FieldValues, getConsentText, getVisibleFields } from '../lead-form/lead-form-values';

/**
 * A lead just captured by `<leadkit-form>` (form → instant booking), handed to the booking that
 * follows it: the booking is linked to it by `leadRef`, and what it already said is not asked again.
 */
export interface KnownLead {
  /** The signed reference from the lead's `202` (CONTRACT §4). */
  leadRef: string;
  /** The values sent, as checked (phone in E.164). */
  fields: Record<string, FieldValue>;
  /** The consent given, exactly as it was sent. */
  consent?: Consent | undefined;
  /** When the visitor started the form: the proxy's minimum fill time counts from there. */
  startedAt?: string | undefined;
}

/**
 * The visible fields of `form` the lead leaves open: a required field it did not fill, or a
 * value the field's own check refuses (`isValid`). Everything else is known and not shown.
 */
export function getFieldsToAsk(
  form: FormDefinition,
  values: FieldValues,
  isValid: (field: FieldDef, value: FieldValue | undefined) => boolean,
): string[] {
  return getVisibleFields(form)
    .filter((field) => !isValid(field, values[field.name]))
    .map((field) => field.name);
}

/**
 * Whether the consent the lead gave is the one `consent` asks for, word for word in `locale`
 * and in the same version: then it is sent again and the checkbox is not shown a second time.
 */
export function isConsentKnown(consent: ConsentDef | undefined, lead: KnownLead, locale: string): boolean {
  return (
    consent !== undefined &&
    lead.consent?.granted === true &&
    lead.consent.version === consent.version &&
    lead.consent.text === getConsentText(consent, locale)
  );
}
