import { defineConfig } from '@playwright/test';

/**
 * E2E against the real stack: the built console (vite preview) and the local Feature
 * Store, in memory, on test ports. Debian's Chromium, never a downloaded browser.
 * Two more previews: one pointed at a closed port ("endpoint did not answer"), one
 * serving an invalid config.json (the setup page). The "dev server" project runs
 * e2e/dev-server.spec.ts against `npm start` itself (Vite dev, StrictMode).
 */
// E2E_PORT_OFFSET shifts every port so that several checkouts can run e2e at once.
const portOffset = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const FEATURE_STORE_PORT = 4599 + portOffset;
export const CONSOLE_PORT = 4173 + portOffset * 10;
export const UNREACHABLE_CONSOLE_PORT = 4174 + portOffset * 10;
export const BAD_CONFIG_CONSOLE_PORT = 4175 + portOffset * 10;
/** A console whose config.json allows no guests (sign-in required). */
export const NO_GUESTS_CONSOLE_PORT = 4176 + portOffset * 10;
/** The deploy rehearsal (npm run rehearse): the local edge, and its own local Feature Store (requireAwsHosts). */
export const REHEARSAL_PORT = 4177 + portOffset * 10;
export const REHEARSAL_FEATURE_STORE_PORT = 4699 + portOffset;
/** `npm start` (scripts/start.ts): the Vite dev server (StrictMode) and its own local Feature Store. */
export const DEV_CONSOLE_PORT = 4179 + portOffset * 10;
export const DEV_FEATURE_STORE_PORT = 4619 + portOffset;
/** `npm run serve` (server/serve.ts): the self-hosting server and relay, and its own local Feature Store. */
export const SERVE_CONSOLE_PORT = 4180 + portOffset * 10;
export const SERVE_FEATURE_STORE_PORT = 4799 + portOffset;

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${CONSOLE_PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'production build', testIgnore: [/rehearsal.*\.spec\.ts$/, /dev-server\.spec\.ts$/, /serve\.spec\.ts$/] },
    // The deploy rehearsal: the console through the local edge built from the synthesized template.
    { name: 'rehearsal', testMatch: /rehearsal.*\.spec\.ts$/, use: { baseURL: `http://localhost:${REHEARSAL_PORT}` } },
    // `npm start`: Vite dev serves every module unbundled and transforms it on first request: slower pages.
    {
      name: 'dev server',
      testMatch: /dev-server\.spec\.ts$/,
      timeout: 90_000,
      expect: { timeout: 30_000 },
      use: { baseURL: `http://localhost:${DEV_CONSOLE_PORT}` },
    },
    // `npm run serve`: the self-hosting server (server/serve.ts), its CSP and its relay.
    { name: 'serve', testMatch: /\/serve\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${SERVE_CONSOLE_PORT}` } },
  ],
  webServer: [
    {
      command: 'node --conditions=featurestore-source --import tsx packages/local-featurestore/src/main.ts',
      url: `http://127.0.0.1:${FEATURE_STORE_PORT}/_local/health`,
      env: { LOCAL_FEATURESTORE_PORT: String(FEATURE_STORE_PORT), LOCAL_FEATURESTORE_DATA_DIR: ':memory:', LOCAL_FEATURESTORE_QUIET: '1' },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `npx vite preview --port ${CONSOLE_PORT} --strictPort`,
      url: `http://localhost:${CONSOLE_PORT}/config.json`,
      env: { LOCAL_FEATURESTORE_PORT: String(FEATURE_STORE_PORT) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Port 9 (discard) is closed on loopback: every AWS call fails to connect.
      command: `npx vite preview --port ${UNREACHABLE_CONSOLE_PORT} --strictPort`,
      url: `http://localhost:${UNREACHABLE_CONSOLE_PORT}/config.json`,
      env: { LOCAL_FEATURESTORE_PORT: '9' },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `npx vite preview --port ${BAD_CONFIG_CONSOLE_PORT} --strictPort`,
      url: `http://localhost:${BAD_CONFIG_CONSOLE_PORT}/config.json`,
      env: { CONSOLE_CONFIG_FILE: 'e2e/fixtures/invalid-config.json' },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `npx vite preview --port ${NO_GUESTS_CONSOLE_PORT} --strictPort`,
      url: `http://localhost:${NO_GUESTS_CONSOLE_PORT}/config.json`,
      env: { CONSOLE_CONFIG_FILE: 'e2e/fixtures/no-guests-config.json', LOCAL_FEATURESTORE_PORT: String(FEATURE_STORE_PORT) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'npm run rehearse',
      url: `http://localhost:${REHEARSAL_PORT}/config.json`,
      env: { REHEARSAL_PORT: String(REHEARSAL_PORT), LOCAL_FEATURESTORE_PORT: String(REHEARSAL_FEATURE_STORE_PORT) },
      reuseExistingServer: false,
      // Synthesis stages the build and the BucketDeployment's Lambda layer: slower than a preview to start.
      timeout: 180_000,
      // SIGTERM lets it remove its synthesized cloud assembly.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      // As `npm start` runs: ready when the dev server relays to its local Feature Store (an unsigned call: 403).
      command: 'npx tsx scripts/start.ts',
      url: `http://localhost:${DEV_CONSOLE_PORT}/aws/featurestore-runtime/FeatureGroup/customers?RecordIdentifierValueAsString=ready`,
      env: {
        CONSOLE_PORT: String(DEV_CONSOLE_PORT),
        LOCAL_FEATURESTORE_PORT: String(DEV_FEATURE_STORE_PORT),
        LOCAL_FEATURESTORE_DATA_DIR: ':memory:',
        LOCAL_FEATURESTORE_QUIET: '1',
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'node --conditions=featurestore-source --import tsx packages/local-featurestore/src/main.ts',
      url: `http://127.0.0.1:${SERVE_FEATURE_STORE_PORT}/_local/health`,
      // Its guests may read and write but never delete (a self-hoster's guest policy): the console has no guest
      // capabilities in config.json, so a guest's delete is decided by AWS's answer (e2e/serve.spec.ts).
      env: {
        LOCAL_FEATURESTORE_PORT: String(SERVE_FEATURE_STORE_PORT),
        LOCAL_FEATURESTORE_DATA_DIR: ':memory:',
        LOCAL_FEATURESTORE_QUIET: '1',
        LOCAL_FEATURESTORE_GUEST_POLICY: 'e2e/fixtures/serve-guest-policy.json',
      },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // As a self-hosting user runs it: `npm run serve` on the built dist/, config.json pointed at the store above.
      command: 'npx tsx e2e/serveConsole.ts',
      url: `http://127.0.0.1:${SERVE_CONSOLE_PORT}/config.json`,
      env: { PORT: String(SERVE_CONSOLE_PORT), LOCAL_FEATURESTORE_PORT: String(SERVE_FEATURE_STORE_PORT) },
      reuseExistingServer: false,
      timeout: 30_000,
      // SIGTERM lets it remove its copy of dist/.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
});
