import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ClientDeps } from '../../src/client/client-deps';
import {
  type CalendarSummary,
  fetchAvailability,
  fetchCalendar,
  type ProxyResult,
} from '../../src/client/fetch-availability';
import type { SlotPickerEventDetails } from '../../src/client/leadkit-events';
import { toLocaleQuery } from '../../src/client/locale-query';
import { formatMessage, getTextDirection, selectPlural } from '../../src/i18n/get-messages';
import { getSlotPickerMessages } from '../../src/i18n/slot-picker-messages';
import { addDays } from '../../src/time/add-days';
import type { AvailabilityDay, AvailabilitySlot } from '../../src/time/availability-day';
import { getZoneDate } from '../../src/time/get-zone-date';
import { useLocaleMessages } from '../shared/use-locale-messages';
import { addMonths, getGridKeyTarget, getMonth, getMonthEnd, getMonthWeeks } from './month-grid';
import {
  formatSlotTime,
  getDayLabel,
  getFirstWeekday,
  getMonthTitle,
  getSlotClock,
  getWeekdayNames,
  getZoneLabel,
  hasOffsetChange,
} from './slot-labels';
import { SlotTimes } from './slot-times';
import { ZoneSwitch } from './zone-switch';

/** What the view needs; the element passes attributes, deps and its lifetime's signal. */
export interface SlotPickerProps {
  endpoint: string;
  calendar: string;
  /** A resolved BCP 47 locale. */
  locale: string;
  /** The zone the visitor sees times in; `zoneFromDevice` when it is the browser's own. */
  timezone: string;
  zoneFromDevice: boolean;
  duration?: number;
  /** The page's URL, against which a relative `endpoint` (`/`) is resolved. */
  pageUrl?: string;
  deps: ClientDeps;
  signal?: AbortSignal;
  /** Start instants (epoch ms) the page marked as just taken. */
  taken: ReadonlySet<number>;
  /** Changes when the page asks for a refresh. */
  refreshKey: number;
  emit: <K extends keyof SlotPickerEventDetails>(
    name: K,
    detail: Omit<SlotPickerEventDetails[K], 'calendar'>,
  ) => void;
  onZoneChange: (zone: string) => void;
}

type MonthState =
  | { status: 'loading' }
  | { status: 'ready'; days: Map<string, AvailabilitySlot[]> }
  | { status: 'failed' };

