import type { CalendarRulesConfig, CalendarSpec } from '../../backends/backend';
import { getBackendDefinition, getBackendTypes } from '../../backends/registry';
import { getCalendarRulesProblems } from '../../time/get-calendar-rules-problems';
import { isValidTimeZone } from '../../time/is-valid-time-zone';
import type { CalendarConfig } from './config-schema';

/** A calendar after defaults and checks (CONTRACT §5). */
export interface ResolvedCalendar extends CalendarSpec {
  origins: string[];
  /** The backend (`backends.<name>`) that holds the calendar. */
  backend: string;
  /** The form whose fields, consent and `deliver` a booking's lead gets. */
  form: string;
  /** Template with `{id}` and `{token}`; unset: `<publicUrl or the proxy's own origin>/manage/{id}?token={token}`. */
  manageUrl: string | null;
}

/**
 * The defaults of a local calendar's rules (docs/booking.md): weekdays 09:00-17:00,
 * no buffer, bookable from an hour ahead up to 60 days ahead.
 */
export const DEFAULT_CALENDAR_RULES: Readonly<Omit<CalendarRulesConfig, 'timezone' | 'closed'>> = {
  hours: {
    mon: ['09:00-17:00'],
    tue: ['09:00-17:00'],
    wed: ['09:00-17:00'],
    thu: ['09:00-17:00'],
    fri: ['09:00-17:00'],
  },
  bufferMinutes: 0,
  minNoticeMinutes: 60,
  maxDaysAhead: 60,
};

/**
 * Resolves one calendar whose schema already passed: its backend must exist and be able
 * to hold a calendar, its form must exist, `durations` must include `durationMinutes`,
 * `timezone` must be an IANA zone (required on a `local` backend, whose hours are
 * wall-clock times in it), hours must be well-formed, and `manageUrl` must hold `{id}` and
 * `{token}`. Problems are pushed by path; null when there were any.
 */
export function resolveCalendar(
  id: string,
  calendar: CalendarConfig,
  backends: Readonly<Record<string, { type: string }>>,
  forms: Readonly<Record<string, unknown>>,
  problems: string[],
): ResolvedCalendar | null {
  const before = problems.length;
  const path = `calendars.${id}`;
  const backend = Object.hasOwn(backends, calendar.backend) ? backends[calendar.backend] : undefined;
  // An unknown backend or form is reported by the reference check already.
  if (backend && !getBackendDefinition(backend.type)?.calendar) {
    const able = getBackendTypes().filter((type) => getBackendDefinition(type)?.calendar);
    problems.push(
      `${path}.backend: backend "${calendar.backend}" (type ${backend.type}) cannot hold a calendar (types that can: ${able.join(', ')})`,
    );
  }
  if (calendar.form === undefined)
    problems.push(`${path}.form: is required (the form whose fields a booking collects)`);
  const durations = calendar.durations ?? [calendar.durationMinutes];
  if (!durations.includes(calendar.durationMinutes))
    problems.push(`${path}.durations: must include durationMinutes (${calendar.durationMinutes})`);
  if (calendar.timezone !== undefined && !isValidTimeZone(calendar.timezone))
    problems.push(`${path}.timezone: "${calendar.timezone}" is not an IANA time zone (e.g. "Europe/Berlin")`);
  if (calendar.timezone === undefined && backend?.type === 'local')
    problems.push(`${path}.timezone: is required for a local calendar (its hours are in that zone)`);
  const hours = calendar.hours ?? structuredClone(DEFAULT_CALENDAR_RULES.hours);
  const rules: CalendarRulesConfig = {
    timezone: calendar.timezone ?? 'UTC',
    hours,
    bufferMinutes: calendar.bufferMinutes ?? DEFAULT_CALENDAR_RULES.bufferMinutes,
    minNoticeMinutes: calendar.minNoticeMinutes ?? DEFAULT_CALENDAR_RULES.minNoticeMinutes,
    maxDaysAhead: calendar.maxDaysAhead ?? DEFAULT_CALENDAR_RULES.maxDaysAhead,
    closed: calendar.closed ?? [],
  };
  // The zone is reported above, in the calendar's own words.
  for (const problem of getCalendarRulesProblems(rules)) {
    if (problem.path !== 'timezone') problems.push(`${path}.${problem.path}: ${problem.message}`);
  }
  if (calendar.manageUrl !== undefined) {
    if (!calendar.manageUrl.includes('{id}') || !calendar.manageUrl.includes('{token}'))
      problems.push(`${path}.manageUrl: must contain {id} and {token}`);
    else if (!/^https?:\/\//.test(calendar.manageUrl))
      problems.push(`${path}.manageUrl: must be an http(s) URL`);
  }
  if (problems.length > before || !calendar.form || !Object.hasOwn(forms, calendar.form)) return null;
  return {
    id,
    origins: calendar.origins,
    backend: calendar.backend,
    form: calendar.form,
    // A vendor calendar without a zone is read in UTC; its backend may know better (docs/booking.md).
    timezone: rules.timezone,
    durationMinutes: calendar.durationMinutes,
    durations: [...new Set(durations)].sort((a, b) => a - b),
    manageUrl: calendar.manageUrl ?? null,
    rules,
  };
}
