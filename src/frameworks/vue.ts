/**
 * `leadkit/vue`: the leadkit elements in Vue 3 templates, checked by `vue-tsc` (an app opts in
 * with `/// <reference types="leadkit/vue" />`; a React app never loads this file, so it never
 * needs Vue's types). Two declarations, for the two ways vue-tsc can see a `leadkit-*` tag:
 *
 * - As a native element, which is what it is at run time (the app's
 *   `compilerOptions.isCustomElement` makes Vue's compiler treat it so). vue-tsc only knows this
 *   with the plugin `leadkit/vue-tsc-plugin` in `vueCompilerOptions.plugins`, which hands it the
 *   same `isCustomElement`. The tag's attributes are then `vue/jsx-runtime`'s
 *   `JSX.IntrinsicElements` entry below, checked exactly as written (a misspelt attribute is an
 *   error with `strictTemplates`, `@leadkit:success` gets the event's `detail`).
 * - As a component, without the plugin (vue-tsc's default for a tag with a hyphen): each tag is
 *   a global component (`GlobalComponents`), the way Vue's guide types custom elements ("Vue and
 *   Web Components", "Web Components and TypeScript"). vue-tsc 3.3 type-checks a component's
 *   props through a copy of them in which it turns `//…` into a comment, also inside a string:
 *   every `endpoint="https://…"` breaks that copy, and the element's checks with it
 *   (docs/apps.md, "Without the plugin"). So the plugin is the way; this is the fallback.
 */
import type { AllowedComponentProps, HTMLAttributes, ReservedProps, VNodeProps } from 'vue';
// Without an import of its own, tsc cannot find `vue/jsx-runtime` for the augmentation below (TS2664).
import type {} from 'vue/jsx-runtime';
import type { LeadkitElementTypes } from './leadkit-element-types';

/** `lead-ref` → `leadRef`: Vue's `camelize`, which its compiler applies to event names too. */
type Camelize<Name extends string> = Name extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<Camelize<Tail>>}`
  : Name;

/**
 * Vue compiles `@leadkit:success` to the prop `onLeadkit:success` and `@leadkit:slot-selected`
 * to `onLeadkit:slotSelected` (camelised, capitalised); at run time it listens for the
 * hyphenated name again.
 */
type VueEventProps<Events> = {
  [K in keyof Events & string as `on${Capitalize<Camelize<K>>}`]?: (event: Events[K]) => void;
};

/** What Vue passes to one leadkit element, key by key as the template writes it. */
type VueElementAttributes<Tag extends keyof LeadkitElementTypes> = Omit<
  HTMLAttributes,
  keyof LeadkitElementTypes[Tag]['props']
> &
  LeadkitElementTypes[Tag]['props'] &
  VueEventProps<LeadkitElementTypes[Tag]['events']> &
  ReservedProps;

/** Every leadkit tag as a native element: a new row in `LeadkitElementTypes` appears here by itself. */
type LeadkitVueElements = { [Tag in keyof LeadkitElementTypes]: VueElementAttributes<Tag> };

/**
 * A component's props, camelCase only: vue-tsc stops flagging unknown attributes of a component
 * with any hyphenated prop (vue-tsc 3.3), and it checks `success-message="…"` as
 * `successMessage` anyway. Where a property and an attribute meet (`hiddenFields`, an object,
 * and `hidden-fields`, JSON) the camelCase prop takes either.
 */
type CamelProps<Props> = { [K in keyof Props as Camelize<K & string>]: Props[K] };

/** Every leadkit tag as a global component, for vue-tsc without the plugin. */
type LeadkitVueComponents = {
  [Tag in keyof LeadkitElementTypes]: new () => {
    $props: CamelProps<Omit<HTMLAttributes, keyof LeadkitElementTypes[Tag]['props']>> &
      CamelProps<LeadkitElementTypes[Tag]['props']> &
      VueEventProps<LeadkitElementTypes[Tag]['events']> &
      AllowedComponentProps &
      VNodeProps;
  };
};

declare module 'vue' {
  interface GlobalComponents extends LeadkitVueComponents {}
}

declare module 'vue/jsx-runtime' {
  namespace JSX {
    interface IntrinsicElements extends LeadkitVueElements {}
  }
}
