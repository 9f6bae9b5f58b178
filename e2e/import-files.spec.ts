import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createGroup, expectNoSeriousA11yViolations, field, getRecord, openGroup, uniqueId, valueOf } from './support';

/**
 * Files as people really have them (issue 18), kept in e2e/fixtures/import: each imports
 * exactly (checked value by value against the store through the SDK) or is refused with
 * words that say what to do.
 */
// Axe and a 2,000-line import on a shared 2-core machine: a larger budget, no timed assertion.
test.describe.configure({ timeout: 120_000 });

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', 'import', name);

const CUSTOMERS = [
  { customer_id: 'C-001', event_time: '2026-03-01T10:30:00Z', age: '42', score: '0.5', segment: 'Zoë & co' },
  { customer_id: 'C-002', event_time: '2026-03-02T11:00:00Z', age: '7', score: '-12.75', segment: 'café, "quoted"' },
  { customer_id: 'C-003', event_time: '2026-03-03T12:15:00Z', age: '100', score: '1234567.25', segment: 'Ünïcødé ✓' },
];

async function customersGroup(prefix: string): Promise<string> {
  const group = uniqueId(prefix);
  await createGroup({
    FeatureGroupName: group,
    RecordIdentifierFeatureName: 'customer_id',
    EventTimeFeatureName: 'event_time',
    FeatureDefinitions: [
      { FeatureName: 'customer_id', FeatureType: 'String' },
      { FeatureName: 'event_time', FeatureType: 'String' },
      { FeatureName: 'age', FeatureType: 'Integral' },
      { FeatureName: 'score', FeatureType: 'Fractional' },
      { FeatureName: 'segment', FeatureType: 'String' },
    ],
    OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'InMemory' },
    OfflineStoreConfig: undefined,
  });
  return group;
}

async function choose(page: Page, group: string, name: string) {
  await page.goto(`/groups/${group}/import`);
  await page.getByLabel('File to import').setInputFiles(fixture(name));
}

async function dryRunAndWrite(page: Page, valid: number) {
  await page.getByRole('button', { name: 'Check every row (dry run)' }).click();
  await expect(page.getByTestId('dry-run')).toBeVisible();
  await page.getByRole('button', { name: `Write ${valid.toLocaleString('en-US')} valid ${valid === 1 ? 'row' : 'rows'}` }).click();
  await expect(page.getByTestId('import-summary')).toBeVisible();
}

async function expectCustomers(group: string, eventTime: (value: string) => string = (value) => value) {
  for (const customer of CUSTOMERS) {
    const { Record } = await getRecord(group, customer.customer_id);
    expect({
      customer_id: valueOf(Record, 'customer_id'),
      event_time: valueOf(Record, 'event_time'),
      age: valueOf(Record, 'age'),
      score: valueOf(Record, 'score'),
      segment: valueOf(Record, 'segment'),
    }).toEqual({ ...customer, event_time: eventTime(customer.event_time) });
  }
}

