/**
 * Removes the whitespace no CSS meaning hangs on: comments, line breaks (kept as one space,
 * which can separate two tokens), spaces around `{`, `}`, `;`, `,` and `>`, after `:`, and the
 * last `;` of a block. Made for leadkit's own sheets, which have no string values (a space
 * inside quotes would be lost); test/squeeze-css.test.ts parses each sheet before and after.
 *
 * @example
 * squeezeCss('.a {\n  color: red;\n}') // '.a{color:red}'
 */
export function squeezeCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}
