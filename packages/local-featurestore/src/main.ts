/**
 * `npx local-featurestore` (`npm run local-featurestore` here): the local Feature Store alone.
 * Command line (each overrides its environment variable): --port N (0: a free port),
 * --host H, --data-dir DIR (":memory:" for none), --empty (no demo groups), --quiet, --help.
 * With --port, stdout carries one JSON line first (endpoint, region, keys, pool ids), for
 * other languages' test fixtures; the banner and the request log then go to stderr.
 * Environment: LOCAL_FEATURESTORE_PORT (4566), LOCAL_FEATURESTORE_HOST (127.0.0.1),
 * LOCAL_FEATURESTORE_DATA_DIR (.featurestore-data; ":memory:" for none),
 * LOCAL_FEATURESTORE_GUEST_POLICY (a JSON file: the guest role's IAM policy document),
 * LOCAL_FEATURESTORE_REFERENCE_GROUPS (comma-separated read-only groups only admins write; default exchange-rates),
 * LOCAL_FEATURESTORE_SUPPORT_FEATURES (what the support role may UpdateRecord: "transactions:fraud_score,card_present;customers:segment"),
 * LOCAL_FEATURESTORE_QUIET=1 to drop the per-request log,
 * LOCAL_FEATURESTORE_CREATE_DELAY_MS / LOCAL_FEATURESTORE_DELETE_DELAY_MS (time in Creating / Deleting),
 * LOCAL_FEATURESTORE_ALLOWED_ORIGINS (comma-separated browser origins allowed besides loopback ones),
 * LOCAL_FEATURESTORE_USERS (a JSON file of user-pool users and groups; default the demo users),
 * LOCAL_FEATURESTORE_ALLOW_GUESTS (1, the default, or 0), LOCAL_FEATURESTORE_TOKEN_LIFETIME_SECONDS (3600),
 * LOCAL_FEATURESTORE_CALLBACK_URLS / LOCAL_FEATURESTORE_LOGOUT_URLS (comma-separated, besides loopback URLs),
 * LOCAL_FEATURESTORE_CORS=all (CORS on the SageMaker services too; default: Cognito only, as AWS),
 * LOCAL_FEATURESTORE_REQUIRE_AWS_HOSTS=1 (answer the SageMaker services only as AWS's regional host names).
 * LOCAL_FEATURESTORE_THROTTLE ("N" or "N:BURST": PutRecord and BatchWriteRecord calls per second, every group).
 * LOCAL_FEATURESTORE_LATENCY ("15ms" or "p50=10ms,p99=60ms": every Feature Store runtime answer waits that long).
 * LOCAL_FEATURESTORE_OFFLINE_DELAY (milliseconds Athena holds offline rows back, to show the offline store's lag; default 0).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parseSupportFeatures } from 'featurestore-role-policies';
import { DEFAULT_ACCOUNT_ID, DEFAULT_PORT, DEFAULT_IDENTITY_POOL_ID, DEFAULT_REGION, DEVELOPER_KEY, startLocalFeatureStore } from './server.js';
import { parseUsersFile } from './model/userPool.js';
import { parseThrottleSetting } from './model/throttle.js';
import { describeLatency, parseLatencySetting } from './model/latency.js';

const USAGE = `Usage: local-featurestore [--port N] [--host H] [--data-dir DIR|:memory:] [--empty] [--quiet]
  --empty starts without the demo feature groups and records.
  --port 0 picks a free port; with --port, the first stdout line is JSON: {"endpoint", "region", ...}.
  Every setting also has an environment variable (LOCAL_FEATURESTORE_*): see the package README.`;
const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    quiet: { type: 'boolean' },
    empty: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const env = process.env;
const portText = args.port ?? env.LOCAL_FEATURESTORE_PORT ?? String(DEFAULT_PORT);
const port = Number(portText);
if (!/^[0-9]{1,5}$/.test(portText) || port > 65_535)
  throw new Error(`--port / LOCAL_FEATURESTORE_PORT must be a port number from 0 to 65535, got "${portText}".`);
/** With --port on the command line, stdout is for the JSON line; people read stderr. */
const machineReadable = args.port !== undefined;
const say = machineReadable ? (line: string) => console.error(line) : (line: string) => console.log(line);
const dataDirSetting = args['data-dir'] ?? env.LOCAL_FEATURESTORE_DATA_DIR ?? '.featurestore-data';
const quiet = args.quiet === true || env.LOCAL_FEATURESTORE_QUIET === '1';
const policyFile = env.LOCAL_FEATURESTORE_GUEST_POLICY;
const usersFile = env.LOCAL_FEATURESTORE_USERS;
function tokenLifetime(value: string): number {
  // Cognito allows 5 minutes to 1 day; locally any whole number of seconds from 1 to 86,400.
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400)
    throw new Error('LOCAL_FEATURESTORE_TOKEN_LIFETIME_SECONDS must be a whole number of seconds from 1 to 86400.');
  return seconds;
}
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
const throttleText = env.LOCAL_FEATURESTORE_THROTTLE;
const throttle = throttleText ? parseThrottleSetting(throttleText.split(':')[0] ?? '', throttleText.split(':')[1]) : undefined;
if (typeof throttle === 'string') throw new Error(`LOCAL_FEATURESTORE_THROTTLE: ${throttle}`);
let guestPolicy;
try {
  // The policy simulator is loaded only when a policy is given (see server.ts).
  guestPolicy = policyFile
    ? await (
        await import('./model/permissions.js')
      ).parseGuestPolicy(JSON.parse(fs.readFileSync(policyFile, 'utf8')), { region: DEFAULT_REGION, account: DEFAULT_ACCOUNT_ID })
    : undefined;
} catch (error) {
  console.error(`LOCAL_FEATURESTORE_GUEST_POLICY (${policyFile}): ${(error as Error).message}`);
  process.exit(1);
}
const offlineDelayMs = Number(env.LOCAL_FEATURESTORE_OFFLINE_DELAY ?? 0);
if (!Number.isInteger(offlineDelayMs) || offlineDelayMs < 0)
  throw new Error('LOCAL_FEATURESTORE_OFFLINE_DELAY must be a whole number of milliseconds, 0 or more.');