test('an Excel CSV (BOM, semicolons, CRLF, decimal commas) imports exactly once decimal commas are turned on', async ({ page }) => {
  const group = await customersGroup('excel-csv');
  await choose(page, group, 'excel-semicolon-bom-crlf.csv');
  await expect(page.getByLabel('Delimiter')).toHaveValue(';');
  await expect(page.getByLabel('Encoding')).toHaveValue('utf-8');
  await expect(page.getByLabel('customer_id', { exact: true })).toHaveValue('column:0');
  // Off: the dry run refuses 0,5 and says why.
  await page.getByRole('button', { name: 'Check every row (dry run)' }).click();
  await expect(page.getByTestId('dry-run-problems')).toContainText('0,5 has a decimal comma: turn on “Decimal commas” for its column to read it as 0.5');
  const decimal = page.getByTestId('decimal-commas');
  await expect(decimal).toContainText('read 0,5 as 0.5, -12,75 as -12.75, 1234567,25 as 1234567.25');
  await decimal.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Check every row (dry run)' }).click();
  await expect(page.getByTestId('dry-run-counts')).toHaveText('3 rows read: 3 valid, 0 invalid.');
  await expect(page.getByTestId('record-sample')).toContainText('-12.75');
  await page.screenshot({ path: test.info().outputPath('excel-csv.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Write 3 valid rows' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('3 rows written');
  await expectCustomers(group);
});

test('a Windows-1252 file is named as not UTF-8 next to the file input and imports exactly when read as Windows-1252', async ({ page }) => {
  const group = await customersGroup('latin1');
  await choose(page, group, 'windows-1252.csv');
  const problem = page.getByTestId('file-problem');
  await expect(problem).toContainText('windows-1252.csv could not be read: The file is not valid UTF-8');
  await page.screenshot({ path: test.info().outputPath('not-utf8.png'), fullPage: true });
  await problem.getByRole('button', { name: 'Read it as Windows-1252 (Latin-1)' }).click();
  await expect(page.getByLabel('Encoding')).toHaveValue('windows-1252');
  await dryRunAndWrite(page, 2);
  expect(valueOf((await getRecord(group, 'C-101')).Record, 'segment')).toBe('Zoë Café');
  expect(valueOf((await getRecord(group, 'C-102')).Record, 'segment')).toBe('Ångström süß');
});

test('a PNG renamed .csv is refused as not a text file, and an unreadable Parquet codec is named with the ones that work', async ({ page }) => {
  const group = await customersGroup('refused');
  await choose(page, group, 'image-renamed.csv');
  await expect(page.getByTestId('file-problem')).toContainText('This is not a text file: it looks like a PNG image.');
  await expect(page.getByTestId('import-mapping')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('png-refused.png'), fullPage: true });
  await page.getByLabel('File to import').setInputFiles(fixture('customers-lzo.parquet'));
  await expect(page.getByTestId('file-problem')).toContainText(
    'compressed with LZO, which the console cannot read. It reads UNCOMPRESSED, SNAPPY, GZIP, ZSTD, BROTLI, LZ4, LZ4_RAW',
  );
});

for (const codec of ['zstd', 'gzip']) {
  test(`Parquet compressed with ${codec.toUpperCase()} imports exactly`, async ({ page }) => {
    const group = await customersGroup(`parquet-${codec}`);
    await choose(page, group, `customers-${codec}.parquet`);
    await expect(page.getByText(`Parquet, compressed with ${codec.toUpperCase()}.`)).toBeVisible();
    await dryRunAndWrite(page, 3);
    await expectCustomers(group);
  });
}

test('an .xlsx workbook: sheet and header row chosen, numbers and dates as Excel shows them, imported exactly', async ({ page }) => {
  const group = await customersGroup('xlsx');
  await choose(page, group, 'customers.xlsx');
  await expect(page.getByLabel('Sheet')).toHaveValue('Notes');
  await page.getByLabel('Sheet').selectOption('Customers');
  // The title row is found as the first filled row; the header is the row below it.
  await expect(page.getByLabel('Header row')).toHaveValue('1');
  await page.getByLabel('Header row').selectOption('2');
  await expect(page.getByLabel('customer_id', { exact: true })).toHaveValue('column:0');
  await page.screenshot({ path: test.info().outputPath('xlsx.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);
  await dryRunAndWrite(page, 3);
  await expectCustomers(group, (value) => value.replace('Z', '.000Z'));
});

test('duplicate headers are flagged and the second one can be mapped on its own', async ({ page }) => {
  const group = await customersGroup('duplicates');
  await choose(page, group, 'duplicate-headers.csv');
  await expect(page.getByTestId('duplicate-columns')).toContainText('More than one column is named “age”');
  await page.getByLabel('age', { exact: true }).selectOption({ label: 'Column “age (2)”' });
  await dryRunAndWrite(page, 2);
  expect(valueOf((await getRecord(group, 'D-1')).Record, 'age')).toBe('41');
  expect(valueOf((await getRecord(group, 'D-2')).Record, 'age')).toBe('42');
});

test('a 1 MB cell is shortened in every preview and its row refused for the record limit; the others import', async ({ page }) => {
  const group = await customersGroup('long-cell');
  await choose(page, group, 'long-cell.csv');
  await page.getByRole('button', { name: 'Check every row (dry run)' }).click();
  await expect(page.getByTestId('dry-run-counts')).toHaveText('3 rows read: 2 valid, 1 invalid.');
  await expect(page.getByTestId('dry-run-problems')).toContainText('Too long: 1,048,576 characters');
  // The page stays the size of its content: no cell is printed whole.
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(5000);
  await page.getByRole('button', { name: 'Write 2 valid rows' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('2 rows written');
  // The second data row stands on the file's line 3 (the header is line 1).
  await expect(page.getByTestId('failed-rows')).toContainText('line 3');
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(5000);
  expect(valueOf((await getRecord(group, 'L-1')).Record, 'segment')).toBe('short');
  expect(valueOf((await getRecord(group, 'L-3')).Record, 'segment')).toBe('also short');
  expect((await getRecord(group, 'L-2')).Record).toBeUndefined();
});

test('JSON Lines: a key first seen on line 1,500 is found by the dry run, blocks the write until mapped, then imports', async ({ page }) => {
  const group = await customersGroup('late-key');
  await choose(page, group, 'late-key.jsonl');
  await expect(page.getByLabel('score', { exact: true })).toHaveValue('none');
  await page.getByRole('button', { name: 'Check every row (dry run)' }).click();
  const late = page.getByTestId('late-keys');
  await expect(late).toContainText('“score” (first on line 1,500)');
  await expect(late).toContainText('score would be left out of every record');
  await expect(page.getByRole('button', { name: 'Write 2,000 valid rows' })).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath('late-keys.png'), fullPage: true });
  await late.getByRole('button', { name: 'Add these keys to the mapping' }).click();
  await expect(page.getByLabel('score', { exact: true })).toHaveValue('column:3');
  await dryRunAndWrite(page, 2000);
  await expect(page.getByTestId('import-summary')).toContainText('2,000 rows written');
  expect(valueOf((await getRecord(group, 'J-1499')).Record, 'score')).toBeUndefined();
  expect(valueOf((await getRecord(group, 'J-1500')).Record, 'score')).toBe('375');
  expect(valueOf((await getRecord(group, 'J-2000')).Record, 'score')).toBe('500');
});

test('Generate N shows which generator fills which feature and three rows before the dry run', async ({ page }) => {
  const group = uniqueId('generate-preview');
  await createGroup({ FeatureGroupName: group });
  await openGroup(page, group);
  await field(page, 'id').fill('G-{{seq:100}}');
  await field(page, 'ts').fill('{{now}}');
  await field(page, 'n').fill('{{int:1:9}}');
  const templates = page.getByRole('region', { name: 'Templates' });
  await templates.getByLabel('Save the form as a template').fill('gen');
  await templates.getByRole('button', { name: 'Save template' }).click();
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByLabel('Number of records').fill('5');
  await page.getByRole('button', { name: 'Generate' }).click();
  const preview = page.getByTestId('generated-preview');
  const idRow = preview.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'id', exact: true }) });
  await expect(idRow).toContainText('G-{{seq:100}}');
  await expect(idRow).toContainText('G-100');
  await expect(idRow).toContainText('G-102');
  await page.screenshot({ path: test.info().outputPath('generate-preview.png'), fullPage: true });
  await page.getByRole('button', { name: 'Check every row (dry run)' }).click();
  await expect(page.getByTestId('record-sample')).toContainText('G-100');
  await page.getByRole('button', { name: 'Write 5 valid rows' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('5 rows written');
  expect(valueOf((await getRecord(group, 'G-104')).Record, 'id')).toBe('G-104');
});
