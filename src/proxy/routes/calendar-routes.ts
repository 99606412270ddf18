import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import type { BookingCreated, BookingSubmission, StoredBooking } from '../../model/booking';
import { bookingSubmissionSchema } from '../../model/booking';
import type { CanonicalLead } from '../../model/lead';
import { countDays } from '../../time/count-days';
import { isValidTimeZone } from '../../time/is-valid-time-zone';
import { getBookingContext } from '../booking/booking-context';
import type { ResolvedCalendar } from '../config/resolve-calendar';
import { getLeadIntake } from '../intake/lead-intake';
import { getLocaleMessages } from '../locales/get-locale-messages';
import type { ProxyContext, ProxyEnv } from '../proxy-context';
import { ProxyError } from '../proxy-error';
import { getCorsHeaders, isOriginAllowed } from '../security/cors';
import { parseLeadRef } from '../security/lead-ref';
import { getFormPhoneMetadata } from './form-phone-metadata';
import { getLocaleCandidates } from './get-locale-candidates';
import { resolveFormDefinition } from './resolve-form-definition';

/** The longest availability range, in days (CONTRACT §4). */
export const MAX_AVAILABILITY_DAYS = 62;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function badQuery(fields: Record<string, string>): ProxyError {
  return new ProxyError(400, 'invalid_query', 'The query has problems; see fields.', { fields });
}

/**
 * `GET /v1/calendars/:cal` and `GET /v1/calendars/:cal/availability` (public, CORS for the
 * calendar's origins), and `POST /v1/calendars/:cal/bookings`: the booking's lead takes the
 * one intake path of leads (the calendar's form), then the calendar's backend books it and
 * stores booking, lead and outbox entries together.
 */
