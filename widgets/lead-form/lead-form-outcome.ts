import type { LeadErrorCode } from '../../src/client/leadkit-events';
import type { SendLeadResult } from '../../src/client/send-lead';
import type { Messages } from '../../src/i18n/messages';
import { getLabelText } from '../../src/model/field-rules';
import type { FormDefinition } from '../../src/model/form';
import { type FieldErrors, toServerFieldErrors } from './lead-form-values';

/** What the form does with a send result; the view only applies it. */
export type SubmitOutcome =
  | { kind: 'sent'; leadId: string; leadRef: string }
  | { kind: 'saved' }
  | {
      kind: 'fix-fields';
      errors: FieldErrors;
      code: LeadErrorCode;
      message: string;
      fields?: Record<string, string>;
    }
  | { kind: 'failed'; code: LeadErrorCode; message: string; keepKey: boolean }
  | { kind: 'none' };

/**
 * Decides a submission's outcome. Unreachable and kept in the queue: saved (told as such).
 * Refused with field problems: back to editing with them. Refused otherwise: failed, with a
 * new key next time (nothing was stored under this one). 5xx/429 after the retries: failed,
 * same key (the proxy may have stored it; the replay then answers the same).
 */
export function toSubmitOutcome(
  result: SendLeadResult | { kind: 'busy' },
  kept: boolean,
  form: FormDefinition,
  messages: Messages,
): SubmitOutcome {
  switch (result.kind) {
    case 'accepted':
      return { kind: 'sent', leadId: result.leadId, leadRef: result.leadRef };
    case 'busy': // a queue flush is sending this very submission; its result updates the state
    case 'aborted':
      return { kind: 'none' };
    case 'unreachable':
      return kept
        ? { kind: 'saved' }
        : {
            kind: 'failed',
            code: result.reason,
            message: 'The lead could not be sent or kept.',
            keepKey: true,
          };
    case 'rejected': {
      const errors = result.status === 400 ? toServerFieldErrors(form, result.fields, messages) : {};
      return Object.keys(errors).length
        ? {
            kind: 'fix-fields',
            errors,
            code: result.code,
            message: result.message,
            ...(result.fields ? { fields: result.fields } : {}),
          }
        : { kind: 'failed', code: result.code, message: result.message, keepKey: false };
    }
    default:
      return { kind: 'failed', code: result.code, message: result.message, keepKey: true };
  }
}

/** The success text: the `success-message` attribute, else the form's, else the catalogue's. */
export function getSuccessText(
  attribute: string | undefined,
  form: FormDefinition | undefined,
  locale: string,
  messages: Messages,
): string {
  if (attribute) return attribute;
  return form?.successMessage ? getLabelText(form.successMessage, locale) : messages.sent;
}

/** Where to go after success: an http(s) URL resolved against the page, never `javascript:`. */
export function getRedirectUrl(target: string | undefined, base: string): string | undefined {
  if (!target) return undefined;
  try {
    const url = new URL(target, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
