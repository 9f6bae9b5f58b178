import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import {
  createGroup,
  expectNoSeriousA11yViolations,
  featureStoreUrl,
  field,
  getRecord,
  offlineRows,
  openGroup,
  uniqueId,
  valueOf,
  watchAwsCalls,
  writes,
} from './support';

/** Bulk import through the real console, SDK and local Feature Store: CSV, dry run, failed rows, throttling, resume, generated records. */
const iso = () => new Date().toISOString();

/** Writes the file to the test's output folder and chooses it: the same path keeps the same name, size and lastModified (what resume knows a file by). */
function sourceFile(name: string, text: string): string {
  const path = test.info().outputPath(name);
  fs.writeFileSync(path, text, 'utf8');
  return path;
}

async function chooseFile(page: Page, path: string) {
  await page.getByLabel('File to import').setInputFiles(path);
}

async function dryRunAndWrite(page: Page, validRows: number) {
  await page.getByRole('button', { name: 'Check every row (dry run)' }).click();
  await expect(page.getByTestId('dry-run')).toBeVisible();
  await page.getByRole('button', { name: `Write ${validRows.toLocaleString('en-US')} valid ${validRows === 1 ? 'row' : 'rows'}` }).click();
}

test('imports a CSV with quoted commas, unicode, 007, a 2^63-1 Integral and a Vector; bad rows are shown and downloadable', async ({ page }) => {
  // Two axe scans, four screenshots and three downloads: bounded work that takes long on a slow machine.
  test.slow();
  const group = uniqueId('import');
  await createGroup({
    FeatureGroupName: group,
    FeatureDefinitions: [
      { FeatureName: 'id', FeatureType: 'String' },
      { FeatureName: 'ts', FeatureType: 'String' },
      { FeatureName: 'code', FeatureType: 'String' },
      { FeatureName: 'big', FeatureType: 'Integral' },
      { FeatureName: 'note', FeatureType: 'String' },
      { FeatureName: 'vec', FeatureType: 'Fractional', CollectionType: 'Vector', CollectionConfig: { VectorConfig: { Dimension: 3 } } },
    ],
    OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'InMemory' },
    OfflineStoreConfig: undefined,
  });
  const ts = iso();
  const rows = [
    ['id', 'ts', 'code', 'big', 'note', 'vec'],
    ['R-1', ts, '007', '9223372036854775807', 'quoted, "comma" here', '[0.1, 0.2, 0.3]'],
    ['R-2', ts, '0042', '-9223372036854775808', 'ünïcødé ✓ 日本語', '[1, 2, 3]'],
    ['R-3', 'yesterday', 'x', '1', 'bad event time', '[1, 2, 3]'],
    ['R-4', ts, 'y', '9223372036854775808', '=1+1 out of range', '[1, 2]'],
    ['R-5', ts, 'z', '5', 'line one\nline two', '[0.5, 0.5, 0.5]'],
  ];
  const csv = Papa.unparse(rows);
  const calls = watchAwsCalls(page);
  await page.goto(`/groups/${group}/records`);
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${group}/import$`));
  await chooseFile(page, sourceFile('customers.csv', csv));
  await expect(page.getByTestId('mapping-table')).toBeVisible();
  // Mapped by name; the first row's cells shown as written.
  await expect(page.getByLabel('code', { exact: true })).toHaveValue('column:2');
  await expect(
    page
      .getByTestId('mapping-table')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'big', exact: true }) }),
  ).toContainText('9223372036854775807');
  await page.screenshot({ path: test.info().outputPath('import-mapping.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Check every row (dry run)' }).click();
  await expect(page.getByTestId('dry-run-counts')).toHaveText('5 rows read: 3 valid, 2 invalid.');
  const problems = page.getByTestId('dry-run-problems');
  // Where a spreadsheet shows them: the header is line 1, data rows 3 and 4 are lines 4 and 5.
  await expect(problems.getByRole('row').filter({ hasText: /^line 4/ })).toContainText('ts:');
  await expect(problems.getByRole('row').filter({ hasText: /^line 5/ })).toContainText('Out of range');
  await expect(problems.getByRole('row').filter({ hasText: /^line 5/ })).toContainText('Vector needs exactly 3');
  expect(writes(calls)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('import-dry-run.png'), fullPage: true });

  await page.getByRole('button', { name: 'Write 3 valid rows' }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('3 rows written (rows 1-2, 5)');
  await expect(summary).toContainText('2 rows failed');
  await expect(page.getByTestId('failed-rows').getByRole('cell', { name: /^line \d+$/ })).toHaveText(['line 4', 'line 5']);
  await page.screenshot({ path: test.info().outputPath('import-summary.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);
  expect(writes(calls).map((call) => call.operation)).toEqual(['BatchWriteRecord']);

  const r1 = await getRecord(group, 'R-1');
  expect(valueOf(r1.Record, 'code')).toBe('007');
  expect(valueOf(r1.Record, 'big')).toBe('9223372036854775807');
  expect(valueOf(r1.Record, 'note')).toBe('quoted, "comma" here');
  expect(r1.Record?.find((value) => value.FeatureName === 'vec')?.ValueAsStringList).toEqual(['0.1', '0.2', '0.3']);
  expect(valueOf((await getRecord(group, 'R-2')).Record, 'note')).toBe('ünïcødé ✓ 日本語');
  expect(valueOf((await getRecord(group, 'R-5')).Record, 'note')).toBe('line one\nline two');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download failed rows (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('customers-failed-rows.csv');
  const failed = Papa.parse<string[]>(fs.readFileSync(await download.path(), 'utf8').trimEnd()).data;
  expect(failed[0]).toEqual([...(rows[0] as string[]), 'import_error']);
  expect(failed.slice(1).map((row) => row.slice(0, 6))).toEqual([rows[3], rows[4]]);
  expect(failed[2]?.[6]).toMatch(/^InvalidRow: big: Out of range/);
  // Excel-safe on request: a formula-like cell gets a leading quote, and the file name says so.
  const downloadingSafe = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download failed rows (CSV, Excel-safe)' }).click();
  const safe = await downloadingSafe;
  expect(safe.suggestedFilename()).toBe('customers-failed-rows-excel-safe.csv');
  const safeRows = Papa.parse<string[]>(fs.readFileSync(await safe.path(), 'utf8').trimEnd()).data;
  expect(safeRows[2]?.slice(0, 6)).toEqual(['R-4', ts, 'y', '9223372036854775808', "'=1+1 out of range", '[1, 2]']);

  // One history entry for the whole import.
  await page.goto('/history');
  const entry = page.getByTestId('history-entry').filter({ hasText: group });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('import of customers.csv: 3 of 5 rows written');
  await expect(entry).toContainText('BatchWriteRecord');
});

test('a throttled import backs off, retries and writes every row once', async ({ page, request }) => {
  const group = uniqueId('throttle');
  await createGroup({ FeatureGroupName: group });
  // Two BatchWriteRecord calls per second for this group; beyond that, ThrottlingException.
  const set = await request.put(`${featureStoreUrl}/_local/throttle/${group}?requestsPerSecond=2&burst=1`);
  expect(set.status()).toBe(200);
  const ts = iso();
  const csv = Papa.unparse([['id', 'ts', 'n'], ...Array.from({ length: 200 }, (_, i) => [`T-${i + 1}`, ts, String(i)])]);
  await page.goto(`/groups/${group}/import`);
  await chooseFile(page, sourceFile('throttled.csv', csv));
  await dryRunAndWrite(page, 200);
  await expect(page.getByTestId('import-summary')).toContainText('200 rows written (rows 1-200)', { timeout: 60_000 });
  // The store throttled calls for real, and the screen counts every one: the import backs off
  // and retries each throttled call itself; the SDK sends each call once (no retries unseen).
  const shown = (await (await request.get(`${featureStoreUrl}/_local/throttle/${group}`)).json()) as { throttle: { throttled: number } };
  expect(shown.throttle.throttled).toBeGreaterThan(0);
  await expect(page.getByTestId('import-retries')).toContainText(`(${shown.throttle.throttled.toLocaleString('en-US')} throttled;`);
  await page.screenshot({ path: test.info().outputPath('import-throttled.png'), fullPage: true });
  const offline = await offlineRows(group);
  expect(offline).toHaveLength(200);
  expect(new Set(offline.map((row) => row.id)).size).toBe(200);
  await request.delete(`${featureStoreUrl}/_local/throttle/${group}`);
});

test('a reload mid-import loses nothing acknowledged: choosing the file again resumes, nothing written twice', async ({ page, request }) => {
  const group = uniqueId('resume');
  await createGroup({ FeatureGroupName: group });
  // Slow enough to reload in the middle: one call per second.
  await request.put(`${featureStoreUrl}/_local/throttle/${group}?requestsPerSecond=1&burst=1`);
  const ts = iso();
  const total = 300;
  const csv = Papa.unparse([['id', 'ts', 'n'], ...Array.from({ length: total }, (_, i) => [`P-${i + 1}`, ts, String(i)])]);
  const file = sourceFile('resume.csv', csv);
  await page.goto(`/groups/${group}/import`);
  await page.getByLabel('File to import').setInputFiles(file);
  // Out of range: said next to the field and read with it.
  await page.getByLabel('Calls in flight at most').fill('20');
  await expect(page.getByLabel('Calls in flight at most')).toHaveAccessibleDescription(/Enter 1 to 16\./);
  await expect(page.getByLabel('Calls in flight at most')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Calls in flight at most').fill('1');
  await dryRunAndWrite(page, total);
  await expect.poll(async () => Number(await page.getByTestId('rows-written').textContent())).toBeGreaterThanOrEqual(50);
  await page.screenshot({ path: test.info().outputPath('import-progress.png'), fullPage: true });
  // While writing, a reload asks first (beforeunload); accepted, the page reloads.
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.type());
      void dialog.accept();
    }),
  );
  await page.reload();
  expect(await asked).toBe('beforeunload');
  // The interrupted import is shown at once, before any file is chosen.
  await expect(page.getByTestId('interrupted-import')).toHaveText(/^resume\.csv stopped at \d+ of 300 rows: choose the file to resume\./);
  await page.screenshot({ path: test.info().outputPath('import-interrupted.png'), fullPage: true });
  const before = (await offlineRows(group)).length;
  expect(before).toBeLessThan(total);
  await request.delete(`${featureStoreUrl}/_local/throttle/${group}`);

  await page.getByLabel('File to import').setInputFiles(file);
  await expect(page.getByTestId('import-resume-offer')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('import-resume-offer.png'), fullPage: true });
  await page.getByRole('button', { name: 'Resume the import' }).click();
  await expect(page.getByTestId('import-summary')).toContainText(`${total} rows written (rows 1-${total})`, { timeout: 60_000 });
  const offline = await offlineRows(group);
  const ids = offline.map((row) => row.id as string);
  expect(new Set(ids).size).toBe(total);
  // Only rows whose answer was lost in the reload may be sent twice (one call at most), and the summary says how many.
  const summaryText = (await page.getByTestId('import-summary').textContent()) ?? '';
  const resent = Number(/(\d+) rows? were being sent when the page closed/.exec(summaryText)?.[1] ?? '0');
  expect(resent).toBeLessThanOrEqual(25);
  expect(ids.length).toBeGreaterThanOrEqual(total);
  expect(ids.length).toBeLessThanOrEqual(total + resent);
});

test('pause stops sending, resume goes on, cancel stops and the summary counts exactly what AWS wrote', async ({ page, request }) => {
  const group = uniqueId('pause');
  await createGroup({ FeatureGroupName: group });
  await request.put(`${featureStoreUrl}/_local/throttle/${group}?requestsPerSecond=2&burst=1`);
  const ts = iso();
  const total = 400;
  const csv = Papa.unparse([['id', 'ts'], ...Array.from({ length: total }, (_, i) => [`Q-${i + 1}`, ts])]);
  await page.goto(`/groups/${group}/import`);
  await chooseFile(page, sourceFile('pause.csv', csv));
  await page.getByLabel('Calls in flight at most').fill('1');
  await dryRunAndWrite(page, total);
  const written = async () => Number((await page.getByTestId('rows-written').textContent())?.replace(/,/g, ''));
  await expect.poll(written).toBeGreaterThanOrEqual(25);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('heading', { name: 'Paused' })).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('heading', { name: 'Writing…' })).toBeVisible();
  await expect.poll(written).toBeGreaterThanOrEqual(50);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'Import cancelled' })).toBeVisible({ timeout: 30_000 });
  const done = await written();
  expect(done).toBeLessThan(total);
  await expect(page.getByTestId('import-summary')).toContainText(`${done} rows written (rows 1-${done})`);
  await expect(page.getByTestId('import-summary')).toContainText(`${total - done} rows not sent`);
  const offline = await offlineRows(group);
  expect(offline).toHaveLength(done);
  await request.delete(`${featureStoreUrl}/_local/throttle/${group}`);
});

test('generates N records from a template with generators, through the same pipeline', async ({ page }) => {
  const group = uniqueId('generate');
  await createGroup({ FeatureGroupName: group });
  // A template saved on the write page, with generators in the identifier, the event time and a value.
  await openGroup(page, group);
  await field(page, 'id').fill('G-{{seq:100}}');
  await field(page, 'ts').fill('{{now}}');
  await field(page, 'n').fill('{{int:1:9}}');
  const templates = page.getByRole('region', { name: 'Templates' });
  await templates.getByLabel('Save the form as a template').fill('gen');
  await templates.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByTestId('templates-message')).toHaveText('Saved "gen".');

  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByLabel('Number of records').fill('60');
  await page.getByRole('button', { name: 'Generate' }).click();
  await dryRunAndWrite(page, 60);
  await expect(page.getByTestId('import-summary')).toContainText('60 rows written (rows 1-60)');
  const first = await getRecord(group, 'G-100');
  const last = await getRecord(group, 'G-159');
  expect(Number(valueOf(first.Record, 'n'))).toBeGreaterThanOrEqual(1);
  expect(Number(valueOf(last.Record, 'n'))).toBeLessThanOrEqual(9);
  expect((await offlineRows(group)).length).toBe(60);
});

test('imports Parquet by row ranges and JSON Lines, with numbers kept as written', async ({ page }) => {
  const group = uniqueId('parquet');
  await createGroup({
    FeatureGroupName: group,
    FeatureDefinitions: [
      { FeatureName: 'id', FeatureType: 'String' },
      { FeatureName: 'ts', FeatureType: 'String' },
      { FeatureName: 'code', FeatureType: 'String' },
      { FeatureName: 'big', FeatureType: 'Integral' },
      { FeatureName: 'x', FeatureType: 'Fractional' },
      { FeatureName: 'note', FeatureType: 'String' },
      { FeatureName: 'vec', FeatureType: 'Fractional', CollectionType: 'Vector', CollectionConfig: { VectorConfig: { Dimension: 3 } } },
    ],
    OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'InMemory' },
    OfflineStoreConfig: undefined,
  });
  await page.goto(`/groups/${group}/import`);
  // 2,500 rows in row groups of 1,000.
  await chooseFile(page, 'src/features/bulk-import/fixtures/records.parquet');
  await expect(page.getByText('(2,500 rows)')).toBeVisible();
  await dryRunAndWrite(page, 2500);
  await expect(page.getByTestId('import-summary')).toContainText('2,500 rows written (rows 1-2500)', { timeout: 60_000 });
  const first = await getRecord(group, 'PQ-1');
  expect(valueOf(first.Record, 'code')).toBe('007');
  expect(valueOf(first.Record, 'big')).toBe('9223372036854775807');
  expect(valueOf(first.Record, 'note')).toBe('ünïcødé, "quoted"');
  expect(valueOf((await getRecord(group, 'PQ-2500')).Record, 'x')).toBe('624.75');

  await page.getByRole('button', { name: 'Import another file' }).click();
  const lines = [
    JSON.stringify({ id: 'JL-1', ts: iso(), code: '007', note: 'line, one' }).replace('}', ', "big": 9223372036854775807, "vec": [0.10, 2, 3]}'),
    '{"id": "JL-2", "ts": "not a time"}',
  ];
  await chooseFile(page, sourceFile('rows.jsonl', `${lines.join('\n')}\n`));
  await page.getByRole('button', { name: 'Check every row (dry run)' }).click();
  await expect(page.getByTestId('dry-run-counts')).toHaveText('2 rows read: 1 valid, 1 invalid.');
  await page.getByRole('button', { name: 'Write 1 valid row' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('1 row written (row 1)');
  const jl = await getRecord(group, 'JL-1');
  expect(valueOf(jl.Record, 'big')).toBe('9223372036854775807');
  expect(jl.Record?.find((value) => value.FeatureName === 'vec')?.ValueAsStringList).toEqual(['0.10', '2', '3']);
});

test('a reader import stops at the first refused call, in the form words; the rest is not sent; history says who', async ({ page }) => {
  await page.goto('/groups/customers/import');
  // Sign in through the local user pool's managed login (see sign-in.spec.ts).
  await page.getByTestId('account').getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${featureStoreUrl}/oauth2/authorize`));
  await page.getByLabel('Email or username').fill('reader@example.com');
  await page.getByLabel('Password').fill('Reader-demo-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('account-name')).toHaveText('reader@example.com');
  await expect(page).toHaveURL(/\/groups\/customers\/import$/);

  const ts = iso();
  const total = 2000;
  const prefix = uniqueId('RD');
  const csv = Papa.unparse([['customer_id', 'event_time'], ...Array.from({ length: total }, (_, i) => [`${prefix}-${i + 1}`, ts])]);
  const calls = watchAwsCalls(page);
  await chooseFile(page, sourceFile('reader.csv', csv));
  await dryRunAndWrite(page, total);
  await expect(page.getByRole('heading', { name: 'Import stopped' })).toBeVisible();
  await expect(page.getByTestId('import-stopped')).toContainText('Your identity may not write to feature group customers');
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('0 rows written');
  await expect(summary).toContainText('25 rows failed');
  await expect(summary).toContainText('1,975 rows not sent');
  await page.screenshot({ path: test.info().outputPath('import-refused.png'), fullPage: true });
  expect(writes(calls).map((call) => call.operation)).toEqual(['BatchWriteRecord']);
  expect((await getRecord('customers', `${prefix}-1`)).Record).toBeUndefined();

  // In-app: credentials live in memory only, a reload would sign in again.
  await page.getByRole('link', { name: 'History' }).click();
  const entry = page.getByTestId('history-entry').filter({ hasText: 'reader.csv' });
  await expect(entry).toHaveCount(1);
  await expect(entry.getByTestId('history-actor')).toHaveText(/^reader@example\.com/);
});