export function registerCalendarRoutes(app: Hono<ProxyEnv>, ctx: ProxyContext): void {
  const booking = getBookingContext(ctx);
  const intake = getLeadIntake(ctx);

  const publicCors = (c: Context<ProxyEnv>, calendar: ResolvedCalendar) => {
    const origin = c.req.header('origin');
    return origin && isOriginAllowed(origin, calendar.origins, ctx.selfOrigins)
      ? getCorsHeaders(origin, 'GET, POST, OPTIONS')
      : { vary: 'Origin' };
  };

  function preflight(c: Context<ProxyEnv>) {
    const calendar = booking.getCalendar(c.req.param('cal') ?? '');
    const origin = c.req.header('origin');
    if (!origin || !isOriginAllowed(origin, calendar.origins, ctx.selfOrigins)) {
      throw new ProxyError(403, 'origin_not_allowed', 'This origin may not use this calendar.');
    }
    return c.body(null, 204, getCorsHeaders(origin, 'GET, POST, OPTIONS'));
  }
  app.options('/v1/calendars/:cal', preflight);
  app.options('/v1/calendars/:cal/availability', preflight);
  app.options('/v1/calendars/:cal/bookings', preflight);

  app.get('/v1/calendars/:cal', compress(), async (c) => {
    const calendar = booking.getCalendar(c.req.param('cal'));
    const form = booking.getForm(calendar);
    const definition = await resolveFormDefinition(ctx, form);
    const phoneMetadata = getFormPhoneMetadata(form, definition.fields);
    // The picker, the details step and the flow read this answer: all three catalogues.
    const messages = getLocaleMessages(getLocaleCandidates(c), form.locale, [
      'form',
      'slotPicker',
      'booking',
    ]);
    return c.json(
      {
        id: calendar.id,
        timezone: calendar.timezone,
        durationMinutes: calendar.durationMinutes,
        durations: calendar.durations,
        maxDaysAhead: calendar.rules.maxDaysAhead,
        ...booking.getCapabilities(calendar),
        form: {
          id: form.id,
          fields: definition.fields,
          ...(definition.consent ? { consent: definition.consent } : {}),
          minFillSeconds: form.minFillSeconds,
          ...(phoneMetadata ? { phoneMetadata } : {}),
        },
        ...(messages ? { messages } : {}),
      },
      200,
      { ...publicCors(c, calendar), 'cache-control': 'public, max-age=60' },
    );
  });

  app.get('/v1/calendars/:cal/availability', async (c) => {
    const calendar = booking.getCalendar(c.req.param('cal'));
    const cors = publicCors(c, calendar);
    try {
      const from = c.req.query('from') ?? '';
      const to = c.req.query('to') ?? from;
      const zone = c.req.query('tz') ?? calendar.timezone;
      const durationText = c.req.query('duration');
      const durationMinutes = durationText === undefined ? calendar.durationMinutes : Number(durationText);
      const problems: Record<string, string> = {};
      if (!DATE.test(from) || countDays(from, from) === null) problems.from = 'must be a date (YYYY-MM-DD)';
      if (!DATE.test(to) || countDays(to, to) === null) problems.to = 'must be a date (YYYY-MM-DD)';
      if (!isValidTimeZone(zone)) problems.tz = 'must be an IANA time zone, e.g. Europe/Berlin';
      if (!calendar.durations.includes(durationMinutes))
        problems.duration = `must be one of ${calendar.durations.join(', ')}`;
      if (!problems.from && !problems.to) {
        const days = countDays(from, to) ?? 0;
        if (days === 0) problems.to = 'must not be before from';
        else if (days > MAX_AVAILABILITY_DAYS)
          problems.to = `the range may hold at most ${MAX_AVAILABILITY_DAYS} days`;
      }
      if (Object.keys(problems).length) throw badQuery(problems);
      const days = await booking.getAvailability(calendar, { from, to, zone, durationMinutes });
      return c.json({ calendar: calendar.id, timezone: zone, days }, 200, {
        ...cors,
        'cache-control': 'no-cache',
      });
    } catch (error) {
      if (error instanceof ProxyError)
        Object.assign(error.options, { headers: { ...cors, ...error.options.headers } });
      throw error;
    }
  });

  app.post('/v1/calendars/:cal/bookings', async (c) => {
    const calendar = booking.getCalendar(c.req.param('cal'));
    const form = booking.getForm(calendar);
    const caller = intake.admit(c, { form, origins: calendar.origins, what: 'calendar' });
    try {
      let linked: CanonicalLead | null = null;
      const prepared = await intake.prepare(
        c,
        form,
        caller,
        bookingSubmissionSchema,
        async (submission: BookingSubmission) => {
          const problems: Record<string, string> = {};
          const minutes = (Date.parse(submission.end) - Date.parse(submission.start)) / 60_000;
          if (!calendar.durations.includes(minutes))
            problems.end = `the slot must last one of ${calendar.durations.join(', ')} minutes`;
          if (submission.leadRef !== undefined) {
            const leadId = parseLeadRef(submission.leadRef, ctx.acceptedSecrets);
            const stored = leadId === null ? null : await ctx.store.getLead(leadId);
            if (!stored || stored.spam) problems.leadRef = 'is not a lead reference this proxy issued';
            else linked = stored.lead;
          }
          return problems;
        },
      );
      const answer = (body: BookingCreated, replay: boolean) =>
        c.json(body, 201, { ...caller.cors, ...(replay ? { 'idempotent-replayed': 'true' } : {}) });
      const replayOf = (stored: StoredBooking, bodyHash: string) => {
        if (bodyHash !== prepared.bodyHash || stored.calendar !== calendar.id)
          throw new ProxyError(
            409,
            'idempotency_conflict',
            'This Idempotency-Key was used for a different submission.',
          );
        return answer(toCreated(stored), true);
      };
      const toCreated = (stored: StoredBooking): BookingCreated => {
        const view = booking.toView(calendar, stored);
        return {
          bookingId: stored.id,
          leadId: stored.leadId,
          start: view.start,
          end: view.end,
          timezone: view.timezone,
          status: view.status,
          ...booking.getManageLink(calendar, stored, c.req.url),
        };
      };

      // A replay answers before anything else is judged: the slot it holds is its own.
      const earlier = await ctx.store.getBookingByKey(prepared.key);
      if (earlier) return replayOf(earlier.booking, earlier.bodyHash);
      if (prepared.spam) {
        // Unlike a lead, a booking is not silently kept: a person judged too fast would
        // otherwise come to an appointment nobody holds. Nothing is stored; a retry may pass.
        ctx.metrics.leadsRejected.inc({ reason: `spam_${prepared.spam}` });
        throw new ProxyError(
          400,
          'submission_rejected',
          'This booking looks automated and was not made; please try again.',
        );
      }

      const backend = booking.getBackend(calendar);
      const now = ctx.now();
      const bookingId = randomUUID();
      const start = new Date(prepared.submission.start).toISOString();
      const end = new Date(prepared.submission.end).toISOString();
      const slot = { id: bookingId, calendar: calendar.id, start, end, timezone: calendar.timezone };
      const lead: CanonicalLead = linked ?? { ...prepared.lead, bookingId, booking: slot };
      const events = booking.newEvents(calendar);
      const outcome = await (backend.book as NonNullable<typeof backend.book>)({
        calendar,
        save: {
          booking: {
            ...slot,
            leadId: lead.id,
            status: 'confirmed',
            sequence: 0,
            previous: null,
            fields: prepared.lead.fields,
            externalId: null,
            createdAt: now.toISOString(),
            updatedAt: now.toISOString(),
          },
          idempotencyKey: prepared.key,
          bodyHash: prepared.bodyHash,
          lead: linked ? null : { ...prepared.newLead, lead },
          events,
        },
        lead,
        now,
        signal: AbortSignal.timeout(backend.limits.timeoutMs),
      });
      switch (outcome.kind) {
        case 'booked': {
          booking.cache.drop(calendar.id);
          ctx.metrics.leadsAccepted.inc({ form: form.id });
          booking.wake([...(linked ? [] : form.deliver), ...events.map((e) => e.backend)]);
          ctx.logger.info({ calendar: calendar.id, booking: bookingId, lead: lead.id }, 'booking made');
          return answer(toCreated(outcome.booking), false);
        }
        case 'replay':
          return replayOf(outcome.booking, outcome.bodyHash);
        case 'key_in_use':
          throw new ProxyError(
            409,
            'idempotency_conflict',
            'This Idempotency-Key was used for a different submission.',
          );
        case 'slot_unavailable':
          throw await booking.slotUnavailable(calendar, start, end, prepared.submission.context?.timezone);
        case 'failed':
          throw new ProxyError(
            outcome.retryable ? 503 : 502,
            'backend_failed',
            'The calendar did not take the booking; nothing was booked.',
          );
      }
    } catch (error) {
      throw intake.rejected(error, caller);
    }
  });
}
