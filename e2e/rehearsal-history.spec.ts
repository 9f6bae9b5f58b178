/**
 * A record's history through the deploy rehearsal: the deploy synthesized with an offline
 * store (its Athena workgroup, its roles' history grants, config.json's athena.workGroup),
 * the console's Athena calls going straight to the local store standing in for Athena's
 * endpoint, under the template's CSP. Athena's stand-in is an origin of its own, so a
 * connect-src without Athena's origin blocks the queries and fails this test.
 */
import { expect, test, type Page } from '@playwright/test';
import { REHEARSAL_FEATURE_STORE_PORT } from '../playwright.config';
import { HOUR, expectFourVersionsCompared, uniqueId, valueOf, watchViolations, writeFourVersions } from './support';
import { READER, WRITER, getRehearsedRecord, rehearsalRuntime, signInThroughManagedLogin } from './rehearsalSupport';

test.describe.configure({ timeout: 180_000 });

/** Where the rehearsal answers Athena: the local store's port under the name localhost (deploy/rehearsal/rehearsal.ts). */
const athenaStandIn = `http://localhost:${REHEARSAL_FEATURE_STORE_PORT}`;

/** The history page and its four versions, the query run by the browser through Athena's stand-in. */
async function showFourVersions(page: Page, id: string): Promise<void> {
  const athenaCalls: string[] = [];
  page.on('requestfinished', (request) => {
    if (request.url().startsWith(athenaStandIn)) athenaCalls.push(request.headers()['x-amz-target'] ?? '');
  });
  await page.goto(`/groups/customers/record/history?${new URLSearchParams({ id }).toString()}`);
  await expect(page.getByTestId('offline-lag-note')).toContainText('within about 15 minutes');
  await page.getByRole('button', { name: 'Show history' }).click();
  await expect(page.getByTestId('version-count')).toHaveText('4 versions, newest first');
  expect(athenaCalls).toContain('AmazonAthena.StartQueryExecution');
}

test("a writer sees four versions, compares two, views the record as of a time and restores one, under the deploy's CSP", async ({ page }) => {
  const violations = await watchViolations(page);
  const id = uniqueId('RHH');
  const start = Date.now();
  await writeFourVersions(rehearsalRuntime, id, start);
  const document = page.waitForResponse((response) => response.url().endsWith('/') && response.request().resourceType() === 'document');
  await signInThroughManagedLogin(page, WRITER);
  // The template's policy, with Athena's origin swapped for its stand-in (and so the only entry that lets the queries through).
  const policy = (await document).headers()['content-security-policy'] ?? '';
  const connectSrc = policy.match(/connect-src ([^;]+)/)?.[1]?.split(' ') ?? [];
  expect(connectSrc).toContain(athenaStandIn);
  expect(connectSrc).not.toContain('https://athena.us-east-1.amazonaws.com');

  await showFourVersions(page, id);
  const versions = await expectFourVersionsCompared(page);

  await page.getByLabel('The record as of (UTC)').fill(new Date(start - 2.5 * HOUR).toISOString().slice(0, 19));
  await page.getByRole('button', { name: 'Show as of' }).click();
  await expect(page.getByTestId('as-of-result')).toContainText(new Date(start - 3 * HOUR).toISOString());
  await expect(page.getByTestId('as-of-result').locator('tr', { hasText: 'segment' })).toContainText('consumer');
  await page.screenshot({ path: test.info().outputPath('rehearsal-history.png'), fullPage: true });

  // Restore "smb": the editor, prefilled, event time now; written through the relay and read back.
  await versions.nth(2).getByRole('button', { name: 'Restore this version…' }).click();
  await expect(page.getByTestId('restore-note')).toContainText('Restoring the version with event time');
  await expect(page.getByLabel('segment', { exact: true })).toHaveValue('smb');
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);
  const restored = (await getRehearsedRecord('customers', id)).Record;
  expect(valueOf(restored, 'segment')).toBe('smb');
  expect(Date.parse(String(valueOf(restored, 'event_time')))).toBeGreaterThanOrEqual(start - 60_000);
  expect(violations).toEqual([]);
});

test('a reader sees the history but cannot restore: the editor is read-only up front and nothing is written', async ({ page }) => {
  const violations = await watchViolations(page);
  const id = uniqueId('RHR');
  await writeFourVersions(rehearsalRuntime, id, Date.now());
  await signInThroughManagedLogin(page, READER);
  await showFourVersions(page, id);
  await page.getByTestId('version').nth(1).getByRole('button', { name: 'Restore this version…' }).click();
  await expect(page.getByText('Read-only: your role (Reader) may read records of customers but not write them.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Write record' })).toBeDisabled();
  // Still soft deleted: the reader's visit wrote nothing.
  expect((await getRehearsedRecord('customers', id)).Record).toBeUndefined();
  expect(violations).toEqual([]);
});
