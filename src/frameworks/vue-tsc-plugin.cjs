/**
 * `leadkit/vue-tsc-plugin`: a Vue language plugin (`vueCompilerOptions.plugins` in the app's
 * tsconfig) that tells vue-tsc and the Vue editor extension what the app's build already tells
 * Vue's compiler: `leadkit-*` tags are custom elements (`compilerOptions.isCustomElement`).
 * vue-tsc then checks them as native elements against the `vue/jsx-runtime` entries of
 * `leadkit/vue`, instead of as components, whose props check vue-tsc 3.3 breaks on any
 * attribute value with `//` in it (an endpoint URL). An `isCustomElement` another plugin set
 * is kept. CommonJS because vue-tsc loads plugins with `require`; copied to dist/ by the build.
 */
'use strict';

/** @param {string} tag */
const isLeadkitTag = (tag) => tag.startsWith('leadkit-');

/** @returns {{ version: 2.1, name: string, resolveTemplateCompilerOptions(options: { isCustomElement?: (tag: string) => boolean | void }): object }} */
function leadkitVuePlugin() {
  return {
    // 2.1: the oldest plugin API that has this hook and that vue-tsc 3 still accepts.
    version: 2.1,
    name: 'leadkit',
    resolveTemplateCompilerOptions(options) {
      const other = options.isCustomElement;
      return { ...options, isCustomElement: (tag) => isLeadkitTag(tag) || Boolean(other?.(tag)) };
    },
  };
}

module.exports = leadkitVuePlugin;
