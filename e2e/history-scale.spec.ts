/**
 * The history page with many entries, stored in the page's real IndexedDB in the storage
 * module's schema: paged reads, filter by group/operation/outcome, a streamed export of
 * exactly what is shown, "Clear" while filtered removing only what is shown, after asking,
 * and eviction at the count cap. Correctness at 1,000 entries, which passes on a machine
 * three times slower; the same steps at 100,000 entries are measured by `npm run bench`
 * (bench/history.ts, bench/results/history.md), never here.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { seedHistory } from '../bench/history';
import { FEATURE_STORE_PORT } from '../playwright.config';
import { MAX_HISTORY_ENTRIES } from '../src/storage/history';
import { fillIdentity, openGroup } from './support';

const ENTRIES = 1_000;

test('history: 1,000 entries page, filter, export, evict at the cap and clear what is shown', async ({ page }) => {
  // Many steps, each bounded by count: the limit only stops a hang on a slow, shared machine.
  test.setTimeout(120_000);
  await page.goto('/history');
  await expect(page.getByText('No writes or deletes yet')).toBeVisible();
  // 1,000 rows, 10 groups; the running stats say the store is at its count cap, so the next
  // write evicts the oldest row through the real eviction path.
  await seedHistory(page, ENTRIES, `us-east-1|http://127.0.0.1:${FEATURE_STORE_PORT}`, { count: MAX_HISTORY_ENTRIES });

  await page.reload();
  await expect(page.getByTestId('history-range')).toHaveText(/Entries 1–100 of 1,000, newest first\./);
  await expect(page.getByTestId('history-entry')).toHaveCount(100);
  await expect(page.getByTestId('history-entry').first()).toContainText('R-999');
  await page.getByRole('button', { name: 'Older' }).click();
  await expect(page.getByTestId('history-range')).toHaveText(/Entries 101–200 of 1,000/);
  await expect(page.getByTestId('history-entry').first()).toContainText('R-899');
  await page.getByRole('button', { name: 'Newer' }).click();
  await expect(page.getByTestId('history-entry').first()).toContainText('R-999');

  // Export everything: 1,000 lines, oldest first.
  const everything = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON Lines' }).click();
  const all = readFileSync(await (await everything).path(), 'utf8')
    .trimEnd()
    .split('\n');
  expect(all).toHaveLength(ENTRIES);
  expect((JSON.parse(all[0] ?? '{}') as { recordId: string }).recordId).toBe('R-0');
  await expect(page.getByTestId('history-notice')).toHaveText('Exported 1,000 entries.');

  // A real write at the count cap: recorded, and the oldest entry makes room.
  const id = `cap-${Date.now()}`;
  await openGroup(page, 'customers');
  await fillIdentity(page, 'customer_id', id);
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(id);
  await expect(page.getByTestId('history-warning')).toHaveCount(0);
  await page.goto('/history');
  await expect(page.getByTestId('history-range')).toHaveText(/of 1,000, newest first/);
  await expect(page.getByTestId('history-entry').first()).toContainText(id);
  const oldest = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const request = indexedDB.open('featurestore-console');
        request.onsuccess = () => {
          const cursor = request.result.transaction('history').objectStore('history').openCursor();
          cursor.onsuccess = () => resolve((cursor.result?.value as { entry: { recordId: string } }).entry.recordId);
        };
      }),
  );
  expect(oldest).toBe('R-1');

  // Filter: one group, then also by outcome (i ≡ 3 mod 10 and i ≡ 0 mod 7: 63, 133, … 973).
  await page.getByLabel('Feature group').selectOption('g-3');
  await expect(page.getByTestId('history-range')).toHaveText(/of 100 \(group g-3\)/);
  await page.getByLabel('Outcome').selectOption('error');
  await expect(page.getByTestId('history-range')).toHaveText(/of 14 \(group g-3, error\)/);
  await page.getByLabel('Outcome').selectOption('');

  // Export streams exactly what is shown.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON Lines' }).click();
  const lines = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\n');
  expect(lines).toHaveLength(100);
  expect(new Set(lines.map((line) => (JSON.parse(line) as { featureGroup: string }).featureGroup))).toEqual(new Set(['g-3']));

  // Two dialogs on the page, two ids.
  const labels = await page.locator('dialog').evaluateAll((dialogs) => dialogs.map((dialog) => dialog.getAttribute('aria-labelledby')));
  expect(labels).toHaveLength(2);
  expect(new Set(labels).size).toBe(2);

  // Clear while filtered: asks, names what goes, removes only that.
  await page.getByRole('button', { name: 'Clear shown entries' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('removes the 100 entries shown (group g-3) from this browser; other entries stay');
  await dialog.getByRole('button', { name: 'Clear shown entries' }).click();
  await expect(page.getByTestId('history-notice')).toHaveText('Removed 100 entries (group g-3).');
  await expect(page.getByText('No writes or deletes yet for group g-3')).toBeVisible();
  await page.getByLabel('Feature group').selectOption('');
  await expect(page.getByTestId('history-range')).toHaveText(/of 900, newest first/);
});

test('history rows are scoped by environment and user, and damaged rows are skipped and reported', async ({ page }) => {
  await page.goto('/history');
  await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
  const environment = `us-east-1|http://127.0.0.1:${FEATURE_STORE_PORT}`;
  const group = `scoped-${Date.now()}`;
  await page.evaluate(
    async ({ environment, group }) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const request = indexedDB.open('featurestore-console');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const entry = (user: string, env: string, recordId: string) => ({
        at: new Date().toISOString(),
        environment: env,
        user,
        featureGroup: group,
        recordId,
        operation: 'PutRecord',
        targetStores: [],
        outcome: 'success',
        request: {},
      });
      const row = (user: string, env: string, value: unknown) => ({
        scope: `${env}\u0000${user}`,
        featureGroup: group,
        operation: 'PutRecord',
        outcome: 'success',
        size: 100,
        entry: value,
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('history', 'readwrite');
        const store = tx.objectStore('history');
        store.add(row('alice', environment, entry('alice', environment, 'alice-record')));
        store.add(row('guest', 'eu-west-1|aws', entry('guest', 'eu-west-1|aws', 'other-environment-record')));
        store.add(row('guest', environment, entry('guest', environment, 'guest-record')));
        store.add(row('guest', environment, { recordId: 'damaged', operation: 'DropTable' }));
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { environment, group },
  );
  await page.reload();
  await page.getByLabel('Feature group').selectOption(group);
  await expect(page.getByTestId('history-entry')).toHaveCount(1);
  await expect(page.getByTestId('history-entry')).toContainText('guest-record');
  await expect(page.getByTestId('history-range')).toContainText('1 damaged entries on this page could not be read and are not shown.');
});