const latency = env.LOCAL_FEATURESTORE_LATENCY ? parseLatencySetting(env.LOCAL_FEATURESTORE_LATENCY) : undefined;
if (typeof latency === 'string') {
  console.error(`[featurestore] LOCAL_FEATURESTORE_LATENCY: ${latency}`);
  process.exit(2);
}

const store = await startLocalFeatureStore({
  port,
  host: args.host ?? env.LOCAL_FEATURESTORE_HOST ?? '127.0.0.1',
  dataDir: dataDirSetting === ':memory:' ? null : dataDirSetting,
  seed: args.empty !== true,
  createDelayMs: Number(env.LOCAL_FEATURESTORE_CREATE_DELAY_MS ?? 0),
  deleteDelayMs: Number(env.LOCAL_FEATURESTORE_DELETE_DELAY_MS ?? 0),
  allowedOrigins: (env.LOCAL_FEATURESTORE_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
  allowGuests: env.LOCAL_FEATURESTORE_ALLOW_GUESTS !== '0',
  callbackUrls: list(env.LOCAL_FEATURESTORE_CALLBACK_URLS),
  logoutUrls: list(env.LOCAL_FEATURESTORE_LOGOUT_URLS),
  ...(env.LOCAL_FEATURESTORE_TOKEN_LIFETIME_SECONDS ? { tokenLifetimeSeconds: tokenLifetime(env.LOCAL_FEATURESTORE_TOKEN_LIFETIME_SECONDS) } : {}),
  ...(usersFile ? { users: parseUsersFile(JSON.parse(fs.readFileSync(usersFile, 'utf8'))) } : {}),
  corsForAllServices: env.LOCAL_FEATURESTORE_CORS === 'all',
  requireAwsHosts: env.LOCAL_FEATURESTORE_REQUIRE_AWS_HOSTS === '1',
  offlineDelayMs,
  ...(throttle ? { throttle } : {}),
  ...(guestPolicy ? { guestPolicy } : {}),
  ...(env.LOCAL_FEATURESTORE_REFERENCE_GROUPS !== undefined ? { referenceGroups: list(env.LOCAL_FEATURESTORE_REFERENCE_GROUPS) } : {}),
  ...(env.LOCAL_FEATURESTORE_SUPPORT_FEATURES !== undefined ? { supportFeatures: parseSupportFeatures(env.LOCAL_FEATURESTORE_SUPPORT_FEATURES) } : {}),
  ...(latency ? { latency } : {}),
  // Quiet: no log function at all, so the store does not even build the lines.
  ...(quiet ? {} : { log: (line: string) => say(`[featurestore] ${line}`) }),
});

if (machineReadable) {
  console.log(
    JSON.stringify({
      endpoint: store.url,
      region: DEFAULT_REGION,
      accessKeyId: DEVELOPER_KEY.accessKeyId,
      secretAccessKey: DEVELOPER_KEY.secretAccessKey,
      identityPoolId: DEFAULT_IDENTITY_POOL_ID,
      userPoolId: store.userPool.poolId,
      appClientId: store.userPool.options.clients[0]?.clientId,
    }),
  );
}
say(`[featurestore] Local Feature Store on ${store.url} (data: ${dataDirSetting})${latency ? `; runtime answers delayed ${describeLatency(latency)}` : ''}`);
say(`[featurestore] Identity pool ${DEFAULT_IDENTITY_POOL_ID}; developer key ${DEVELOPER_KEY.accessKeyId} / ${DEVELOPER_KEY.secretAccessKey}`);
say(
  `[featurestore] User pool ${store.userPool.issuer}, app client ${store.userPool.options.clients[0]?.clientId ?? '-'}${usersFile ? ` (users from ${usersFile})` : ' (demo users)'}`,
);

function shutdown(): void {
  void store.close().then(() => process.exit(0));
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
