import { defineConfig } from 'vitest/config';

// Library builds (`vite build --mode iife|esm`) come with the widget issue; this file
// already carries the test configuration every suite shares.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'widgets/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
