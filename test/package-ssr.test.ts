/**
 * `import('leadkit')` in a runtime without a DOM (Next.js, Astro or Remix rendering on the
 * server) must not throw, and `define()` there registers nothing (CONTRACT §1). The source
 * entry is checked here in Vitest's Node environment; the built dist/leadkit.mjs in a plain
 * Node process (needs `npm run build`), as test/package-tarballs.test.ts does for the tarball.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('leadkit on a server', () => {
  it('the source entry imports without a DOM, and define() is a no-op', async () => {
    expect(typeof HTMLElement).toBe('undefined');
    const leadkit = await import('../src/index');
    expect(() => leadkit.define()).not.toThrow();
    expect(typeof leadkit.LeadFormElement).toBe('function');
  });

  it('dist/leadkit.mjs imports in plain Node, and define() is a no-op', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('./dist/leadkit.mjs'); m.define(); console.log(Object.keys(m).sort().join(' '));",
      ],
      { cwd: root, encoding: 'utf8', timeout: 30_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(
      'BookingConfirmElement BookingElement LeadFormElement LeadKit SignalElement SlotPickerElement define defineBooking defineBookingConfirm defineLeadForm defineSignal defineSlotPicker mount',
    );
  });
});