/** The slot picker: a month grid of days, the chosen day's times, the zone line. */
export function SlotPicker(props: SlotPickerProps) {
  const { endpoint, calendar, locale, timezone: zone, deps, signal } = props;
  // The picker's locale has no form locale in its chain: it asks for the one it resolved.
  const localeQuery = toLocaleQuery(locale, undefined);
  const [received, setReceived] = useLocaleMessages(
    localeQuery,
    async (query, controllerSignal) => {
      const result = await fetchCalendar(endpoint, calendar, {
        deps,
        signal: controllerSignal,
        base: props.pageUrl,
        query,
      });
      return result.ok ? result.data.messages : null;
    },
    signal,
  );
  const text = getSlotPickerMessages(locale, received);
  const dir = getTextDirection(locale);
  const firstWeekday = getFirstWeekday(locale);
  const today = getZoneDate(new Date(deps.now()), zone);
  const id = useId();

  const [summary, setSummary] = useState<ProxyResult<CalendarSummary> | undefined>();
  const [attempt, setAttempt] = useState(0);
  const months = useRef(new Map<string, MonthState>());
  const [, setVersion] = useState(0);
  const [shown, setShown] = useState(`${getMonth(today)}-01`);
  const [focusDate, setFocusDate] = useState(today);
  const [selectedDate, setSelectedDate] = useState<string | undefined>();
  const [selectedSlot, setSelectedSlot] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  // Where focus should go after the next render (only after the visitor acted: no focus stealing).
  const pendingFocus = useRef<'grid' | 'times' | undefined>(undefined);
  const preselected = useRef(false);
  // A jump to the next free day that waits for months still to load: `times` chooses it (the
  // "next available" control), `grid` moves grid focus to it (End past the week's last free day).
  const seeking = useRef<{ after: string; focus: 'grid' | 'times' } | undefined>(undefined);
  const gridRef = useRef<HTMLTableElement>(null);
  const timesRef = useRef<HTMLDivElement>(null);

  const duration = props.duration ?? (summary?.ok ? summary.data.durationMinutes : undefined);
  const lastDate = summary?.ok ? addDays(today, summary.data.maxDaysAhead) : undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads when the calendar or the visitor's retry changes, not on every prop.
  useEffect(() => {
    const controller = new AbortController();
    const stop = () => controller.abort();
    signal?.addEventListener('abort', stop, { once: true });
    setSummary(undefined);
    const query = localeQuery;
    void fetchCalendar(endpoint, calendar, {
      deps,
      signal: controller.signal,
      base: props.pageUrl,
      query,
    }).then((result) => {
      if (!result.ok && result.code === 'aborted') return;
      if (result.ok) setReceived(query, result.data.messages);
      setSummary(result);
      if (result.ok) props.emit('leadkit:ready', {});
      else if (result.code !== 'aborted')
        props.emit('leadkit:error', { code: result.code, message: result.message });
    });
    return () => {
      stop();
      signal?.removeEventListener('abort', stop);
    };
  }, [endpoint, calendar, attempt]);

  const key = (month: string) => `${month}|${zone}|${duration}`;

  // The first day with free times is preselected, as soon as its month arrives (in the same
  // render, so no frame shows the month without it); a month without any passes on to the next.
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const preselect = (month: string, days: Map<string, AvailabilitySlot[]>) => {
    if (preselected.current || getMonth(month) !== getMonth(shownRef.current) || !lastDate) return;
    const first = [...days.keys()]
      .sort()
      .find((date) => (days.get(date) ?? []).some((slot) => !props.taken.has(Date.parse(slot.start))));
    const next = addMonths(`${getMonth(month)}-01`, 1);
    if (first) {
      preselected.current = true;
      setSelectedDate(first);
      setFocusDate(first);
    } else if (next <= lastDate) {
      setShown(next);
      setFocusDate(next);
    } else preselected.current = true;
  };

  // Loads the shown month and, before it is asked for, the next one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the month key (zone, duration, shown month) and a refresh are the triggers; the rest is read fresh.
  useEffect(() => {
    if (!summary?.ok || !lastDate) return;
    const controller = new AbortController();
    const stop = () => controller.abort();
    signal?.addEventListener('abort', stop, { once: true });
    for (const month of [shown, addMonths(shown, 1)]) {
      const k = key(getMonth(month));
      const existing = months.current.get(k);
      if (existing?.status === 'ready') preselect(month, existing.days);
      if (existing && existing.status !== 'failed') continue;
      const from = getLater(month, today);
      const to = getEarlier(getMonthEnd(month), lastDate);
      if (from > to) {
        months.current.set(k, { status: 'ready', days: new Map() });
        preselect(month, new Map());
        continue;
      }
      months.current.set(k, { status: 'loading' });
      void fetchAvailability(
        endpoint,
        calendar,
        { from, to, zone, ...(props.duration !== undefined ? { duration: props.duration } : {}) },
        { deps, signal: controller.signal, base: props.pageUrl },
      ).then((result) => {
        if (result.ok === false && result.code === 'aborted') {
          if (months.current.get(k)?.status === 'loading') months.current.delete(k);
          return;
        }
        if (result.ok) {
          const days = new Map(result.data.map((day: AvailabilityDay) => [day.date, day.slots]));
          months.current.set(k, { status: 'ready', days });
          preselect(month, days);
        } else if (result.code !== 'aborted') {
          months.current.set(k, { status: 'failed' });
          props.emit('leadkit:error', { code: result.code, message: result.message });
        }
        setVersion((v) => v + 1);
      });
    }
    setVersion((v) => v + 1);
    return () => {
      stop();
      signal?.removeEventListener('abort', stop);
    };
  }, [summary, shown, zone, duration, props.refreshKey, attempt]);

  // A refresh forgets what was loaded; the effect above then loads it again.
  const refreshSeen = useRef(props.refreshKey);
  if (refreshSeen.current !== props.refreshKey) {
    refreshSeen.current = props.refreshKey;
    months.current.clear();
  }

  const monthState = months.current.get(key(getMonth(shown)));
  const slotsOf = (date: string): AvailabilitySlot[] | undefined => {
    const state = months.current.get(key(getMonth(date)));
    if (state?.status !== 'ready') return undefined;
    return (state.days.get(date) ?? []).filter((slot) => !props.taken.has(Date.parse(slot.start)));
  };

  // Announces what the page marked as taken.
  const takenSeen = useRef(props.taken.size);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the set of taken slots grows.
  useEffect(() => {
    if (props.taken.size > takenSeen.current) {
      setAnnouncement(text.justTaken);
      if (selectedSlot && props.taken.has(Date.parse(selectedSlot))) setSelectedSlot(undefined);
    }
    takenSeen.current = props.taken.size;
  }, [props.taken.size]);

  // A jump that waited for a month goes on once it has arrived (see jumpToNextFree).
  const resumeJump = useRef<(() => void) | undefined>(undefined);
  useEffect(() => resumeJump.current?.());

  // Layout effect: focus follows the visitor's key in the same frame as the new tabindex.
  useLayoutEffect(() => {
    const target = pendingFocus.current;
    pendingFocus.current = undefined;
    if (target === 'grid') gridRef.current?.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
    if (target === 'times') timesRef.current?.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
  });

  if (!summary) return <Status text={text.loading} busy />;
  if (!summary.ok)
    return (
      <div class="root" dir={dir} part="root">
        <p class="alert" role="alert">
          {text.loadFailed}
        </p>
        <button type="button" part="button" onClick={() => setAttempt((n) => n + 1)}>
          {text.retry}
        </button>
      </div>
    );

  const moveTo = (date: string) => {
    if (getMonth(date) !== getMonth(shown)) {
      const next = `${getMonth(date)}-01`;
      setShown(next);
      announceMonth(next);
    }
    setFocusDate(date);
    pendingFocus.current = 'grid';
  };
  const announceMonth = (month: string) => {
    const state = months.current.get(key(getMonth(month)));
    const title = getMonthTitle(month, locale);
    if (state?.status !== 'ready') return setAnnouncement(`${title}. ${text.loading}`);
    const count = [...state.days.keys()].filter((d) => (slotsOf(d)?.length ?? 0) > 0).length;
    setAnnouncement(formatMessage(selectPlural(text.monthShown, count, locale), { month: title, count }));
  };
  const chooseDay = (date: string) => {
    if (!slotsOf(date)?.length) return;
    setSelectedDate(date);
    setFocusDate(date);
    pendingFocus.current = 'times';
    // Choosing the day already chosen changes no state; the focus still has to move.
    setVersion((v) => v + 1);
  };
  const onGridKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      chooseDay(focusDate);
      return;
    }
    const target = getGridKeyTarget(focusDate, event, { firstWeekday, rtl: dir === 'rtl' });
    if (!target) return;
    event.preventDefault();
    // End goes to the week's last day (APG); from past the week's last free day, on to the
    // next free time, however far ahead (the "End past the last bookable day").
    let freeAhead = false;
    for (let date = addDays(focusDate, 1); date <= target && !freeAhead; date = addDays(date, 1))
      freeAhead = (slotsOf(date)?.length ?? 0) > 0;
    if (event.key === 'End' && !freeAhead) {
      jumpToNextFree(focusDate, 'grid');
      return;
    }
    moveTo(target);
  };
  const pageMonth = (months: number) => {
    const next = addMonths(shown, months);
    setShown(next);
    setFocusDate(getLater(next, today));
    announceMonth(next);
  };

  // The next date after `after` with free times among the months loaded so far.
  const findNextFree = (after: string): string | undefined => {
    const dates: string[] = [];
    for (const [k, state] of months.current)
      if (k.endsWith(`|${zone}|${duration}`) && state.status === 'ready') dates.push(...state.days.keys());
    return dates.sort().find((date) => date > after && (slotsOf(date)?.length ?? 0) > 0);
  };
  /**
   * The first date after `after` with free times, month by month up to the last bookable day;
   * `{ load }` names the first month on the way that has not arrived yet.
   */
  const scanNextFree = (after: string): { date: string } | { load: string } | undefined => {
    for (let month = `${getMonth(after)}-01`; lastDate && month <= lastDate; month = addMonths(month, 1)) {
      const state = months.current.get(key(getMonth(month)));
      if (state?.status === 'failed') return undefined;
      if (state?.status !== 'ready') return { load: month };
      const date = [...state.days.keys()].sort().find((d) => d > after && (slotsOf(d)?.length ?? 0) > 0);
      if (date) return { date };
    }
    return undefined;
  };
  // Jumps to the next free time even past the months on screen: the months on the way are
  // loaded one after another (the grid shows each, focus kept in it), then the jump lands.
  const jumpToNextFree = (after: string, focus: 'grid' | 'times') => {
    const found = scanNextFree(after);
    if (found && 'load' in found) {
      seeking.current = { after, focus };
      if (getMonth(found.load) !== getMonth(shown)) {
        setShown(found.load);
        setFocusDate(found.load);
        announceMonth(found.load);
        if (focus === 'grid') pendingFocus.current = 'grid';
      }
      return;
    }
    seeking.current = undefined;
    if (!found) return;
    if (focus === 'grid') return moveTo(found.date);
    if (getMonth(found.date) !== getMonth(shown)) setShown(`${getMonth(found.date)}-01`);
    chooseDay(found.date);
  };
  resumeJump.current = () => {
    const pending = seeking.current;
    if (pending) jumpToNextFree(pending.after, pending.focus);
  };
  const goNextAvailable = () =>
    jumpToNextFree(selectedDate && selectedDate > focusDate ? selectedDate : focusDate, 'times');

  const busy = monthState?.status !== 'ready';
  const weeks = getMonthWeeks(shown, firstWeekday);
  const weekdays = getWeekdayNames(locale, firstWeekday);
  const title = getMonthTitle(shown, locale);
  // The week strip (narrow widths) shows the focused day's week; it says when it has nothing.
  const focusWeek = weeks.find((week) => week.includes(focusDate)) ?? [];
  const weekIsEmpty = focusWeek.every((date) => !date || !(slotsOf(date)?.length ?? 0));
  const nextFree = weekIsEmpty ? findNextFree(focusWeek.filter(Boolean).at(-1) ?? focusDate) : undefined;
  const daySlots = selectedDate ? slotsOf(selectedDate) : undefined;
  const calendarZone = summary.data.timezone;
  const showOffsets = daySlots ? hasOffsetChange(daySlots) : false;
  const canGoBack = getMonth(shown) > getMonth(today);
  const canGoOn = !lastDate || addMonths(shown, 1) <= lastDate;

  return (
    <div class="root" dir={dir} part="root">
      <div class="month-bar" part="month">
        <button
          type="button"
          class="nav"
          part="button nav"
          aria-label={text.previousMonth}
          aria-disabled={canGoBack ? undefined : 'true'}
          onClick={() => canGoBack && pageMonth(-1)}
        >
          <span aria-hidden="true">{dir === 'rtl' ? '›' : '‹'}</span>
        </button>
        <h2 id={`${id}-month`} class="month-title">
          {title}
        </h2>
        <button
          type="button"
          class="nav"
          part="button nav"
          aria-label={text.nextMonth}
          aria-disabled={canGoOn ? undefined : 'true'}
          onClick={() => canGoOn && pageMonth(1)}
        >
          <span aria-hidden="true">{dir === 'rtl' ? '‹' : '›'}</span>
        </button>
      </div>
      <table
        ref={gridRef}
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the APG date-picker grid is a table with role=grid.
        role="grid"
        class={busy ? 'grid busy' : 'grid'}
        part="grid"
        aria-labelledby={`${id}-month`}
        aria-busy={busy ? 'true' : undefined}
        onKeyDown={onGridKey}
      >
        <thead>
          <tr>
            {weekdays.map((day) => (
              <th key={day.long} scope="col" abbr={day.long}>
                {day.short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.find(Boolean)} class={week.includes(focusDate) ? 'week current' : 'week'}>
              {week.map((date, i) => {
                // biome-ignore lint/suspicious/noArrayIndexKey: padding cells have nothing but their column.
                if (!date) return <td key={`pad-${i}`} />;
                const slots = slotsOf(date);
                const count = slots?.length;
                const bookable = (count ?? 0) > 0;
                const focus =
                  date === focusDate || (getMonth(focusDate) !== getMonth(shown) && date === shown);
                return (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the grid's onKeyDown handles the keys (one roving cell).
                  <td
                    key={date}
                    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: APG grid cell.
                    role="gridcell"
                    data-date={date}
                    part={bookable ? 'day day-available' : 'day'}
                    class={`day${bookable ? ' available' : ''}${date === today ? ' today' : ''}${busy ? ' skeleton' : ''}`}
                    tabIndex={focus ? 0 : -1}
                    aria-label={getDayLabel(date, busy ? undefined : (count ?? 0), locale, text)}
                    aria-selected={date === selectedDate ? 'true' : 'false'}
                    aria-disabled={bookable ? undefined : 'true'}
                    aria-current={date === today ? 'date' : undefined}
                    onClick={() => {
                      setFocusDate(date);
                      chooseDay(date);
                    }}
                  >
                    <span aria-hidden="true">{Number(date.slice(8))}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {!busy && weekIsEmpty ? (
        <p class="week-note note">
          {nextFree
            ? formatMessage(text.weekEmpty, { date: getDayLabel(nextFree, undefined, locale, text) })
            : text.noTimes}
        </p>
      ) : null}
      <button type="button" class="link" part="next-available" onClick={goNextAvailable}>
        {text.nextAvailable}
      </button>
      <ZoneSwitch
        zone={zone}
        fromDevice={props.zoneFromDevice}
        text={text}
        signal={signal}
        onChange={props.onZoneChange}
      />
      {selectedDate && daySlots ? (
        <div ref={timesRef}>
          <SlotTimes
            heading={formatMessage(text.timesFor, {
              date: getDayLabel(selectedDate, undefined, locale, text),
            })}
            empty={text.noTimes}
            slots={daySlots.map((slot) => ({
              ...slot,
              label: formatSlotTime(slot.start, zone, locale, showOffsets),
              clock: getSlotClock(slot.start, zone),
              ...(calendarZone !== zone
                ? {
                    secondary: formatMessage(text.calendarTime, {
                      time: formatSlotTime(slot.start, calendarZone, locale, showOffsets),
                      zone: getZoneLabel(calendarZone),
                    }),
                  }
                : {}),
            }))}
            selected={selectedSlot}
            now={deps.now}
            onSelect={(slot, label) => {
              setSelectedSlot(slot.start);
              setAnnouncement(formatMessage(text.selected, { time: label }));
              props.emit('leadkit:slot-selected', { start: slot.start, end: slot.end, timezone: zone });
            }}
          />
          <button
            type="button"
            class="link"
            part="back"
            onClick={() => {
              pendingFocus.current = 'grid';
              setFocusDate(selectedDate);
              setVersion((v) => v + 1);
            }}
          >
            {text.backToCalendar}
          </button>
        </div>
      ) : null}
      <p class="sr-only" role="status" aria-live="polite">
        {busy && !announcement ? text.loading : announcement}
      </p>
    </div>
  );
}

function Status(props: { text: string; busy?: boolean }) {
  return (
    <div class="root" part="root" aria-busy={props.busy ? 'true' : undefined}>
      <p role="status">{props.text}</p>
    </div>
  );
}

/** The later of two `YYYY-MM-DD` dates (they compare as text). */
function getLater(a: string, b: string): string {
  return a < b ? b : a;
}

/** The earlier of two `YYYY-MM-DD` dates. */
function getEarlier(a: string, b: string): string {
  return a > b ? b : a;
}
