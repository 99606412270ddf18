/**
 * `leadkit/vue`: the leadkit elements in Vue 3 templates, checked by `vue-tsc` (an app opts in
 * with `/// <reference types="leadkit/vue" />`; a React app never loads this file, so it never
 * needs Vue's types). vue-tsc types a tag with a hyphen as a component, so each leadkit tag is a
 * global component, the way Vue's guide types custom elements ("Vue and Web Components", "Web
 * Components and TypeScript"): its `$props` are the element's properties (a wrong type is an
 * error, and a misspelt one with `strictTemplates`) and its events, as the `on…` props Vue
 * compiles `@leadkit:success` to, so the handler gets the right `detail`. At run time the app
 * still marks the tags with `compilerOptions.isCustomElement` (docs/apps.md).
 */
import type { AllowedComponentProps, HTMLAttributes, VNodeProps } from 'vue';
import type { LeadkitElementTypes } from './leadkit-element-types';

/** Vue compiles `@leadkit:success` to the prop `onLeadkit:success` (camelised, capitalised). */
type VueEventProps<Events> = {
  [K in keyof Events & string as `on${Capitalize<K>}`]?: (event: Events[K]) => void;
};

/**
 * Vue normalises `success-message="…"` to the prop `successMessage`, and vue-tsc stops flagging
 * unknown attributes of a component with any hyphenated prop (vue-tsc 3.3); so the props are the
 * camelCase ones only (a template may still write them kebab-case; `aria-*` are left out).
 */
type CamelProps<Props> = { [K in keyof Props as K extends `${string}-${string}` ? never : K]: Props[K] };

/** Every leadkit tag as a Vue component: a new row in `LeadkitElementTypes` appears here by itself. */
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
