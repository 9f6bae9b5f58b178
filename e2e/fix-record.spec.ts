import { expect, test, type Page } from '@playwright/test';
import { DeleteRecordCommand, ListRecordsCommand, PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { createGroup, field, getRecord, runtime, uniqueId, valueOf, watchAwsCalls, writes } from './support';

const iso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();
const put = (group: string, values: Record<string, string>) =>
  runtime.send(
    new PutRecordCommand({ FeatureGroupName: group, Record: Object.entries(values).map(([FeatureName, ValueAsString]) => ({ FeatureName, ValueAsString })) }),
  );

async function openRecord(page: Page, group: string, id: string) {
  await page.goto(`/groups/${group}/records`);
  await page.getByLabel('id', { exact: true }).fill(id);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Record ${id}` })).toBeVisible();
}

test.describe('finding records', () => {
  test('find one by id, with a clear "not found" for a missing one', async ({ page }) => {
    const group = await createGroup({ FeatureGroupName: uniqueId('find') });
    await put(group, { id: 'a/b?c&d', ts: iso(-60_000), n: '9223372036854775807', s: 'hello' });
    await openRecord(page, group, 'a/b?c&d');
    const row = (name: string) => page.locator(`tr[data-feature="${name}"]`);
    await expect(row('n')).toContainText('9223372036854775807');
    await expect(row('s')).toContainText('hello');
    await expect(page.getByTestId('record-expires-at')).toHaveText('never expires');
    await page.goto(`/groups/${group}/record?id=missing`);
    await expect(page.getByTestId('record-not-found')).toContainText('never written');
    await expect(page.getByTestId('record-not-found')).toContainText('soft-deleted');
  });

  test('find several at once with BatchGetRecord', async ({ page }) => {
    const group = await createGroup({ FeatureGroupName: uniqueId('batch') });
    await put(group, { id: 'one', ts: iso() });
    await put(group, { id: 'two', ts: iso() });
    const calls = watchAwsCalls(page);
    await page.goto(`/groups/${group}/records`);
    await page.getByLabel('id values').fill('one\ntwo\nthree');
    await page.getByRole('button', { name: 'Find 3 records' }).click();
    const table = page.getByRole('table', { name: 'Batch results' });
    await expect(table.getByRole('row', { name: /one found/ })).toBeVisible();
    await expect(table.getByRole('row', { name: /two found/ })).toBeVisible();
    await expect(table.getByRole('row', { name: /three not found/ })).toBeVisible();
    expect(calls.filter((call) => call.operation === 'BatchGetRecord')).toHaveLength(1);
  });

  test('browse identifiers page by page, with and without soft-deleted records', async ({ page }) => {
    const group = await createGroup({ FeatureGroupName: uniqueId('browse') });
    for (let index = 0; index < 30; index += 1) await put(group, { id: `r${String(index).padStart(2, '0')}`, ts: iso(-60_000) });
    await runtime.send(new DeleteRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'r05', EventTime: iso() }));
    await page.goto(`/groups/${group}/records`);
    const list = page.getByRole('list', { name: 'Record identifiers' });
    await expect(list.getByRole('listitem')).toHaveCount(25);
    await expect(list).not.toContainText('r05');
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(29);
    await page.getByRole('checkbox', { name: 'Include soft-deleted' }).check();
    await expect(list.getByText('r05')).toBeVisible();
    await list.getByRole('link', { name: 'r01' }).click();
    await expect(page.getByRole('heading', { name: 'Record r01' })).toBeVisible();
  });
});

test.describe('fixing a record', () => {
  test('UpdateRecord on a Standard_V2 group changes exactly one feature, with a diff, and the history says so', async ({ page }) => {
    const group = await createGroup({ FeatureGroupName: uniqueId('upd') });
    await put(group, { id: 'cust-1', ts: iso(-3_600_000), n: '41', s: 'keep me' });
    const calls = watchAwsCalls(page);
    await openRecord(page, group, 'cust-1');
    await page.getByRole('link', { name: 'Edit' }).click();
    await expect(field(page, 'id')).toHaveAttribute('readonly', '');
    await field(page, 'n').fill('42');
    const diff = page.getByRole('table', { name: /Changes/ });
    await expect(diff.getByRole('row', { name: /^n 41 42$/ })).toBeVisible();
    await expect(diff.getByRole('row')).toHaveCount(3); // header, ts, n
    await expect(page.getByText('UpdateRecord sends only the changed features')).toBeVisible();
    await page.getByRole('button', { name: 'Save changes' }).click();

    await expect(page.getByTestId('saved-banner')).toBeVisible();
    await expect(page.locator('tr[data-feature="n"]')).toContainText('42');
    const stored = await getRecord(group, 'cust-1');
    expect(valueOf(stored.Record, 'n')).toBe('42');
    expect(valueOf(stored.Record, 's')).toBe('keep me');
    const update = writes(calls);
    expect(update.map((call) => call.operation)).toEqual(['UpdateRecord']);

    await page.getByRole('link', { name: 'History' }).click();
    const entry = page.getByTestId('history-entry').first();
    await expect(entry).toContainText(group);
    await expect(entry).toContainText('cust-1');
    await expect(entry).toContainText('UpdateRecord');
    await expect(entry).toContainText('success');
    await entry.getByRole('button', { name: 'Show request' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('"FeatureName": "n"');
    await expect(dialog).not.toContainText('keep me');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.reload();
    await expect(page.getByTestId('history-entry').first()).toContainText('UpdateRecord');
  });

  test('PutRecord on a Standard group overwrites the whole record: a cleared feature is removed', async ({ page }) => {
    const group = await createGroup({ FeatureGroupName: uniqueId('std'), OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard' } });
    await put(group, { id: 'x', ts: iso(-3_600_000), n: '1', s: 'remove me' });
    await page.goto(`/groups/${group}/record/edit?id=x`);
    await expect(page.getByText(/which has no UpdateRecord.*every feature is overwritten/)).toBeVisible();
    await field(page, 'n').fill('2');
    await field(page, 's').fill('');
    await expect(page.getByRole('table', { name: /Changes/ }).getByRole('row', { name: /^s remove me —$/ })).toBeVisible();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByTestId('saved-banner')).toBeVisible();
    const stored = await getRecord(group, 'x');
    expect(valueOf(stored.Record, 'n')).toBe('2');
    expect(valueOf(stored.Record, 's')).toBeUndefined();
  });

  test('an older event time: "will be rejected" for UpdateRecord, "offline store only" for PutRecord', async ({ page }) => {
    const group = await createGroup({ FeatureGroupName: uniqueId('old') });
    await put(group, { id: 'y', ts: '2030-01-01T00:00:00.000Z', n: '1' });
    await page.goto(`/groups/${group}/record/edit?id=y`);
    await field(page, 'n').fill('5');
    const warning = page.getByTestId('event-time-warning');
    await expect(warning).toContainText('will be rejected (ConflictException)');
    await page.getByRole('radio', { name: 'PutRecord: overwrite the whole record' }).check();
    await expect(warning).toContainText('this write goes to the offline store only');
    await field(page, 'ts').fill('2030-01-01T00:00:01.000Z');
    await expect(warning).toHaveCount(0);
  });

  test('ConflictException after a concurrent write: reload the latest and reapply my change', async ({ page }) => {
    const group = await createGroup({ FeatureGroupName: uniqueId('conflict') });
    await put(group, { id: 'z', ts: iso(-3_600_000), n: '1', s: 'old' });
    await page.goto(`/groups/${group}/record/edit?id=z`);
    await field(page, 'n').fill('100');
    // Someone else writes a newer version while the form is open.
    await put(group, { id: 'z', ts: iso(), n: '1', s: 'written concurrently' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'Someone wrote a newer version of this record' });
    await expect(problem).toContainText('ConflictException');
    await expect(field(page, 'n')).toHaveValue('100');
    await problem.getByRole('button', { name: 'Reload the latest and reapply my changes' }).click();
    await expect(field(page, 's')).toHaveValue('written concurrently');
    await expect(field(page, 'n')).toHaveValue('100');
    const diff = page.getByRole('table', { name: /Changes/ });
    await expect(diff.getByRole('row', { name: /^n 1 100$/ })).toBeVisible();
    await expect(diff.getByRole('row', { name: /^s / })).toHaveCount(0);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByTestId('saved-banner')).toBeVisible();
    const stored = await getRecord(group, 'z');
    expect(valueOf(stored.Record, 'n')).toBe('100');
    expect(valueOf(stored.Record, 's')).toBe('written concurrently');
  });
});

test.describe('deleting', () => {
  for (const mode of ['Soft', 'Hard'] as const) {
    test(`${mode.toLowerCase()} delete: confirmation names the record, then GetRecord and ListRecords agree`, async ({ page }) => {
      const group = await createGroup({ FeatureGroupName: uniqueId(`del${mode}`) });
      await put(group, { id: 'gone', ts: iso(-60_000), n: '1' });
      await openRecord(page, group, 'gone');
      await page.getByRole('button', { name: 'Delete…' }).click();
      const dialog = page.getByRole('dialog', { name: `Delete record gone from ${group}?` });
      await expect(dialog).toContainText(mode === 'Soft' ? 'Soft delete keeps only the identifier' : 'Hard delete removes the record');
      await dialog.getByRole('radio', { name: `${mode} delete` }).check();
      await dialog.getByRole('button', { name: `${mode} delete record` }).click();
      await expect(page.getByTestId('delete-outcome')).toContainText(`${mode}-deleted`);
      await expect(page.getByTestId('record-not-found')).toBeVisible();
      expect((await getRecord(group, 'gone')).Record).toBeUndefined();
      const listed = await runtime.send(new ListRecordsCommand({ FeatureGroupName: group, IncludeSoftDeletedRecords: true }));
      expect(listed.RecordIdentifiers).toEqual(mode === 'Soft' ? ['gone'] : []);
      await page.goto('/history');
      await expect(page.getByTestId('history-entry').first()).toContainText('DeleteRecord');
    });
  }

  test('hard delete with an older event time is refused in words, and nothing changes', async ({ page }) => {
    const group = await createGroup({ FeatureGroupName: uniqueId('delold') });
    await put(group, { id: 'stay', ts: '2031-01-01T00:00:00.000Z' });
    await openRecord(page, group, 'stay');
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Hard delete' }).check();
    await dialog.getByRole('button', { name: 'Hard delete record' }).click();
    await expect(dialog.getByRole('alert')).toContainText('HardDelete needs an EventTime later than the stored record');
    await expect(dialog.getByRole('alert')).toContainText('ValidationError');
    expect((await getRecord(group, 'stay')).Record).toBeDefined();
    await page.goto('/history');
    await expect(page.getByTestId('history-entry').first()).toContainText('ValidationError');
  });
});

test('history: filter by group, export JSON Lines, and clear', async ({ page }) => {
  const group = await createGroup({ FeatureGroupName: uniqueId('hist') });
  await put(group, { id: 'h', ts: iso(-60_000), n: '1' });
  await page.goto(`/groups/${group}/record/edit?id=h`);
  await field(page, 'n').fill('2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('saved-banner')).toBeVisible();
  await page.goto('/history');
  await expect(page.getByRole('note')).toContainText('unencrypted in this browser');
  await page.getByLabel('Feature group').selectOption(group);
  await expect(page.getByTestId('history-entry')).toHaveCount(1);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON Lines' }).click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  expect(lines.map((line) => (JSON.parse(line) as { featureGroup: string; operation: string }).operation)).toEqual(['UpdateRecord']);
  // Filtered: "Clear" removes what is shown, after asking.
  await page.getByRole('button', { name: 'Clear shown entries' }).click();
  await expect(page.getByRole('dialog')).toContainText(`removes the 1 entries shown (group ${group})`);
  await page.getByRole('dialog').getByRole('button', { name: 'Clear shown entries' }).click();
  await expect(page.getByText('No writes or deletes yet')).toBeVisible();
});

test('values are shown as text, never as HTML', async ({ page }) => {
  const group = await createGroup({ FeatureGroupName: uniqueId('xss') });
  const payload = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  await put(group, { id: 'x', ts: iso(-1_000), s: payload });
  await openRecord(page, group, 'x');
  await expect(page.locator('tr[data-feature="s"] td.value')).toHaveText(payload);
  await expect(page.locator('tr[data-feature="s"] img, tr[data-feature="s"] b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(field(page, 's')).toHaveValue(payload);
});
