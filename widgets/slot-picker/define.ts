import type { HTMLAttributes as PreactHTMLAttributes } from 'preact';
import type { SlotPickerEventMap, SlotSelectedDetail } from '../../src/client/leadkit-events';
import { type SlotPickerAttributes, SlotPickerElement } from './slot-picker';

/** Registers `<leadkit-slot-picker>` once (a second call, or a second copy of the script, is a no-op). */
export function defineSlotPicker(): void {
  if (typeof customElements === 'undefined') return;
  try {
    if (!customElements.get('leadkit-slot-picker'))
      customElements.define('leadkit-slot-picker', SlotPickerElement);
  } catch {
    // Another library may have claimed the name in between; the page keeps working.
  }
}

/** Preact and React 19 pass `on<event>` props through as listeners for that exact event name. */
type SlotPickerEventProps = {
  [K in keyof SlotPickerEventMap as `on${K}`]?: (event: SlotPickerEventMap[K]) => void;
};

type SlotPickerRef<T> = ((instance: T | null) => unknown) | { current: T | null } | null;
type ReactHtmlProps<Intrinsics> = Intrinsics extends { div: infer Div } ? Omit<Div, 'ref'> : unknown;

declare global {
  interface HTMLElementTagNameMap {
    'leadkit-slot-picker': SlotPickerElement;
  }
  // Only the picker's own event: `leadkit:ready`/`leadkit:error` are typed by the form's map.
  interface HTMLElementEventMap {
    'leadkit:slot-selected': CustomEvent<SlotSelectedDetail>;
  }
}

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'leadkit-slot-picker': PreactHTMLAttributes<SlotPickerElement> &
        SlotPickerAttributes &
        SlotPickerEventProps;
    }
  }
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'leadkit-slot-picker': ReactHtmlProps<this> & {
        ref?: SlotPickerRef<SlotPickerElement>;
      } & SlotPickerAttributes &
        SlotPickerEventProps;
    }
  }
}
