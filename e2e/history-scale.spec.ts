/**
 * The history page with 100,000 entries, stored in the page's real IndexedDB in the
 * storage module's schema: paged reads, filter by group/operation/outcome, a streamed
 * export of exactly what is shown, and "Clear" while filtered removing only what is
 * shown, after asking. Timings are logged as annotations, never asserted.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { FEATURE_STORE_PORT } from '../playwright.config';
import { fillIdentity, openGroup } from './support';

const ENTRIES = 100_000;
const GROUPS = 10;

test('history: 100,000 entries page, filter, export and clear what is shown', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/history');
  await expect(page.getByText('No writes or deletes yet')).toBeVisible();

  const seeded = await page.evaluate(
    async ({ entries, groups, environment }) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const request = indexedDB.open('featurestore-console');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const operations = ['PutRecord', 'UpdateRecord', 'DeleteRecord'];
      const started = performance.now();
      let size = 0;
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['history', 'meta'], 'readwrite');
        const store = tx.objectStore('history');
        for (let i = 0; i < entries; i += 1) {
          const entry = {
            at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
            environment,
            user: 'guest',
            featureGroup: `g-${i % groups}`,
            recordId: `R-${i}`,
            operation: operations[i % 3],
            targetStores: ['OnlineStore'],
            outcome: i % 7 === 0 ? 'error' : 'success',
            requestId: `req-${i}`,
            request: { FeatureGroupName: `g-${i % groups}`, Record: [{ FeatureName: 'id', ValueAsString: `R-${i}` }] },
          };
          const rowSize = JSON.stringify(entry).length;
          size += rowSize;
          store.add({
            scope: `${environment}\u0000guest`,
            featureGroup: entry.featureGroup,
            operation: entry.operation,
            outcome: entry.outcome,
            size: rowSize,
            entry,
          });
        }
        tx.objectStore('meta').put({ count: entries, size }, 'history-stats');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return { ms: Math.round(performance.now() - started), size };
    },
    { entries: ENTRIES, groups: GROUPS, environment: `us-east-1|http://127.0.0.1:${FEATURE_STORE_PORT}` },
  );
  test.info().annotations.push({ type: 'seed 100,000 entries (ms)', description: String(seeded.ms) });

  // The cost of one append at 100,000 entries, in the transaction shape appendHistory uses
  // (read the running stats, add one row, look at the oldest row for eviction, write the stats).
  const appendMs = await page.evaluate(async (environment) => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('featurestore-console');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rounds = 200;
    const started = performance.now();
    for (let i = 0; i < rounds; i += 1) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['history', 'meta'], 'readwrite');
        const stats = tx.objectStore('meta').get('history-stats');
        stats.onsuccess = () => {
          const entry = {
            at: new Date().toISOString(),
            environment,
            user: 'guest',
            featureGroup: 'bench',
            recordId: `B-${i}`,
            operation: 'PutRecord',
            targetStores: [],
            outcome: 'success',
            request: {},
          };
          tx.objectStore('history').add({
            scope: `${environment}\u0000guest`,
            featureGroup: 'bench',
            operation: 'PutRecord',
            outcome: 'success',
            size: 200,
            entry,
          });
          tx.objectStore('history').openCursor().onsuccess = () => {
            tx.objectStore('meta').put(stats.result, 'history-stats');
          };
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    // Take them out again so the counts below stay exact.
    await new Promise<void>((resolve) => {
      const tx = db.transaction('history', 'readwrite');
      const index = tx.objectStore('history').index('byGroup');
      index.openCursor(IDBKeyRange.bound([`${environment}\u0000guest`, 'bench'], [`${environment}\u0000guest`, 'bench', []])).onsuccess = (event) => {
        const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
        if (cursor) {
          cursor.delete();
          cursor.continue();
        }
      };
      tx.oncomplete = () => resolve();
    });
    db.close();
    return (performance.now() - started) / rounds;
  }, `us-east-1|http://127.0.0.1:${FEATURE_STORE_PORT}`);
  test.info().annotations.push({ type: 'one append at 100,000 entries, incl. a 200-row cleanup (ms, mean)', description: appendMs.toFixed(2) });

  let started = Date.now();
  await page.reload();
  await expect(page.getByTestId('history-range')).toHaveText(/Entries 1–100 of 100,000, newest first\./, { timeout: 30_000 });
  test.info().annotations.push({ type: 'history page load with 100,000 entries (ms)', description: String(Date.now() - started) });
  await expect(page.getByTestId('history-entry')).toHaveCount(100);
  await expect(page.getByTestId('history-entry').first()).toContainText('R-99999');

  started = Date.now();
  await page.getByRole('button', { name: 'Older' }).click();
  await expect(page.getByTestId('history-range')).toHaveText(/Entries 101–200 of 100,000/);
  await expect(page.getByTestId('history-entry').first()).toContainText('R-99899');
  test.info().annotations.push({ type: 'next page (ms)', description: String(Date.now() - started) });
  await page.getByRole('button', { name: 'Newer' }).click();
  await expect(page.getByTestId('history-entry').first()).toContainText('R-99999');

  // Export everything: 100,000 lines, oldest first.
  started = Date.now();
  const everything = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON Lines' }).click();
  const all = readFileSync(await (await everything).path(), 'utf8')
    .trimEnd()
    .split('\n');
  test.info().annotations.push({ type: 'export all 100,000 entries (ms)', description: String(Date.now() - started) });
  expect(all).toHaveLength(ENTRIES);
  expect((JSON.parse(all[0] ?? '{}') as { recordId: string }).recordId).toBe('R-0');
  await expect(page.getByTestId('history-notice')).toHaveText('Exported 100,000 entries.');

  // A real write at the count cap: recorded, and the oldest entry makes room.
  const id = `cap-${Date.now()}`;
  await openGroup(page, 'customers');
  await fillIdentity(page, 'customer_id', id);
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(id);
  await expect(page.getByTestId('history-warning')).toHaveCount(0);
  await page.goto('/history');
  await expect(page.getByTestId('history-range')).toHaveText(/of 100,000, newest first/, { timeout: 30_000 });
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

  // Filter: one group, then also by outcome.
  await page.getByLabel('Feature group').selectOption('g-3');
  await expect(page.getByTestId('history-range')).toHaveText(/of 10,000 \(group g-3\)/);
  await page.getByLabel('Outcome').selectOption('error');
  await expect(page.getByTestId('history-range')).toHaveText(/of 1,428 \(group g-3, error\)/);
  await page.getByLabel('Outcome').selectOption('');

  // Export streams exactly what is shown.
  started = Date.now();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON Lines' }).click();
  const lines = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\n');
  test.info().annotations.push({ type: 'export 10,000 filtered entries (ms)', description: String(Date.now() - started) });
  expect(lines).toHaveLength(10_000);
  expect(new Set(lines.map((line) => (JSON.parse(line) as { featureGroup: string }).featureGroup))).toEqual(new Set(['g-3']));

  // Two dialogs on the page, two ids.
  const labels = await page.locator('dialog').evaluateAll((dialogs) => dialogs.map((dialog) => dialog.getAttribute('aria-labelledby')));
  expect(labels).toHaveLength(2);
  expect(new Set(labels).size).toBe(2);

  // Clear while filtered: asks, names what goes, removes only that.
  await page.getByRole('button', { name: 'Clear shown entries' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('removes the 10,000 entries shown (group g-3) from this browser; other entries stay');
  started = Date.now();
  await dialog.getByRole('button', { name: 'Clear shown entries' }).click();
  // Deleting 10,000 rows takes seconds; a slow CI machine may take several times longer.
  await expect(page.getByTestId('history-notice')).toHaveText('Removed 10,000 entries (group g-3).', { timeout: 90_000 });
  test.info().annotations.push({ type: 'clear 10,000 filtered entries (ms)', description: String(Date.now() - started) });
  await expect(page.getByText('No writes or deletes yet for group g-3')).toBeVisible();
  await page.getByLabel('Feature group').selectOption('');
  await expect(page.getByTestId('history-range')).toHaveText(/of 90,000, newest first/);
  for (const annotation of test.info().annotations) console.log(`${annotation.type}: ${annotation.description}`);
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
