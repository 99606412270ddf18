import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { formatMessage } from '../../src/i18n/get-messages';
import type { SlotPickerMessages } from '../../src/i18n/slot-picker-messages';
import { getZoneLabel } from './slot-labels';

const MAX_SHOWN = 60;

/** Every zone the browser knows, or a short list where Intl cannot enumerate them. */
function getZones(current: string): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = typeof supported === 'function' ? supported('timeZone') : ['UTC'];
  return zones.includes(current) ? zones : [current, ...zones];
}

/**
 * "Times in ‹zone› (from your device)" and its switch: a popover, placed with Floating UI
 * beside the button (flipping above it near the viewport's end), holding a searchable list of
 * `Intl.supportedValuesOf('timeZone')`. Escape or a choice closes it and returns focus.
 */
export function ZoneSwitch(props: {
  zone: string;
  fromDevice: boolean;
  text: SlotPickerMessages;
  signal?: AbortSignal;
  onChange: (zone: string) => void;
}) {
  const { text } = props;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: placed and listened to while open, only.
  useEffect(() => {
    const reference = button.current;
    const floating = popover.current;
    if (!open || !reference || !floating) return;
    // Style properties set through the CSSOM, which a CSP without 'unsafe-inline' allows.
    const place = () =>
      void computePosition(reference, floating, {
        placement: 'bottom-start',
        middleware: [
          offset(4),
          flip(),
          shift({ padding: 8 }),
          size({
            padding: 8,
            apply: ({ availableHeight }) => {
              floating.style.maxHeight = `${Math.max(160, Math.min(availableHeight, 360))}px`;
            },
          }),
        ],
      }).then(({ x, y }) => {
        floating.style.left = `${x}px`;
        floating.style.top = `${y}px`;
      });
    const stop = autoUpdate(reference, floating, place);
    search.current?.focus();
    const onDown = (event: Event) => {
      const path = event.composedPath();
      if (!path.includes(floating) && !path.includes(reference)) setOpen(false);
    };
    const lifetime = new AbortController();
    props.signal?.addEventListener('abort', () => lifetime.abort(), { once: true, signal: lifetime.signal });
    reference.ownerDocument.addEventListener('pointerdown', onDown, { signal: lifetime.signal });
    return () => {
      stop();
      lifetime.abort();
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    setQuery('');
    button.current?.focus();
  };
  const wanted = query.trim().toLowerCase().replace(/\s+/g, '_');
  const zones = open ? getZones(props.zone).filter((zone) => zone.toLowerCase().includes(wanted)) : [];

  return (
    <div class="zone" part="timezone">
      <p class="zone-line">
        {formatMessage(text.timesInZone, { zone: getZoneLabel(props.zone) })}
        {props.fromDevice ? ` ${text.fromDevice}` : ''}{' '}
        <button
          ref={button}
          type="button"
          class="link"
          part="timezone-button"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls={`${id}-pop`}
          onClick={() => (open ? close() : setOpen(true))}
        >
          {text.changeZone}
        </button>
      </p>
      <div
        ref={popover}
        id={`${id}-pop`}
        class="popover"
        role="dialog"
        aria-label={text.changeZone}
        part="timezone-popover"
        hidden={!open}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            close();
          }
        }}
      >
        <label class="sr-only" for={`${id}-q`}>
          {text.searchZone}
        </label>
        <input
          ref={search}
          id={`${id}-q`}
          type="search"
          autocomplete="off"
          placeholder={text.searchZone}
          value={query}
          onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
        />
        <ul class="zone-list" aria-label={text.changeZone}>
          {zones.slice(0, MAX_SHOWN).map((zone) => (
            <li key={zone}>
              <button
                type="button"
                class="zone-option"
                aria-current={zone === props.zone ? 'true' : undefined}
                onClick={() => {
                  props.onChange(zone);
                  close();
                }}
              >
                {getZoneLabel(zone)}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
