/**
 * `npm run local-featurestore`: the local Feature Store alone.
 * Environment: LOCAL_FEATURESTORE_PORT (4566), LOCAL_FEATURESTORE_HOST (127.0.0.1),
 * LOCAL_FEATURESTORE_DATA_DIR (.featurestore-data; ":memory:" for none),
 * LOCAL_FEATURESTORE_GUEST_POLICY (a JSON file with the guest's permissions),
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
 */
import fs from 'node:fs';
import { DEFAULT_PORT, DEFAULT_IDENTITY_POOL_ID, DEVELOPER_KEY, startLocalFeatureStore } from './server';
import { parseGuestPolicy } from './model/permissions';
import { parseUsersFile } from './model/userPool';
import { parseThrottleSetting } from './model/throttle';
import { describeLatency, parseLatencySetting } from './model/latency';

const env = process.env;
const port = Number(env.LOCAL_FEATURESTORE_PORT ?? DEFAULT_PORT);
const dataDirSetting = env.LOCAL_FEATURESTORE_DATA_DIR ?? '.featurestore-data';
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
const latency = env.LOCAL_FEATURESTORE_LATENCY ? parseLatencySetting(env.LOCAL_FEATURESTORE_LATENCY) : undefined;
if (typeof latency === 'string') {
  console.error(`[featurestore] LOCAL_FEATURESTORE_LATENCY: ${latency}`);
  process.exit(2);
}

const store = await startLocalFeatureStore({
  port,
  host: env.LOCAL_FEATURESTORE_HOST ?? '127.0.0.1',
  dataDir: dataDirSetting === ':memory:' ? null : dataDirSetting,
  seed: true,
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
  ...(throttle ? { throttle } : {}),
  ...(latency ? { latency } : {}),
  ...(policyFile ? { guestPolicy: parseGuestPolicy(JSON.parse(fs.readFileSync(policyFile, 'utf8'))) } : {}),
  log: env.LOCAL_FEATURESTORE_QUIET === '1' ? () => {} : (line) => console.log(`[featurestore] ${line}`),
});

console.log(
  `[featurestore] Local Feature Store on ${store.url} (data: ${dataDirSetting})${latency ? `; runtime answers delayed ${describeLatency(latency)}` : ''}`,
);
console.log(`[featurestore] Identity pool ${DEFAULT_IDENTITY_POOL_ID}; developer key ${DEVELOPER_KEY.accessKeyId} / ${DEVELOPER_KEY.secretAccessKey}`);
console.log(
  `[featurestore] User pool ${store.userPool.issuer}, app client ${store.userPool.options.clients[0]?.clientId ?? '-'}${usersFile ? ` (users from ${usersFile})` : ' (demo users)'}`,
);

function shutdown(): void {
  void store.close().then(() => process.exit(0));
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
