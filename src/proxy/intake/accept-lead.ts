import { createHash } from 'node:crypto';
import type { Touch } from '../../model/attribution';
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
 * shown than a person can fill it. A server-to-server submission without `startedAt` is
 * not judged by time; a browser's (`fromBrowser`: it sent an `Origin`) is judged too fast,
 * since the widget always sends one and a bot that leaves it out must not be exempt.
 */
export function judgeSpam(
  submission: LeadSubmission,
  minFillSeconds: number,
  now: Date,
  fromBrowser = false,
): SpamReason | null {
  if (submission.context?.hp) return 'honeypot';
  if (fromBrowser && !submission.context?.startedAt && minFillSeconds > 0) return 'too_fast';
  const startedAt = submission.context?.startedAt ? Date.parse(submission.context.startedAt) : Number.NaN;
  const elapsed = now.getTime() - startedAt;
  // A start in the future is a visitor's clock running ahead, not a bot: not judged by time.
  if (!Number.isNaN(elapsed) && elapsed >= 0 && elapsed < minFillSeconds * 1000) return 'too_fast';
  return null;
}

/** A touch with its page URLs passed through `stripUrl`. */
function toStoredTouch(touch: Touch | undefined, stripUrl: (url: string) => string): Touch | undefined {
  if (!touch) return undefined;
  return {
    ...touch,
    ...(touch.referrer ? { referrer: stripUrl(touch.referrer) } : {}),
    ...(touch.landingPage ? { landingPage: stripUrl(touch.landingPage) } : {}),
  };
}

/**
 * Builds the canonical lead from a validated submission (fields already normalised). Every
 * page URL goes through `stripUrl` (see strip-url-params.ts) before it is kept.
 */
export function toCanonicalLead(input: {
  id: string;
  leadRef: string;
  form: string;
  now: Date;
  fields: Record<string, FieldValue>;
  submission: LeadSubmission;
  stripUrl: (url: string) => string;
}): CanonicalLead {
  const { submission, stripUrl } = input;
  const { pageUrl, locale, timezone } = submission.context ?? {};
  const first = toStoredTouch(submission.attribution?.first, stripUrl);
  const last = toStoredTouch(submission.attribution?.last, stripUrl);
  return {
    id: input.id,
    leadRef: input.leadRef,
    form: input.form,
    createdAt: input.now.toISOString(),
    fields: input.fields,
    hidden: submission.hidden ?? {},
    consent: submission.consent ? { ...submission.consent, grantedAt: input.now.toISOString() } : null,
    attribution: { ...(first ? { first } : {}), ...(last ? { last } : {}) },
    context: {
      ...(pageUrl ? { pageUrl: stripUrl(pageUrl) } : {}),
      ...(locale ? { locale } : {}),
      ...(timezone ? { timezone } : {}),
    },
  };
}
