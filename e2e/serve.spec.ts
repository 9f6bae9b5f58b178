/**
 * `npm run serve` (server/serve.ts), started as a self-hosting user starts it: the built console
 * with the server's own CSP and security headers and its same-origin relay, pointed (by
 * config.json) at its own local Feature Store. A handful of user paths, each through that server.
 */
import { expect, test, type Page } from '@playwright/test';
import { GetRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { SERVE_CONSOLE_PORT, SERVE_FEATURE_STORE_PORT } from '../playwright.config';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';
import { RELAY_PREFIXES } from '../src/aws/relay';
import { field, fillIdentity, importTwoCustomers, openGroup, expectSoftDeleteRefused, putCustomer, uniqueId, valueOf, watchViolations } from './support';

const storeUrl = `http://127.0.0.1:${SERVE_FEATURE_STORE_PORT}`;
const consoleUrl = `http://127.0.0.1:${SERVE_CONSOLE_PORT}`;
// Checks as an operator makes them: the developer key, straight to the store.
const runtime = new SageMakerFeatureStoreRuntimeClient({ region: 'us-east-1', endpoint: storeUrl, credentials: DEVELOPER_KEY, maxAttempts: 3 });
const getRecord = (id: string) => runtime.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: id }));

// Each test signs in through the managed login: more steps than most, so more room on a slow machine.
test.describe.configure({ timeout: 120_000 });

const WRITER = { username: 'writer@example.com', password: 'Writer-demo-1', role: 'Writer' };
const READER = { username: 'reader@example.com', password: 'Reader-demo-1', role: 'Reader' };

async function signIn(page: Page, user: typeof WRITER): Promise<void> {
  await page.getByTestId('account').getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${storeUrl}/oauth2/authorize`));
  await page.getByLabel('Email or username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('account-role')).toHaveText(user.role);
}

test('the served headers are the ones the README promises', async ({ request }) => {
  const index = await request.get('/');
  const headers = index.headers();
  const csp = headers['content-security-policy'] ?? '';
  for (const directive of [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types import-worker',
  ]) {
    expect(csp).toContain(directive);
  }
  // config.json's endpoints and the managed login: the only cross-origin connections besides AWS's Cognito and Athena.
  expect(csp).toMatch(new RegExp(`connect-src 'self' [^;]*${storeUrl.replace(/[.]/g, '\\.')}`));
  expect(csp).toContain(`form-action 'self' ${storeUrl}`);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  // Plain HTTP without HTTPS_PROXIED: no HSTS.
  expect(headers['strict-transport-security']).toBeUndefined();
  // index.html and config.json never cached; hashed assets for a year; no source maps.
  expect(headers['cache-control']).toBe('no-store');
  expect((await request.get('/config.json')).headers()['cache-control']).toBe('no-store');
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1] ?? '';
  expect(script).not.toBe('');
  expect((await request.get(script)).headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect((await request.get(`${script}.map`)).status()).toBe(404);
  // A deep link is the single-page app; an unknown asset is a 404, not the page.
  const deep = await request.get('/groups/customers/record?id=x');
  expect(deep.status()).toBe(200);
  expect(deep.headers()['content-type']).toContain('text/html');
  expect((await request.get('/assets/missing.js')).status()).toBe(404);
  // The relay sends the security headers too, and forwards only the console's operations.
  const refused = await request.post(`${RELAY_PREFIXES.sagemaker}/`, { headers: { 'X-Amz-Target': 'SageMaker.DeleteFeatureGroup' }, data: '{}' });
  expect(refused.status()).toBe(404);
  expect(await refused.text()).toContain('RelayOperationNotAllowed');
  expect(refused.headers()['x-content-type-options']).toBe('nosniff');
});

test('a writer signs in, writes through the relay, reloads a deep link and imports, with zero CSP violations', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto('/');
  await expect(page.getByTestId('account')).toContainText('Guest');
  await signIn(page, WRITER);
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${consoleUrl}/aws/`) && request.method() === 'PUT') sent.push(request.url());
  });
  const id = uniqueId('SRV');
  await openGroup(page, 'customers');
  await expect(page.getByTestId('relay')).toHaveText('via relay');
  await fillIdentity(page, 'customer_id', id);
  await field(page, 'segment').fill('self-hosted');
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);
  await page.screenshot({ path: test.info().outputPath('serve-written.png'), fullPage: true });
  expect(sent).toEqual([`${consoleUrl}${RELAY_PREFIXES.featureStoreRuntime}/FeatureGroup/customers`]);
  expect(valueOf((await getRecord(id)).Record, 'segment')).toBe('self-hosted');
  // A deep link, loaded in full and reloaded: the record's page, still signed in.
  await page.goto(`/groups/customers/record?id=${encodeURIComponent(id)}`);
  await expect(page.getByRole('heading', { name: `Record ${id}` })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: `Record ${id}` })).toBeVisible();
  await expect(page.getByTestId('account-role')).toHaveText('Writer');
  await expect(page.getByText('self-hosted').first()).toBeVisible();
  const ids = await importTwoCustomers(page, test.info(), 'SRVI', 'imported');
  for (const imported of ids) expect(valueOf((await getRecord(imported)).Record, 'segment')).toBe('imported');
  expect(violations).toEqual([]);
});

test("a reader is told up front; a guest's delete is refused by AWS through the relay and shown in words", async ({ page }) => {
  const id = uniqueId('SRVR');
  await putCustomer(runtime, id, 'kept');
  await page.goto(`/groups/customers/record?id=${encodeURIComponent(id)}`);
  await signIn(page, READER);
  // config.json's roles: a reader sees Delete disabled, with the reason, before trying.
  await expect(page.getByRole('button', { name: 'Delete…' })).toBeDisabled();
  await expect(page.getByTestId('delete-access')).toContainText('You may not delete records here.');
  // A guest has no capabilities in config.json, so AWS decides: this store's guest policy denies DeleteRecord.
  await page.getByTestId('account').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('account')).toContainText('Guest');
  await expect(page.getByTestId('account').getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Record ${id}` })).toBeVisible();
  await expectSoftDeleteRefused(page);
  await page.screenshot({ path: test.info().outputPath('serve-refused.png'), fullPage: true });
  expect(valueOf((await getRecord(id)).Record, 'segment')).toBe('kept');
});
