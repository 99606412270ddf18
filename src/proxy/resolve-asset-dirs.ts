import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the proxy finds what it serves besides the API. */
export interface AssetDirs {
  /** The `leadkit` package's dist/: leadkit.js (and its .br/.gz) and themes/. */
  bundleDir: string;
  /** The built demo pages served at `/`. */
  demoDir: string;
}

/**
 * Finds the bundle through the `leadkit` package, so an installed `@leadkit/proxy` serves the
 * `leadkit` it depends on and a clone serves its own dist/ (the root package is `leadkit`, and
 * Node resolves a package's own name through its `exports`). The demo pages ship inside
 * `@leadkit/proxy` (demo/ beside its package.json); a clone has them in dist/demo/.
 */
export function resolveAssetDirs(): AssetDirs {
  const require = createRequire(import.meta.url);
  const bundleDir = join(dirname(require.resolve('leadkit/package.json')), 'dist');
  let demoDir = join(bundleDir, 'demo');
  try {
    demoDir = join(dirname(require.resolve('@leadkit/proxy/package.json')), 'demo');
  } catch {
    // Not running from the installed @leadkit/proxy package: a clone keeps the demo in dist/.
  }
  return { bundleDir, demoDir };
}
