import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { DeleteRecordCommand, PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { createGroup, expectNoSeriousA11yViolations, getRecord, runtime, uniqueId } from './support';

/** The records table: ListRecords + BatchGetRecord rows, soft-deleted rows marked, prefix filter, exports, multi-delete. */
let group: string;
const iso = () => new Date().toISOString();

async function put(values: Record<string, string>) {
  await runtime.send(
    new PutRecordCommand({ FeatureGroupName: group, Record: Object.entries(values).map(([FeatureName, ValueAsString]) => ({ FeatureName, ValueAsString })) }),
  );
}

test.beforeAll(async () => {
  group = uniqueId('table');
  await createGroup({
    FeatureGroupName: group,
    OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard', TtlDuration: { Unit: 'Days', Value: 30 } },
  });
  await put({ id: 'A-1', ts: iso(), n: '007', x: '1.5', s: 'quoted "comma", here' });
  await put({ id: 'A-2', ts: iso(), n: '9223372036854775807', s: 'ünïcødé ✓' });
  await put({ id: 'B-1', ts: iso(), s: 'line one\nline two' });
  await put({ id: 'B-2', ts: iso(), s: 'to be soft-deleted' });
  await runtime.send(new DeleteRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'B-2', EventTime: iso() }));
});

test('shows records with values, marks soft-deleted rows, filters by prefix and exports what it shows', async ({ page }) => {
  await page.goto(`/groups/${group}`);
  await page.getByRole('link', { name: 'Table', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${group}/table$`));
  const table = page.getByTestId('records-table');
  await expect(table.getByRole('row')).toHaveCount(5);
  const a1 = table.getByRole('row').filter({ hasText: 'A-1' });
  await expect(a1).toContainText('007');
  await expect(a1).toContainText('quoted "comma", here');
  await expect(table.getByRole('row').filter({ hasText: 'B-2' })).toContainText('soft-deleted');
  await expect(table.getByRole('row').filter({ hasText: 'B-2' })).toHaveAttribute('data-soft-deleted', 'true');
  // ExpiresAt column is there, next to event time.
  await expect(table.getByRole('columnheader').nth(3)).toHaveText('ExpiresAt');
  await page.screenshot({ path: test.info().outputPath('records-table.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);
  // The column chooser: pick another column, it shows at once.
  await page.getByText('Columns (6)').click();
  await page.screenshot({ path: test.info().outputPath('records-table-columns.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('SoftDeleted').check();
  await expect(table.getByRole('columnheader', { name: 'SoftDeleted' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'B-2' })).toContainText('true');
  await page.getByLabel('SoftDeleted').uncheck();
  await expect(table.getByRole('columnheader', { name: 'SoftDeleted' })).toHaveCount(0);
  await page.getByText('Columns (6)').click();

  await page.getByLabel(/Filter loaded rows by id prefix/).fill('A-');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(page.getByTestId('table-count')).toContainText('2 shown of 4 loaded');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export shown rows/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${group}-table-.*\\.csv$`));
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const parsed = Papa.parse<Record<string, string>>(csv.trimEnd(), { header: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(['id', 'ts', 'ExpiresAt', 'n', 'x', 's']);
  expect(parsed.data.map((row) => [row.id, row.n, row.x, row.s])).toEqual([
    ['A-1', '007', '1.5', 'quoted "comma", here'],
    ['A-2', '9223372036854775807', '', 'ünïcødé ✓'],
  ]);
  expect(parsed.data[0]?.ExpiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  // The same cells the table shows.
  for (const row of parsed.data) {
    const cells = await table
      .getByRole('row')
      .filter({ hasText: row.id as string })
      .getByRole('cell')
      .allTextContents();
    expect(cells.slice(1)).toEqual([row.id, row.ts, row.ExpiresAt, row.n, row.x, row.s]);
  }
});

test('exports the whole group as JSON Lines with progress, soft-deleted rows marked', async ({ page }) => {
  await page.goto(`/groups/${group}/table`);
  await expect(page.getByTestId('records-table').getByRole('row')).toHaveCount(5);
  await page.getByLabel('JSON Lines').check();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export whole group' }).click();
  const download = await downloading;
  await expect(page.getByTestId('export-outcome')).toHaveText('Exported 4 records.');
  const lines = fs
    .readFileSync(await download.path(), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const byId = new Map(lines.map((line) => [line.id, line]));
  expect(byId.get('B-1')).toMatchObject({ s: 'line one\nline two', SoftDeleted: false });
  expect(byId.get('B-2')).toEqual({ id: 'B-2', SoftDeleted: true });
  expect(byId.get('A-1')).toMatchObject({ n: '007', x: '1.5' });
  expect(byId.get('A-2')).not.toHaveProperty('x');
});

test('deletes several selected records with the single delete confirmation rules', async ({ page }) => {
  await put({ id: 'C-1', ts: iso(), s: 'x' });
  await put({ id: 'C-2', ts: iso(), s: 'y' });
  await page.goto(`/groups/${group}/table`);
  await page.getByLabel(/Filter loaded rows by id prefix/).fill('C-');
  await page.getByLabel('Select every shown row').check();
  await page.getByRole('button', { name: 'Delete selected (2)' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete 2 records from ${group}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Hard delete').check();
  await dialog.getByLabel('Event time of the delete').fill('yesterday');
  await expect(dialog.getByRole('button', { name: 'Hard delete 2 records' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Now' }).click();
  await page.screenshot({ path: test.info().outputPath('records-table-delete.png') });
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Hard delete 2 records' }).click();
  await expect(dialog.getByRole('status')).toContainText('2 of 2 done, 0 failed');
  expect((await getRecord(group, 'C-1')).Record).toBeUndefined();
  expect((await getRecord(group, 'C-2')).Record).toBeUndefined();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('records-table')).toHaveCount(0);
});

test.describe('dark colour scheme', () => {
  test.use({ colorScheme: 'dark' });
  test('the records table, its column chooser and the write page with templates pass axe', async ({ page }) => {
    await page.goto(`/groups/${group}/table`);
    await expect(page.getByTestId('records-table')).toBeVisible();
    await page.getByText(/^Columns \(\d+\)$/).click();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: test.info().outputPath('records-table-dark.png'), fullPage: true });
    await page.getByRole('link', { name: 'Write a record', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Templates' })).toBeVisible();
    await page.getByLabel('s', { exact: true }).fill('{{choice:a|b}}');
    await expect(page.getByTestId('generator-note')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
