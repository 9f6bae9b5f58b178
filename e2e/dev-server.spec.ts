/**
 * The development server, started as `npm start` starts it (scripts/start.ts: the Vite dev
 * server, React StrictMode, and its own local Feature Store, in memory, on the e2e ports):
 * a smoke of what a developer does first. The rest of the suite runs on the production build.
 */
import { expect, test, type Page } from '@playwright/test';
import { GetRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { DEV_CONSOLE_PORT, DEV_FEATURE_STORE_PORT } from '../playwright.config';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';
import { RELAY_PREFIXES } from '../src/aws/relay';
import { field, fillIdentity, importTwoCustomers, openGroup, uniqueId } from './support';

const storeUrl = `http://127.0.0.1:${DEV_FEATURE_STORE_PORT}`;
const runtime = new SageMakerFeatureStoreRuntimeClient({ region: 'us-east-1', endpoint: storeUrl, credentials: DEVELOPER_KEY, maxAttempts: 3 });
const relayed = Object.values(RELAY_PREFIXES).map((prefix) => `http://localhost:${DEV_CONSOLE_PORT}${prefix}/`);

async function storedValue(id: string, feature: string): Promise<string | undefined> {
  const { Record } = await runtime.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: id }));
  return Record?.find((value) => value.FeatureName === feature)?.ValueAsString;
}

/** The write calls the page sends through the dev server's relay. */
function watchWrites(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (!relayed.some((prefix) => request.url().startsWith(prefix))) return;
    if (request.method() === 'PUT') sent.push('PutRecord');
    else if (request.url().endsWith('/BatchWriteRecord')) sent.push('BatchWriteRecord');
  });
  return sent;
}

async function signIn(page: Page, username: string, password: string, role: string): Promise<void> {
  await page.getByTestId('account').getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${storeUrl}/oauth2/authorize`));
  await page.getByLabel('Email or username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('account-name')).toHaveText(username);
  await expect(page.getByTestId('account-role')).toHaveText(role);
}

test('npm start: a record is written once and stored as the screen says', async ({ page }) => {
  const sent = watchWrites(page);
  const id = uniqueId('DEV');
  await openGroup(page, 'customers');
  await fillIdentity(page, 'customer_id', id);
  await field(page, 'segment').fill('dev-server');
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);
  expect(await storedValue(id, 'segment')).toBe('dev-server');
  // StrictMode mounts effects twice in development: still one request.
  expect(sent).toEqual(['PutRecord']);
  await page.screenshot({ path: test.info().outputPath('dev-server-write.png') });
});

// Issue 15 item 1: under StrictMode (mount, unmount, mount) the import was cancelled at once
// ("Import cancelled … 0 rows written (rows none). 2 rows not sent.", no request sent).
test('npm start: an imported file is written', async ({ page }) => {
  const sent = watchWrites(page);
  const ids = await importTwoCustomers(page, test.info(), 'DEVI', 'imported');
  await page.screenshot({ path: test.info().outputPath('dev-server-import.png'), fullPage: true });
  for (const id of ids) expect(await storedValue(id, 'segment')).toBe('imported');
  expect(sent).toEqual(['BatchWriteRecord']);
});

test('npm start: sign in and out with the local user pool', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('account')).toContainText('Guest');
  await signIn(page, 'writer@example.com', 'Writer-demo-1', 'Writer');
  await page.screenshot({ path: test.info().outputPath('dev-server-signed-in.png'), clip: { x: 0, y: 0, width: 1280, height: 120 } });
  // A reload resumes the sign-in through the managed login (StrictMode starts the page's effects twice).
  await page.reload();
  await expect(page.getByTestId('account-name')).toHaveText('writer@example.com');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('account')).toContainText('Guest');
  await expect(page.getByTestId('account').getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('npm start: a reader is told up front the form is read-only, and nothing can be written', async ({ page }) => {
  await page.goto('/groups/customers');
  await signIn(page, 'reader@example.com', 'Reader-demo-1', 'Reader');
  await expect(page.getByText('Read-only: your role (Reader) may read records of customers but not write them.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Write record' })).toBeDisabled();
  await expect(field(page, 'segment')).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath('dev-server-read-only.png') });
});
