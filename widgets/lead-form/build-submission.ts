import type { Attribution } from '../../src/model/attribution';
import type { ConsentDef } from '../../src/model/consent';
import type { FieldValue } from '../../src/model/field';
import type { FormDefinition } from '../../src/model/form';
import type { LeadSubmission } from '../../src/model/lead';
import { getConsentText, sanitizeHidden } from './lead-form-values';

/** Everything a submission is made of, gathered by the form at the moment of sending. */
export interface SubmissionInput {
  form: FormDefinition;
  submissionId: string;
  /** Checked wire values (phone in E.164 where the metadata could tell). */
  fields: Record<string, FieldValue>;
  hiddenFields: Record<string, unknown> | undefined;
  consent: { def: ConsentDef; granted: boolean } | undefined;
  attribution: Attribution;
  locale: string;
  timeZone: string | undefined;
  pageUrl: string;
  startedAt: string | undefined;
  honeypot: string;
}

/**
 * Builds the `POST /v1/forms/:form/leads` body (CONTRACT §4). `hidden-fields` entries named
 * like one of the form's `hidden`-type fields fill that field; the rest travel as `hidden`.
 * The consent carries the exact text the visitor saw, in their language, and its version.
 */
export function buildSubmission(input: SubmissionInput): LeadSubmission {
  const extra = sanitizeHidden(input.hiddenFields);
  const fields = { ...input.fields };
  const hidden: Record<string, string> = {};
  for (const [name, value] of Object.entries(extra)) {
    const field = input.form.fields.find((f) => f.name === name);
    if (field?.type === 'hidden') fields[name] = value;
    else if (!field) hidden[name] = value;
  }
  return {
    submissionId: input.submissionId,
    fields,
    ...(Object.keys(hidden).length ? { hidden } : {}),
    ...(input.consent
      ? {
          consent: {
            granted: input.consent.granted,
            text: getConsentText(input.consent.def, input.locale),
            version: input.consent.def.version,
          },
        }
      : {}),
    attribution: input.attribution,
    context: {
      // Without the fragment; the query stays, it says which variant of the page it was (the
      // proxy strips personal data from it). Only an http(s) page: the proxy refuses others.
      ...(/^https?:\/\//i.test(input.pageUrl)
        ? { pageUrl: (input.pageUrl.split('#')[0] ?? '').slice(0, 2000) }
        : {}),
      locale: input.locale,
      ...(input.timeZone ? { timezone: input.timeZone } : {}),
      ...(input.startedAt ? { startedAt: input.startedAt } : {}),
      hp: input.honeypot,
    },
  };
}
