import type { Context, Hono } from 'hono';
import { rescheduleSchema, type StoredBooking } from '../../model/booking';
import { getBookingContext } from '../booking/booking-context';
import { toIcs } from '../booking/booking-ics';
import type { ResolvedCalendar } from '../config/resolve-calendar';
import { readJsonBody } from '../intake/read-json-body';
import { toValidationError } from '../intake/to-validation-error';
import { getLocaleMessages } from '../locales/get-locale-messages';
import type { ProxyContext, ProxyEnv } from '../proxy-context';
import { ProxyError } from '../proxy-error';
import { getCorsHeaders, isOriginAllowed } from '../security/cors';
import { verifyManageToken } from '../security/manage-token';
import { getLocaleCandidates } from './get-locale-candidates';

const METHODS = 'GET, PATCH, DELETE, OPTIONS';

/**
 * The manage routes, `GET|PATCH|DELETE /v1/bookings/:id?token=` and
 * `GET /v1/bookings/:id/calendar.ics?token=`: the manage token is the credential (bound to
 * the booking id, signed with `secret`, expiring); an `Origin`, when sent, must be the
 * calendar's or the proxy's own. An unknown id answers like a wrong token (403), so ids
 * cannot be probed.
 */
export function registerBookingRoutes(app: Hono<ProxyEnv>, ctx: ProxyContext): void {
  const booking = getBookingContext(ctx);

  /** The booking and its calendar, or 403; with the CORS headers for an allowed Origin. */
  async function authorize(c: Context<ProxyEnv>, needToken = true) {
    const id = c.req.param('id') ?? '';
    const stored = id.length <= 64 ? await ctx.store.getBooking(id) : null;
    const calendar =
      stored && Object.hasOwn(ctx.config.calendars, stored.calendar)
        ? ctx.config.calendars[stored.calendar]
        : undefined;
    const origin = c.req.header('origin');
    if (origin !== undefined && (!calendar || !isOriginAllowed(origin, calendar.origins, ctx.selfOrigins)))
      throw new ProxyError(403, 'origin_not_allowed', 'This origin may not manage this booking.');
    const cors = origin ? getCorsHeaders(origin, METHODS) : {};
    if (needToken) {
      const verdict = stored
        ? verifyManageToken(c.req.query('token') ?? '', stored.id, ctx.acceptedSecrets, ctx.now())
        : 'invalid';
      if (verdict === 'expired')
        throw new ProxyError(403, 'token_expired', 'This manage link has expired.', { headers: cors });
      if (verdict !== 'ok')
        throw new ProxyError(403, 'invalid_token', 'This manage link is not valid for this booking.', {
          headers: cors,
        });
    }
    if (!stored || !calendar)
      throw new ProxyError(
        404,
        'calendar_not_found',
        'The calendar of this booking is no longer configured.',
        {
          headers: cors,
        },
      );
    return { stored, calendar, cors };
  }

  const withCors = (cors: Record<string, string>, run: () => Promise<Response>) =>
    run().catch((error: unknown) => {
      if (error instanceof ProxyError)
        Object.assign(error.options, { headers: { ...cors, ...error.options.headers } });
      throw error;
    });

  const respond = (
    c: Context<ProxyEnv>,
    calendar: ResolvedCalendar,
    stored: StoredBooking,
    cors: Record<string, string>,
  ) => c.json(booking.toView(calendar, stored), 200, { ...cors, 'cache-control': 'no-store' });

  const preflight = async (c: Context<ProxyEnv>) => {
    const { cors } = await authorize(c, false);
    if (!c.req.header('origin'))
      throw new ProxyError(403, 'origin_not_allowed', 'A preflight needs an Origin.');
    return c.body(null, 204, cors);
  };
  app.options('/v1/bookings/:id', preflight);
  app.options('/v1/bookings/:id/calendar.ics', preflight);

  // The manage view reads this answer first: for a language other than English it carries the
  // booking sentences (`&locale=`), as a calendar's definition does.
  app.get('/v1/bookings/:id', async (c) => {
    const { stored, calendar, cors } = await authorize(c);
    const messages = getLocaleMessages(getLocaleCandidates(c), booking.getForm(calendar).locale, ['booking']);
    return c.json({ ...booking.toView(calendar, stored), ...(messages ? { messages } : {}) }, 200, {
      ...cors,
      'cache-control': 'no-store',
    });
  });

  app.patch('/v1/bookings/:id', async (c) => {
    const { stored, calendar, cors } = await authorize(c);
    return withCors(cors, async () => {
      const parsed = rescheduleSchema.safeParse(
        await readJsonBody(c.req.raw, undefined, c.env?.incoming as AsyncIterable<Uint8Array> | undefined),
      );
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'body'] ??= issue.message;
        throw toValidationError(fields);
      }
      const { start, end } = {
        start: new Date(parsed.data.start).toISOString(),
        end: new Date(parsed.data.end).toISOString(),
      };
      const minutes = (Date.parse(end) - Date.parse(start)) / 60_000;
      if (!calendar.durations.includes(minutes))
        throw toValidationError({
          end: `the slot must last one of ${calendar.durations.join(', ')} minutes`,
        });
      const backend = ctx.backends.get(calendar.backend);
      if (!booking.getCapabilities(calendar).canReschedule || !backend?.reschedule)
        throw new ProxyError(
          409,
          'not_supported',
          'This calendar cannot move a booking; cancel it or contact us.',
        );
      if (stored.status === 'cancelled')
        throw new ProxyError(409, 'booking_cancelled', 'This booking was cancelled; make a new one.');
      const events = booking.newEvents(calendar);
      const result = await backend.reschedule({
        calendar,
        booking: stored,
        start,
        end,
        events,
        now: ctx.now(),
        signal: AbortSignal.timeout(backend.limits.timeoutMs),
      });
      switch (result.kind) {
        case 'rescheduled':
          booking.cache.drop(calendar.id);
          booking.wake(events.map((e) => e.backend));
          return c.json(
            {
              ...booking.toView(calendar, result.booking),
              ...booking.getManageLink(calendar, result.booking, c.req.url),
            },
            200,
            { ...cors, 'cache-control': 'no-store' },
          );
        case 'unchanged':
          return respond(c, calendar, result.booking, cors);
        case 'cancelled':
          throw new ProxyError(409, 'booking_cancelled', 'This booking was cancelled; make a new one.');
        case 'slot_unavailable':
          throw await booking.slotUnavailable(calendar, start, end);
        case 'not_found':
          throw new ProxyError(404, 'booking_not_found', 'There is no such booking.');
        case 'failed':
          throw new ProxyError(
            result.retryable ? 503 : 502,
            'backend_failed',
            'The calendar did not move the booking.',
          );
      }
    });
  });

  app.delete('/v1/bookings/:id', async (c) => {
    const { stored, calendar, cors } = await authorize(c);
    return withCors(cors, async () => {
      const backend = ctx.backends.get(calendar.backend);
      // A second cancel answers the same, whatever the backend can do.
      if (stored.status === 'cancelled') return respond(c, calendar, stored, cors);
      if (!booking.getCapabilities(calendar).canCancel || !backend?.cancel)
        throw new ProxyError(
          409,
          'not_supported',
          'This calendar cannot cancel a booking here; please contact us.',
        );
      const events = booking.newEvents(calendar);
      const result = await backend.cancel({
        calendar,
        booking: stored,
        events,
        now: ctx.now(),
        signal: AbortSignal.timeout(backend.limits.timeoutMs),
      });
      if (result.kind === 'not_found')
        throw new ProxyError(404, 'booking_not_found', 'There is no such booking.');
      if (result.kind === 'failed')
        throw new ProxyError(
          result.retryable ? 503 : 502,
          'backend_failed',
          'The calendar did not cancel the booking.',
        );
      if (result.changed) {
        booking.cache.drop(calendar.id);
        booking.wake(events.map((e) => e.backend));
      }
      return respond(c, calendar, result.booking, cors);
    });
  });

  app.get('/v1/bookings/:id/calendar.ics', async (c) => {
    const { stored, calendar, cors } = await authorize(c);
    // The UID must not change with the host the file was fetched from (127.0.0.1 or
    // localhost), or a re-import would add a second event.
    const domain = ctx.config.publicUrl ? new URL(ctx.config.publicUrl).hostname : 'leadkit.local';
    const { manageUrl } = booking.getManageLink(calendar, stored, c.req.url);
    const text = toIcs(
      {
        id: stored.id,
        calendar: calendar.id,
        start: new Date(stored.start),
        end: new Date(stored.end),
        timezone: stored.timezone,
        status: stored.status,
        sequence: stored.sequence,
        summary: `Appointment (${calendar.id})`,
        description: `Manage or cancel: ${manageUrl}`,
        url: manageUrl,
        createdAt: new Date(stored.createdAt),
        updatedAt: new Date(stored.updatedAt),
      },
      { domain },
    );
    return c.body(text, 200, {
      ...cors,
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="booking-${stored.id}.ics"`,
      'cache-control': 'no-store',
    });
  });
}
