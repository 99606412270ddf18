/**
 * `leadkit/svelte`: the leadkit elements in Svelte 5 markup, checked by `svelte-check` (an app
 * opts in with `/// <reference types="leadkit/svelte" />`; a React or Vue app never loads this
 * file). Each tag gets the element's properties as attributes and its events both as Svelte 5
 * event attributes (`onleadkit:success`, the name after `on`) and as the legacy directive
 * (`on:leadkit:success`), each with the right `detail`.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { LeadkitElementTypes, LeadkitTag } from './leadkit-element-types';

type SvelteEventProps<Element, Events> = {
  [K in keyof Events & string as `on${K}` | `on:${K}`]?: (
    event: Events[K] & { currentTarget: EventTarget & Element },
  ) => unknown;
};

/** What Svelte accepts on one leadkit tag. */
type SvelteLeadkitAttributes<Tag extends LeadkitTag> = HTMLAttributes<LeadkitElementTypes[Tag]['element']> &
  LeadkitElementTypes[Tag]['props'] &
  SvelteEventProps<LeadkitElementTypes[Tag]['element'], LeadkitElementTypes[Tag]['events']>;

/** Every leadkit tag: a new row in `LeadkitElementTypes` appears here by itself. */
type LeadkitSvelteElements = { [Tag in LeadkitTag]: SvelteLeadkitAttributes<Tag> };

declare module 'svelte/elements' {
  interface SvelteHTMLElements extends LeadkitSvelteElements {}
}
