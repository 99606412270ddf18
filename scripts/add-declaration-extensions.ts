import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Adds `.js` (or `/index.js`) to every relative import and export path in the `.d.ts` files
 * under `dir`, as Node's ESM resolution needs. tsc keeps the sources' extensionless paths,
 * which only `moduleResolution: bundler` resolves. Returns how many paths it changed; a path
 * whose declaration file is missing is left as it is.
 */
export function addDeclarationExtensions(dir: string): number {
  let changed = 0;
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.d.ts')) continue;
    const file = join(dir, entry);
    const source = readFileSync(file, 'utf8');
    const next = source.replace(
      /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\2/g,
      (match, lead: string, quote: string, path: string) => {
        if (/\.(js|mjs|cjs|json)$/.test(path)) return match;
        const base = resolve(dirname(file), path);
        const withExtension = existsSync(`${base}.d.ts`)
          ? `${path}.js`
          : existsSync(join(base, 'index.d.ts'))
            ? `${path}/index.js`
            : null;
        if (!withExtension) return match;
        changed++;
        return `${lead}${quote}${withExtension}${quote}`;
      },
    );
    if (next !== source) writeFileSync(file, next);
  }
  return changed;
}
