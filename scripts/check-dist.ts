/**
 * The last step of `npm run build`: fails (exit 1) when dist/ contains a secret or a backend
 * URL from any config (scripts/find-dist-leaks.ts). Prints where, never the value.
 */
import { collectKnownValues, findDistLeaks } from './find-dist-leaks';

const leaks = findDistLeaks();
if (leaks.length > 0) {
  for (const leak of leaks) console.error(`${leak.file}: contains a ${leak.kind} (from ${leak.source})`);
  console.error(`\ndist/ check failed: ${leaks.length} secret(s) or backend URL(s) found.`);
  process.exitCode = 1;
} else {
  console.log(
    `dist/ check: no secret or backend URL found (${collectKnownValues().length} known values checked).`,
  );
}
