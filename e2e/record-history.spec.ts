/**
 * A record's history from the offline store, through Athena (the local Feature Store's,
 * over real HTTP with real SigV4): every version, the changes, a comparison, an as-of
 * view, and a restore through the record editor, read back from the online store.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  HOUR,
  expectFourVersionsCompared,
  expectNoSeriousA11yViolations,
  featureStoreUrl,
  getRecord,
  runtime,
  uniqueId,
  valueOf,
  writeFourVersions,
} from './support';

async function showHistory(page: Page, id: string): Promise<void> {
  await page.goto(`/groups/customers/record/history?${new URLSearchParams({ id }).toString()}`);
  await expect(page.getByTestId('offline-lag-note')).toContainText('within about 15 minutes');
  await page.getByRole('button', { name: 'Show history' }).click();
}

test('the history shows every version with its changes, compares two, shows the record as of a time, and restores one', async ({ page }) => {
  // Several Athena queries and a write in one story: three times the usual time limit.
  test.slow();
  const id = uniqueId('H');
  const start = Date.now();
  await writeFourVersions(runtime, id, start);
  await showHistory(page, id);

  await expect(page.getByTestId('version-count')).toHaveText('4 versions, newest first');
  const versions = await expectFourVersionsCompared(page);

  // As of between the first and second writes: the first version.
  const asOf = new Date(start - 2.5 * HOUR).toISOString().slice(0, 19);
  await page.getByLabel('The record as of (UTC)').fill(asOf);
  await page.getByRole('button', { name: 'Show as of' }).click();
  await expect(page.getByTestId('as-of-result')).toContainText(new Date(start - 3 * HOUR).toISOString());
  await expect(page.getByTestId('as-of-result').locator('tr', { hasText: 'segment' })).toContainText('consumer');

  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('record-history.png'), fullPage: true });

  // Restore the "smb" version: the editor, prefilled, event time now; written and read back.
  await versions.nth(2).getByRole('button', { name: 'Restore this version…' }).click();
  await expect(page.getByTestId('restore-note')).toContainText('Restoring the version with event time');
  await expect(page.getByLabel('segment', { exact: true })).toHaveValue('smb');
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);
  const restored = (await getRecord('customers', id)).Record;
  expect(valueOf(restored, 'segment')).toBe('smb');
  expect(Date.parse(String(valueOf(restored, 'event_time')))).toBeGreaterThanOrEqual(start - 60_000);

  // The history now has the restored version on top.
  await showHistory(page, id);
  await expect(page.getByTestId('version-count')).toHaveText('5 versions, newest first');
  await expect(versions.nth(0)).toContainText('smb');
});

test('an InMemory group says why it has no history', async ({ page }) => {
  await page.goto(`/groups/product-embeddings/record/history?id=x`);
  await expect(page.getByTestId('no-history')).toContainText('InMemory online store, which cannot have an offline store');
});

test('a reader sees the history', async ({ page }) => {
  const id = uniqueId('HR');
  await writeFourVersions(runtime, id, Date.now());
  await page.goto('/');
  await page.getByTestId('account').getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${featureStoreUrl}/oauth2/authorize`));
  await page.getByLabel('Email or username').fill('reader@example.com');
  await page.getByLabel('Password').fill('Reader-demo-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('account-role')).toHaveText('Reader');
  await page.goto(`/groups/customers/record?${new URLSearchParams({ id }).toString()}`);
  await page.getByRole('link', { name: 'Versions (offline store)' }).click();
  await page.getByRole('button', { name: 'Show history' }).click();
  await expect(page.getByTestId('version-count')).toHaveText('4 versions, newest first');
  await expect(page.getByTestId('account-role')).toHaveText('Reader');
});
