import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
// The unit suites with fixed expectations; the property test is already host-independent by
// construction (its oracle is Intl with explicit zones) and too slow to repeat.
const suites = [
  'src/time/get-calendar-slots.test.ts',
  'src/time/group-slots-by-day.test.ts',
  'src/time/get-covering-dates.test.ts',
  'src/time/find-nearest-slots.test.ts',
  'src/time/format-instant.test.ts',
];

describe('src/time does not depend on the process time zone', () => {
  // Chatham's +12:45/+13:45 and New York's -05/-04 would shift any host-local-time reading.
  it.each(['Pacific/Chatham', 'America/New_York', 'UTC'])('the unit suites pass under TZ=%s', async (tz) => {
    const { stdout } = await run(process.execPath, [vitest, 'run', '--reporter=dot', ...suites], {
      cwd: root,
      env: { ...process.env, TZ: tz, FORCE_COLOR: '0', NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/Tests\s+\d+ passed/);
    expect(stdout).not.toMatch(/failed/);
    // The child really ran in that zone.
    const { stdout: zone } = await run(
      process.execPath,
      ['-e', 'process.stdout.write(Intl.DateTimeFormat().resolvedOptions().timeZone)'],
      {
        env: { ...process.env, TZ: tz },
      },
    );
    expect(zone).toBe(tz);
  });
});
