import { createHash } from 'node:crypto';
import type { FieldValue } from '../../model/field';
import type { CanonicalLead, LeadSubmission } from '../../model/lead';
import type { SpamReason } from '../../store/store';

/**
 * A stable hash of a submission, so that a replay with the same `Idempotency-Key` is told
 * apart from a different body reusing the key (409). Key order does not matter.
 */
export function hashSubmission(submission: LeadSubmission): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(submission)))
    .digest('base64url');
}

/**
 * Whether a submission is spam: a filled honeypot, or sent sooner after the form was
 * shown than a person can fill it. A submission without `startedAt` (server to server) is
 * not judged by time.
 */
export function judgeSpam(submission: LeadSubmission, minFillSeconds: number, now: Date): SpamReason | null {
  if (submission.context?.hp) return 'honeypot';
  const startedAt = submission.context?.startedAt ? Date.parse(submission.context.startedAt) : Number.NaN;
  const elapsed = now.getTime() - startedAt;
  // A start in the future is a visitor's clock running ahead, not a bot: not judged by time.
  if (!Number.isNaN(elapsed) && elapsed >= 0 && elapsed < minFillSeconds * 1000) return 'too_fast';
  return null;
}

/** Builds the canonical lead from a validated submission (fields already normalised). */
export function toCanonicalLead(input: {
  id: string;
  leadRef: string;
  form: string;
  now: Date;
  fields: Record<string, FieldValue>;
  submission: LeadSubmission;
}): CanonicalLead {
  const { submission } = input;
  const { pageUrl, locale, timezone } = submission.context ?? {};
  return {
    id: input.id,
    leadRef: input.leadRef,
    form: input.form,
    createdAt: input.now.toISOString(),
    fields: input.fields,
    hidden: submission.hidden ?? {},
    consent: submission.consent ? { ...submission.consent, grantedAt: input.now.toISOString() } : null,
    attribution: submission.attribution ?? {},
    context: {
      ...(pageUrl ? { pageUrl } : {}),
      ...(locale ? { locale } : {}),
      ...(timezone ? { timezone } : {}),
    },
  };
}
