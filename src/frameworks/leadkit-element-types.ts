/**
 * Every leadkit custom element, by tag: its class, the properties a framework may set and its
 * events. The React and Preact entries (widgets/lead-form/define.ts), `leadkit/vue` and
 * `leadkit/svelte` all map over this one table, so a new element (a booking widget) is one row
 * here and every framework sees it.
 */

import type { LeadFormProperties } from '../../widgets/lead-form/define';
import type { LeadFormElement } from '../../widgets/lead-form/lead-form';
import type { SignalAttributes } from '../../widgets/signal/define';
import type { SignalElement } from '../../widgets/signal/signal';
import type { LeadFormEventMap } from '../client/leadkit-events';

/** One row per tag: `element` (the class), `props` (what a framework sets), `events` (name → event). */
export interface LeadkitElementTypes {
  'leadkit-form': { element: LeadFormElement; props: LeadFormProperties; events: LeadFormEventMap };
  'leadkit-signal': { element: SignalElement; props: SignalAttributes; events: Record<never, never> };
}

/** A tag of a leadkit custom element. */
export type LeadkitTag = keyof LeadkitElementTypes;
