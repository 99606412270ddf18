import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin, UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
};

/** The widget bundles target what the element needs anyway: custom elements, shadow DOM, adoptedStyleSheets. */
const browserTarget = ['chrome111', 'edge111', 'firefox114', 'safari16.4'];

/** Copies themes/*.css to dist/themes/ so a page can also link a theme file (CONTRACT §1). */
function emitThemeFiles(): Plugin {
  return {
    name: 'leadkit:theme-files',
    generateBundle() {
      const themesDir = new URL('./themes/', import.meta.url);
      let names: string[] = [];
      try {
        names = readdirSync(themesDir).filter((name) => name.endsWith('.css'));
      } catch {
        this.warn('themes/ is missing: no dist/themes/*.css emitted');
      }
      for (const name of names) {
        this.emitFile({
          type: 'asset',
          fileName: `themes/${name}`,
          source: readFileSync(new URL(name, themesDir)),
        });
      }
    },
  };
}

/**
 * Writes `<file>.br` and `<file>.gz` beside leadkit.js and each theme, so the proxy can answer
 * `Accept-Encoding` without compressing per request: on a 1.6 Mbit/s phone link the plain
 * bundle alone takes about a second (bench/widget-load.ts).
 */
function emitPrecompressed(): Plugin {
  return {
    name: 'leadkit:precompressed',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css)$/.test(file.fileName)) continue;
        const source = Buffer.from(file.type === 'chunk' ? file.code : file.source);
        const brotli = brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.br`, source: brotli });
        this.emitFile({
          type: 'asset',
          fileName: `${file.fileName}.gz`,
          source: gzipSync(source, { level: 9 }),
        });
      }
    },
  };
}

/**
 * `vite build --mode iife`: dist/leadkit.js, the one script tag a marketer pastes. Everything
 * is inlined (no chunk, no CSS file) so no other request happens before the form is interactive.
 * It runs first in `npm run build` and is the one build that empties dist/.
 */
function iifeBuild(): UserConfig {
  return {
    plugins: [emitThemeFiles(), emitPrecompressed()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: browserTarget,
      // Terser with two compress passes: about 1 KB gzip (1.8%) smaller than the default
      // minifier on this bundle, measured — the one file every visitor downloads.
      minify: 'terser',
      terserOptions: { compress: { passes: 2 }, ecma: 2020, format: { comments: false } },
      sourcemap: false,
      copyPublicDir: false,
      cssCodeSplit: false,
      rolldownOptions: {
        input: 'src/browser.ts',
        output: { format: 'iife', entryFileNames: 'leadkit.js' },
      },
    },
  };
}

/**
 * `vite build --mode esm`: dist/leadkit.mjs for SPAs. Runtime dependencies stay imports so the
 * app's bundler dedupes preact and tree-shakes per element; Vite keeps whitespace and
 * `\/*#__PURE__*\/` marks in ES library output for the same reason.
 */
function esmBuild(): UserConfig {
  const dependencies = Object.keys(packageJson.dependencies ?? {});
  return {
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: browserTarget,
      minify: true,
      sourcemap: true,
      copyPublicDir: false,
      lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'leadkit.mjs' },
      rolldownOptions: {
        external: (id) => dependencies.some((name) => id === name || id.startsWith(`${name}/`)),
      },
    },
  };
}

/**
 * `vite build --mode demo`: the demo pages (demo/*.html) into dist/demo/, which the proxy serves
 * at `/`. The React SPA imports this source tree (src/index.ts), the same code as `leadkit`.
 */
function demoBuild(): UserConfig {
  const demoRoot = `${root}demo/`;
  const pages = [
    'index',
    'marketer/index',
    'spa/index',
    'leads/index',
    'two-forms/index',
    'booking/index',
    'signals/index',
    'form-booking/index',
  ];
  return {
    root: demoRoot,
    base: '/',
    publicDir: false,
    build: {
      outDir: `${root}dist/demo`,
      emptyOutDir: true,
      target: browserTarget,
      // No inline <script> or style: the pages must run under `default-src 'self'`.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      rolldownOptions: {
        input: Object.fromEntries(
          pages.map((page) => [page.replace('/index', ''), `${demoRoot}${page}.html`]),
        ),
      },
    },
  };
}

/**
 * Node cannot import a JSON file without an import attribute (and warns that JSON modules are
 * experimental on Node 20), so a dependency's JSON the proxy imports is read with `require`.
 */
function requireDependencyJson(): Plugin {
  const prefix = '\0leadkit-json:';
  return {
    name: 'leadkit:require-dependency-json',
    enforce: 'pre',
    resolveId(id) {
      // Not ending in .json: Vite's own JSON plugin would take the module back.
      return /^[@a-z]/.test(id) && id.endsWith('.json') ? `${prefix}${id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const specifier = JSON.stringify(id.slice(prefix.length, -'.js'.length));
      return `import { createRequire } from 'node:module';\nexport default createRequire(import.meta.url)(${specifier});\n`;
    },
  };
}

/**
 * `vite build --mode proxy`: the `@leadkit/proxy` package's JavaScript in dist/proxy/ (index.js
 * for `import { createProxy }`, bin/leadkit.js for the command), so it runs in plain Node with
 * no TypeScript loader. Readable (not minified); every dependency and `node:` module stays an
 * import, to be installed beside it.
 */
function proxyBuild(): UserConfig {
  return {
    plugins: [requireDependencyJson()],
    build: {
      outDir: 'dist/proxy',
      emptyOutDir: true,
      target: 'node20.19',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      ssr: true,
      rolldownOptions: {
        input: { index: 'src/proxy/index.ts', 'bin/leadkit': 'src/proxy/bin/run-leadkit.ts' },
        external: (id) => /^(node:|[@a-z])/.test(id) && !id.endsWith('.json'),
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name].js' },
      },
    },
  };
}

const builds: Record<string, () => UserConfig> = {
  iife: iifeBuild,
  esm: esmBuild,
  demo: demoBuild,
  proxy: proxyBuild,
};

// Library builds are chosen by `--mode` (iife | esm | demo | proxy); the `test` block is what every suite shares.
export default defineConfig(({ mode }) => ({
  ...(builds[mode]?.() ?? {}),
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'widgets/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
}));
