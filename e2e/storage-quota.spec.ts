/**
 * Browser storage at its quota: a write's outcome is still what AWS answered, and a
 * draft that could not be saved says so. The quota is real: Chromium's own
 * (Storage.overrideQuotaForOrigin over CDP makes it small), filled with incompressible
 * bytes until IndexedDB refuses with QuotaExceededError.
 */
import { expect, test, type Page } from '@playwright/test';
import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { createGroup, field, fillIdentity, getRecord, openGroup, runtime, uniqueId, valueOf } from './support';

const QUOTA_BYTES = 8 * 1024 * 1024;

/** Makes the console origin's quota small; before the page first touches storage. */
async function shrinkQuota(page: Page, baseURL: string | undefined): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL ?? '').origin, quotaSize: QUOTA_BYTES });
}

/**
 * Fills the origin's storage until IndexedDB refuses, then locks the quota below what is
 * used: the browser may compact its files afterwards and free a little room, and a
 * write that then fits would make the test depend on timing. Resolves to the bytes written.
 */
async function fillStorageToQuota(page: Page): Promise<number> {
  const written = await fillUntilRefused(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 1 });
  return written;
}

async function fillUntilRefused(page: Page): Promise<number> {
  return page.evaluate(async (limit) => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('quota-filler', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('blobs', { autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const put = (bytes: Uint8Array) =>
      new Promise<boolean>((resolve) => {
        const tx = db.transaction('blobs', 'readwrite');
        tx.objectStore('blobs').add(bytes);
        tx.oncomplete = () => resolve(true);
        tx.onabort = () => resolve(false);
      });
    const chunk = (size: number) => {
      const bytes = new Uint8Array(size);
      for (let offset = 0; offset < size; offset += 65536) crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65536)));
      return bytes;
    };
    let written = 0;
    // Large pieces until refused, then halving pieces down to 64 bytes to fill the last gap.
    // Bounded: at most twice the quota in large pieces, at most 8 puts of each smaller size.
    const large = 256 * 1024;
    while (written < limit * 2 && (await put(chunk(large)))) written += large;
    for (let size = large / 2; size >= 64; size /= 2) {
      for (let i = 0; i < 8 && (await put(chunk(size))); i += 1) written += size;
    }
    db.close();
    return written;
  }, QUOTA_BYTES);
}

test('at the storage quota, a successful write says success (with a history warning) and an AccessForbidden says forbidden', async ({ page, baseURL }) => {
  const id = uniqueId('Q');
  await shrinkQuota(page, baseURL);
  await openGroup(page, 'customers');
  const filled = await fillStorageToQuota(page);
  // The quota held: the filler stopped near it, not at its bound.
  expect(filled).toBeLessThan(QUOTA_BYTES);

  await fillIdentity(page, 'customer_id', id);
  await page.getByRole('button', { name: 'Write record' }).click();
  const outcome = page.getByTestId('write-outcome');
  await expect(outcome).toContainText(`Record written: ${id}`);
  await expect(page.getByTestId('history-warning')).toContainText('not recorded in history: storage full');
  await expect(page.getByRole('alert').filter({ hasText: /failed|QuotaExceeded/ })).toHaveCount(0);
  // AWS has it: the screen said what happened.
  expect(valueOf((await getRecord('customers', id)).Record, 'customer_id')).toBe(id);

  await openGroup(page, 'exchange-rates');
  await fillIdentity(page, 'currency_pair', 'CHFUSD');
  await page.getByRole('button', { name: 'Write record' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'may not write' });
  await expect(alert).toContainText('Your identity may not write to feature group exchange-rates');
  await expect(alert).toContainText('AccessForbidden');
  await expect(alert).not.toContainText(/storage|Quota/i);
  await expect(page.getByTestId('write-outcome')).toHaveCount(0);
});

test('a draft that cannot be saved says so, and a reload never restores an older draft over newer typing', async ({ page, baseURL }) => {
  const id = uniqueId('QD');
  await shrinkQuota(page, baseURL);
  await openGroup(page, 'customers');
  await fillIdentity(page, 'customer_id', id);
  await field(page, 'segment').fill('older');
  // Wait until the older draft is stored.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const request = indexedDB.open('featurestore-console');
            request.onsuccess = () => {
              const all = request.result.transaction('drafts').objectStore('drafts').getAll();
              all.onsuccess = () => resolve(JSON.stringify(all.result));
            };
          }),
      ),
    )
    .toContain('"older"');

  expect(await fillStorageToQuota(page)).toBeLessThan(QUOTA_BYTES);
  // Newer typing that needs more room than is left (random text: the browser cannot compress it away).
  const newer = `newer ${Array.from({ length: 400 }, () => Math.random().toString(36).slice(2, 12)).join('')}`;
  await field(page, 'segment').fill(newer);
  await expect(page.getByTestId('draft-not-saved')).toContainText('Draft not saved: storage full');
  await expect(page.getByTestId('draft-not-saved')).toContainText('older saved draft was removed');

  await page.reload();
  await expect(field(page, 'customer_id')).toBeVisible();
  // Nothing older comes back: the form starts empty rather than with "older".
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
  await expect(field(page, 'segment')).toHaveValue('');
});

test('at the storage quota, a saved edit shows "Saved" with the history warning on the record page', async ({ page, baseURL }) => {
  const group = await createGroup({ FeatureGroupName: uniqueId('quota') });
  await runtime.send(
    new PutRecordCommand({
      FeatureGroupName: group,
      Record: [
        { FeatureName: 'id', ValueAsString: 'e' },
        { FeatureName: 'ts', ValueAsString: new Date(Date.now() - 60_000).toISOString() },
        { FeatureName: 'n', ValueAsString: '1' },
      ],
    }),
  );
  await shrinkQuota(page, baseURL);
  await page.goto(`/groups/${group}/record/edit?id=e`);
  await expect(field(page, 'n')).toHaveValue('1');
  expect(await fillStorageToQuota(page)).toBeLessThan(QUOTA_BYTES);
  await field(page, 'n').fill('2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const banner = page.getByTestId('saved-banner');
  await expect(banner).toContainText('Saved (request id');
  await expect(banner.getByTestId('history-warning')).toHaveText('Written, but not recorded in history: storage full.');
  expect(valueOf((await getRecord(group, 'e')).Record, 'n')).toBe('2');
});
