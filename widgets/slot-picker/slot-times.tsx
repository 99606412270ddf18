import { useId, useRef } from 'preact/hooks';
import type { AvailabilitySlot } from '../../src/time/availability-day';

/** One time as the list shows it. */
export interface SlotOption extends AvailabilitySlot {
  /** In the visitor's zone, as the locale writes it. */
  label: string;
  /** 24 h digits (`14:00`), matched by typeahead as well as `label`. */
  clock: string;
  /** The same instant in the calendar's zone, when it differs from the visitor's. */
  secondary?: string;
}

const TYPEAHEAD_RESET_MS = 1000;

/**
 * The chosen day's times: a listbox with one option in the tab order (roving tabindex),
 * arrows, Home/End, and typeahead ("14" moves to 14:00, "2" to 2:00 PM).
 */
export function SlotTimes(props: {
  heading: string;
  empty: string;
  slots: SlotOption[];
  selected: string | undefined;
  now: () => number;
  onSelect: (slot: SlotOption, label: string) => void;
}) {
  const id = useId();
  const list = useRef<HTMLDivElement>(null);
  const typed = useRef({ text: '', at: 0 });
  const { slots } = props;
  const active = Math.max(
    0,
    slots.findIndex((s) => s.start === props.selected),
  );

  const focusAt = (index: number) => {
    const options = list.current?.querySelectorAll<HTMLElement>('[role=option]');
    const target = options?.[Math.min(Math.max(index, 0), (options?.length ?? 1) - 1)];
    if (!target || !options) return;
    for (const option of options) option.tabIndex = option === target ? 0 : -1;
    target.focus();
  };
  const current = () => {
    const options = [...(list.current?.querySelectorAll<HTMLElement>('[role=option]') ?? [])];
    // The shadow root's activeElement: the document's is the host element.
    const root = list.current?.getRootNode() as Document | ShadowRoot | undefined;
    return options.indexOf(root?.activeElement as HTMLElement);
  };
  const onKey = (event: KeyboardEvent) => {
    const index = current();
    const slot = slots[index];
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: slots.length - 1,
    };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      focusAt(move);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (slot) props.onSelect(slot, slot.label);
      return;
    }
    if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
    const now = props.now();
    const state = typed.current;
    state.text = now - state.at > TYPEAHEAD_RESET_MS ? event.key : state.text + event.key;
    state.at = now;
    const wanted = state.text.toLowerCase();
    const match = slots.findIndex(
      (s) =>
        s.clock.startsWith(wanted) ||
        s.clock.replace(/^0/, '').startsWith(wanted) ||
        s.label.toLowerCase().startsWith(wanted),
    );
    if (match >= 0) focusAt(match);
  };

  return (
    <section class="times" part="times">
      <h3 id={`${id}-h`} class="times-title">
        {props.heading}
      </h3>
      {slots.length === 0 ? (
        <p class="note">{props.empty}</p>
      ) : (
        <div ref={list} role="listbox" aria-labelledby={`${id}-h`} class="slot-list" onKeyDown={onKey}>
          {slots.map((slot, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox's onKeyDown handles the keys (one roving option).
            <div
              key={slot.start}
              role="option"
              part={slot.start === props.selected ? 'slot slot-selected' : 'slot'}
              class="slot"
              tabIndex={i === active ? 0 : -1}
              aria-selected={slot.start === props.selected ? 'true' : 'false'}
              onClick={() => {
                focusAt(i);
                props.onSelect(slot, slot.label);
              }}
            >
              <span class="slot-time">{slot.label}</span>
              {slot.secondary ? <span class="slot-secondary">{slot.secondary}</span> : null}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
