import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { BatchWriteRecordCommand, DeleteRecordCommand, PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { createGroup, expectNoSeriousA11yViolations, getRecord, runtime, uniqueId, watchAwsCalls, screenshotAtWidths } from './support';

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
  // Two axe scans and screenshots: bounded work that takes long on a slow machine.
  test.slow();
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
  // The event time is kept online, but no read returns it: the cell says so instead of a dash.
  await expect(table.getByRole('row').filter({ hasText: 'B-2' }).getByRole('cell').nth(2)).toHaveText('kept, not returned');
  await expect(page.getByTestId('soft-deleted-note')).toContainText('GetRecord and BatchGetRecord do not return them');
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

  await page.getByLabel(/Filter by id prefix/).fill('A-');
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
  await page.getByLabel(/Filter by id prefix/).fill('C-');
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

test.describe('a group larger than the loaded rows', () => {
  /** 320 records R-000…R-319 and 10 Z-… records; the Z- ones hold cells a spreadsheet would run. */
  let big: string;
  const risky = ['=1+1', '-5', '+33 1', '@SUM(A1)', '\tlead-tab', 'plain'];
  test.beforeAll(async () => {
    big = uniqueId('big');
    await createGroup({ FeatureGroupName: big, OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard' } });
    const ts = iso();
    const records = [
      ...Array.from({ length: 320 }, (_, i) => ({ id: `R-${String(i).padStart(3, '0')}`, s: `row ${i}` })),
      ...Array.from({ length: 10 }, (_, i) => ({ id: `Z-${i}`, s: risky[i % risky.length] as string })),
    ];
    for (let at = 0; at < records.length; at += 25) {
      const answer = await runtime.send(
        new BatchWriteRecordCommand({
          Entries: records.slice(at, at + 25).map(({ id, s }) => ({
            FeatureGroupName: big,
            Record: [
              { FeatureName: 'id', ValueAsString: id },
              { FeatureName: 'ts', ValueAsString: ts },
              { FeatureName: 's', ValueAsString: s },
            ],
          })),
        }),
      );
      expect(answer.Errors ?? []).toEqual([]);
    }
  });

  test('the identifier filter searches the whole group, reading values only for the matches', async ({ page }) => {
    // Axe scans and full-page screenshots: bounded work that takes long on a slow machine.
    test.slow();
    await page.goto(`/groups/${big}/table`);
    await expect(page.getByTestId('table-count')).toContainText('100 shown of 100 loaded, more in the group');
    await page.getByLabel(/Filter by id prefix/).fill('Z-');
    await expect(page.getByText(`No loaded record's identifier starts with "Z-". The group has more records than are loaded`)).toBeVisible();
    const calls = watchAwsCalls(page);
    await page.getByRole('button', { name: 'Search the whole group' }).click();
    await expect(page.getByTestId('group-search')).toHaveText('Searched all 330 records of the group: 10 identifiers start with "Z-".');
    const table = page.getByTestId('records-table');
    await expect(table.getByRole('row')).toHaveCount(11);
    await expect(table.getByRole('row').filter({ hasText: 'Z-0' })).toContainText('=1+1');
    await expect(page.getByTestId('table-count')).toContainText('10 found of 330 searched');
    // Every identifier was listed (4 pages of 100); values were read only for the page holding the matches.
    expect(calls.filter((call) => call.operation === 'ListRecords')).toHaveLength(4);
    expect(calls.filter((call) => call.operation === 'BatchGetRecord')).toHaveLength(1);
    await screenshotAtWidths(page, test.info(), 'records-table-search');
    await expectNoSeriousA11yViolations(page);
    // A new prefix drops the search and filters the loaded rows again.
    await page.getByLabel(/Filter by id prefix/).fill('R-00');
    await expect(page.getByTestId('group-search')).toHaveCount(0);
    await expect(page.getByTestId('table-count')).toContainText('10 shown of 100 loaded, more in the group');
  });

  test('exports CSV exactly by default, and Excel-safe on request, said in the file name', async ({ page }) => {
    await page.goto(`/groups/${big}/table`);
    await page.getByLabel(/Filter by id prefix/).fill('Z-');
    await page.getByLabel(/Filter by id prefix/).press('Enter');
    await expect(page.getByTestId('group-search')).toContainText('Searched all 330 records');
    const download = async (button: string) => {
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: button }).click();
      const file = await downloading;
      return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
    };
    const cells = (text: string) => Papa.parse<Record<string, string>>(text.trimEnd(), { header: true }).data.map((row) => row.s);

    const exact = await download('Export shown rows (10)');
    expect(exact.name).toMatch(new RegExp(`^${big}-table-[0-9T-]+Z\\.csv$`));
    expect(cells(exact.text).slice(0, 6)).toEqual(risky);

    await page.getByLabel('CSV, Excel-safe').check();
    const safe = await download('Export shown rows (10)');
    expect(safe.name).toMatch(new RegExp(`^${big}-table-.*-excel-safe\\.csv$`));
    expect(cells(safe.text).slice(0, 6)).toEqual(["'=1+1", "'-5", "'+33 1", "'@SUM(A1)", "'\tlead-tab", 'plain']);

    // The whole group, exact: the header, then every record, no empty line between.
    await page.getByLabel('CSV', { exact: true }).check();
    const whole = await download('Export whole group');
    const lines = whole.text.split('\r\n');
    expect(lines[0]).toBe('id,ts,ExpiresAt,n,x,s,SoftDeleted');
    expect(lines[1]).toMatch(/^R-000,/);
    expect(lines).toHaveLength(332);
    expect(lines.at(-1)).toBe('');
  });
});

test.describe('dark colour scheme', () => {
  test.use({ colorScheme: 'dark' });
  test('the records table, its column chooser and the write page with templates pass axe', async ({ page }) => {
    // Axe scans and full-page screenshots: bounded work that takes long on a slow machine.
    test.slow();
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

test('a row soft-deleted from the table shows the event time its delete sent, which the online store keeps', async ({ page }) => {
  // Axe scans and full-page screenshots: bounded work that takes long on a slow machine.
  test.slow();
  await put({ id: 'S-1', ts: new Date(Date.now() - 60_000).toISOString(), s: 'to be soft-deleted here' });
  await page.goto(`/groups/${group}/table`);
  await page.getByLabel(/Filter by id prefix/).fill('S-');
  const table = page.getByTestId('records-table');
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Select S-1').check();
  await page.getByRole('button', { name: 'Delete selected (1)' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete 1 record from ${group}?` });
  await expect(dialog).toContainText("keeps only the identifier and the delete's event time online");
  const sent = await dialog.getByLabel('Event time of the delete').inputValue();
  await dialog.getByRole('button', { name: /^Soft delete 1 record/ }).click();
  await expect(dialog.getByRole('status')).toContainText('1 of 1 done, 0 failed');
  await dialog.getByRole('button', { name: 'Close' }).click();
  const row = table.getByRole('row').filter({ hasText: 'S-1' });
  await expect(row).toHaveAttribute('data-soft-deleted', 'true');
  await expect(row.getByRole('cell').nth(2)).toHaveText(`${sent} (sent by the soft delete on this page)`);
  await expect(row.getByRole('cell').nth(5)).toHaveText('—');
  await screenshotAtWidths(page, test.info(), 'records-table-soft-deleted');
});