test('leaving a running import by a link asks first; staying keeps writing, leaving stops it and the import page says where', async ({ page, request }) => {
  const group = uniqueId('leave');
  await createGroup({ FeatureGroupName: group });
  await request.put(`${featureStoreUrl}/_local/throttle/${group}?requestsPerSecond=2&burst=1`);
  const ts = iso();
  const total = 400;
  const csv = Papa.unparse([['id', 'ts'], ...Array.from({ length: total }, (_, i) => [`L-${i + 1}`, ts])]);
  await page.goto(`/groups/${group}/import`);
  await chooseFile(page, sourceFile('leave.csv', csv));
  await page.getByLabel('Calls in flight at most').fill('1');
  await dryRunAndWrite(page, total);
  const written = async () => Number((await page.getByTestId('rows-written').textContent())?.replace(/,/g, ''));
  await expect.poll(written).toBeGreaterThanOrEqual(25);

  // Stay: the question is dismissed, the page and the import go on.
  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Table', exact: true }).click();
  expect(question).toContain(`An import into ${group} is writing. Leave this page?`);
  await expect(page).toHaveURL(new RegExp(`/groups/${group}/import$`));
  const stayedAt = await written();
  await expect.poll(written).toBeGreaterThan(stayedAt);

  // Leave: accepted, the table opens and the import stops; what AWS acknowledged is kept.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('link', { name: 'Table', exact: true }).click();
  await expect(page).not.toHaveURL(/\/import$/);
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  const shown = page.getByTestId('interrupted-import');
  await expect(shown).toHaveText(/^leave\.csv stopped at [\d,]+ of 400 rows: choose the file to resume\./);
  await page.screenshot({ path: test.info().outputPath('import-left.png'), fullPage: true });
  // The page counts what AWS acknowledged; the call in flight at the leave may still answer, so the
  // page is opened again until its count is the store's (a condition, not a delay).
  const stoppedAt = async () => Number(/stopped at ([\d,]+)/.exec((await shown.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
  await expect
    .poll(async () => {
      await page.getByRole('link', { name: 'Table', exact: true }).click();
      await page.getByRole('link', { name: 'Import', exact: true }).click();
      return (await stoppedAt()) === (await offlineRows(group)).length;
    })
    .toBe(true);
  expect(await stoppedAt()).toBeLessThan(total);
  await request.delete(`${featureStoreUrl}/_local/throttle/${group}`);
});

test('a Parquet file declaring 2^53 rows is refused with words next to the file input, before any row is read', async ({ page }) => {
  await page.goto('/groups/customers/import');
  // 272 bytes: a footer declaring 9,007,199,254,740,992 rows over two real rows (fixtures/craftParquet.ts).
  await chooseFile(page, 'src/features/bulk-import/fixtures/declares-2pow53-rows.parquet');
  await expect(page.getByTestId('source-problem')).toContainText(
    'declares-2pow53-rows.parquet could not be read: The file declares 9,007,199,254,740,992 rows; a Parquet file of 272 bytes can hold at most',
  );
  await expect(page.getByTestId('source-reading')).toHaveCount(0);
  await expect(page.getByTestId('import-mapping')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('import-parquet-2pow53.png'), fullPage: true });
});

// Past the 10,000 failed rows kept whole, the rest are kept as row numbers and read from the file again for the download.
test('every failed row is in the download, past the 10,000 kept whole', async ({ page }) => {
  test.slow();
  const group = uniqueId('manyfail');
  await createGroup({ FeatureGroupName: group });
  const ts = iso();
  const bad = 10_040;
  // Three valid rows around 10,040 whose n is not a number.
  const rows = [
    ['id', 'ts', 'n'],
    ['V-1', ts, '1'],
    ...Array.from({ length: bad }, (_, i) => [`B-${i + 1}`, ts, `not-${i + 1}`]),
    ['V-2', ts, '2'],
    ['V-3', ts, '3'],
  ];
  await page.goto(`/groups/${group}/import`);
  await chooseFile(page, sourceFile('many-failures.csv', Papa.unparse(rows)));
  await dryRunAndWrite(page, 3);
  await expect(page.getByTestId('import-summary')).toContainText('10,040 rows failed.');
  await expect(page.getByTestId('failed-rows-kept')).toHaveText(
    'All 10,040 failed rows are in the download; past the first 10,000, their cells are read from the file again.',
  );
  await expect(page.getByTestId('failed-rows').locator('caption')).toHaveText('The first 100 of 10,040 failed rows; the download has them all.');
  await page.getByTestId('import-summary').screenshot({ path: test.info().outputPath('many-failures-summary.png') });
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download failed rows (CSV)' }).click();
  const failed = Papa.parse<string[]>(fs.readFileSync(await (await downloading).path(), 'utf8').trimEnd()).data;
  expect(failed[0]).toEqual(['id', 'ts', 'n', 'import_error']);
  expect(failed).toHaveLength(bad + 1);
  expect(failed.slice(1).map((row) => row[0])).toEqual(Array.from({ length: bad }, (_, i) => `B-${i + 1}`));
  // A row past the kept ones has its own cells and its own check's message.
  expect(failed.at(-1)?.slice(0, 3)).toEqual([`B-${bad}`, ts, `not-${bad}`]);
  expect(failed.at(-1)?.[3]).toMatch(/^InvalidRow: n: /);
  expect(valueOf((await getRecord(group, 'V-3')).Record, 'n')).toBe('3');
});
