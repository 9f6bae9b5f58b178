import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One local Feature Store for the whole run, started before any test file.
    globalSetup: ['./globalSetup.ts'],
    include: ['*.test.ts'],
  },
});
