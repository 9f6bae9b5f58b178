import { expect, test } from '@playwright/test';
import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { createGroup, field, getRecord, openGroup, runtime, uniqueId, valueOf, watchAwsCalls, writes } from './support';

const put = (group: string, values: Record<string, string>) =>
  runtime.send(
    new PutRecordCommand({ FeatureGroupName: group, Record: Object.entries(values).map(([FeatureName, ValueAsString]) => ({ FeatureName, ValueAsString })) }),
  );

test.describe('support edits: no silent loss', () => {
  test('B1: an edit that reaches the offline store only (another writer was newer) says so and can be reapplied', async ({ page }) => {
    const id = uniqueId('C');
    await put('customers', { customer_id: id, event_time: new Date(Date.now() - 60_000).toISOString(), age: '30', segment: 'consumer' });
    await page.goto(`/groups/customers/record?id=${encodeURIComponent(id)}`);
    await page.getByRole('link', { name: 'Edit' }).click();
    await field(page, 'segment').fill('enterprise');
    // Another writer (the CLI, here the SDK) writes a newer version after the edit was opened.
    await expect(field(page, 'event_time')).not.toHaveValue('');
    const opened = Date.parse(await field(page, 'event_time').inputValue());
    await put('customers', { customer_id: id, event_time: new Date(opened + 1).toISOString(), age: '77', segment: 'consumer' });
    await page.getByRole('button', { name: 'Save changes' }).click();

    const outcome = page.getByTestId('offline-only-outcome');
    await expect(outcome).toContainText('Reached the offline store only');
    await expect(outcome).toContainText('keeps a newer record');
    await expect(page.getByTestId('saved-banner')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('offline-only.png'), fullPage: true });
    expect(valueOf((await getRecord('customers', id)).Record, 'segment')).toBe('consumer');

    await outcome.getByRole('button', { name: 'Reload the latest and reapply my changes' }).click();
    await expect(field(page, 'segment')).toHaveValue('enterprise');
    await expect(field(page, 'age')).toHaveValue('77');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByTestId('saved-banner')).toBeVisible();
    const stored = (await getRecord('customers', id)).Record;
    expect(valueOf(stored, 'segment')).toBe('enterprise');
    expect(valueOf(stored, 'age')).toBe('77');

    // History says it too: the first save reached the offline store only, the second did not.
    await page.goto('/history');
    const rows = page.getByRole('row').filter({ hasText: id });
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'reached the offline store only' })).toHaveCount(1);
  });
});

test('B14: a Standard group offers no "Save with" choice (both would be PutRecord)', async ({ page }) => {
  const id = uniqueId('C');
  await put('customers', { customer_id: id, event_time: new Date(Date.now() - 60_000).toISOString() });
  await page.goto(`/groups/customers/record?id=${encodeURIComponent(id)}`);
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Save with' })).toHaveCount(0);
});

test('B2: identifiers with %, +, #, &, /, spaces and unicode open, edit and delete exactly that record', async ({ page }) => {
  const group = await createGroup({ FeatureGroupName: uniqueId('ids') });
  const ids = ['C%20A', 'C A', 'a+b', 'a b', 'x#y&z=1/w?q', 'ünï 😀 %41'];
  for (const [index, id] of ids.entries()) await put(group, { id, ts: new Date(Date.now() - 60_000).toISOString(), n: String(index) });
  for (const [index, id] of ids.entries()) {
    await page.goto(`/groups/${group}/records`);
    await page.getByLabel('id', { exact: true }).fill(id);
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await expect(page.getByRole('heading', { name: `Record ${id}`, exact: true })).toBeVisible();
    await expect(page.locator('tr[data-feature="n"]')).toContainText(String(index));
  }
  // Edit and delete the record named with a percent escape: its look-alike stays untouched.
  await page.goto(`/groups/${group}/records`);
  await page.getByLabel('id', { exact: true }).fill('C%20A');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(field(page, 'id')).toHaveValue('C%20A');
  await field(page, 'n').fill('100');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('saved-banner')).toBeVisible();
  expect(valueOf((await getRecord(group, 'C%20A')).Record, 'n')).toBe('100');
  expect(valueOf((await getRecord(group, 'C A')).Record, 'n')).toBe('1');
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /delete record/ })
    .click();
  await expect(page.getByTestId('delete-outcome')).toBeVisible();
  expect((await getRecord(group, 'C%20A')).Record).toBeUndefined();
  expect(valueOf((await getRecord(group, 'C A')).Record, 'n')).toBe('1');
});

test.describe('warned before writing', () => {
  test('event times far ahead or behind, underflow and epoch milliseconds are warned in words (event-time warnings)', async ({ page }) => {
    await openGroup(page, 'customers');
    const warning = page.getByTestId('event-time-input-warning');
    await field(page, 'event_time').fill('2099-01-01T00:00:00Z');
    await expect(warning).toContainText('this blocks every later write from reaching the online store');
    await field(page, 'event_time').fill('0001-01-01T00:00:00Z');
    await expect(warning).toContainText('more than 50 years in the past');
    await page.screenshot({ path: test.info().outputPath('event-time-warning.png') });
    await openGroup(page, 'transactions');
    await field(page, 'event_timestamp').fill('99999999999');
    await expect(warning).toContainText('blocks every later write');
    await field(page, 'event_timestamp').fill('1e-400');
    await expect(warning).toContainText('becomes 0');
    await field(page, 'event_timestamp').fill('1764028800000');
    await expect(warning).toContainText('epoch milliseconds');
    await page.getByRole('button', { name: 'Now', exact: true }).click();
    await expect(warning).toHaveCount(0);
  });

  test('B11/B16: spaces-only identifiers are refused, padded ones and bidi controls warned and shown escaped', async ({ page }) => {
    const group = await createGroup({ FeatureGroupName: uniqueId('idw') });
    await openGroup(page, group);
    await field(page, 'id').fill('   ');
    await page.getByRole('button', { name: 'Now', exact: true }).click();
    await page.getByRole('button', { name: 'Write record' }).click();
    await expect(page.getByText('The record identifier cannot be only spaces.').first()).toBeVisible();
    await field(page, 'id').fill(' padded ');
    await expect(page.getByTestId('identifier-warning')).toContainText('starts or ends with spaces');
    const bidi = 'abc\u202Egpj.exe';
    await field(page, 'id').fill(bidi);
    await expect(page.getByTestId('identifier-warning')).toContainText('abc\\u{202E}gpj.exe');
    await page.getByRole('button', { name: 'Write record' }).click();
    await expect(page.getByTestId('write-outcome')).toBeVisible();
    await page.goto(`/groups/${group}/record?id=${encodeURIComponent(bidi)}`);
    await expect(page.getByRole('heading', { name: 'Record abc\\u{202E}gpj.exe' })).toBeVisible();
  });

  test('B17: an offline-only group’s event-time hint does not talk about the online store', async ({ page }) => {
    await openGroup(page, 'clickstream-events');
    const hint = page.locator('#' + (await field(page, 'event_time').getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-hint'))!);
    await expect(hint).toContainText('no online store');
    await expect(hint).not.toContainText('reaches the online store');
  });

  test('B12: after a soft delete the page says what the console knows, not a list of guesses', async ({ page }) => {
    const group = await createGroup({ FeatureGroupName: uniqueId('sdel') });
    await put(group, { id: 'r1', ts: new Date(Date.now() - 60_000).toISOString() });
    await page.goto(`/groups/${group}/record?id=r1`);
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Soft delete record' }).click();
    await expect(page.getByTestId('record-not-found')).toContainText('you soft-deleted it just now');
    await expect(page.getByTestId('record-not-found')).not.toContainText('It could be that it was');
  });
});

test('B10: batch find splits at newlines and commas together; a wrongly typed identifier is a type error, not "not found"', async ({ page }) => {
  const group = await createGroup({
    FeatureGroupName: uniqueId('intid'),
    FeatureDefinitions: [
      { FeatureName: 'id', FeatureType: 'Integral' },
      { FeatureName: 'ts', FeatureType: 'String' },
    ],
  });
  await put(group, { id: '1', ts: new Date(Date.now() - 60_000).toISOString() });
  await put(group, { id: '3', ts: new Date(Date.now() - 60_000).toISOString() });
  await page.goto(`/groups/${group}/records`);
  await page.getByLabel('id values').fill('1, 2\n3\nx1');
  await page.getByRole('button', { name: 'Find 4 records' }).click();
  const table = page.getByRole('table', { name: 'Batch results' });
  await expect(table.getByRole('row', { name: /^1 found/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /^2 not found/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /^3 found/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /^x1 Not a valid Integral identifier/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('batch-find.png') });
});

test('B5: pasting values keeps empty elements in place and says so', async ({ page }) => {
  await openGroup(page, 'product-embeddings');
  const embedding = page.getByRole('group', { name: 'embedding' });
  await embedding.getByRole('button', { name: 'Paste values…' }).click();
  await embedding.getByLabel(/Paste elements for embedding/).fill('0.1\n\n0.3\n0.4\n0.5\n0.6\n0.7\n0.8');
  await embedding.getByRole('button', { name: /Replace list/ }).click();
  await expect(page.getByTestId('paste-note')).toHaveText('Pasted 8 elements; element 2 is empty: fill in or remove.');
  await expect(page.getByLabel('embedding element 2', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('embedding element 3', { exact: true })).toHaveValue('0.3');
  await page.getByTestId('paste-note').scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('paste-note.png') });
});

test('B3: Enter moves on (in a list it adds the next element) and never writes; Ctrl+Enter writes', async ({ page }) => {
  const calls = watchAwsCalls(page);
  const id = uniqueId('KB');
  await openGroup(page, 'product-embeddings');
  await expect(page.getByTestId('keyboard-help')).toContainText('Enter writes the record');
  await field(page, 'product_id').fill(id);
  await field(page, 'product_id').press('Enter');
  await expect(field(page, 'event_time')).toBeFocused();
  expect(writes(calls)).toEqual([]);
  const prices = page.getByRole('group', { name: 'recent_prices' });
  await prices.getByRole('button', { name: /^Add / }).click();
  await page.getByLabel('recent_prices element 1', { exact: true }).fill('1.5');
  await page.getByLabel('recent_prices element 1', { exact: true }).press('Enter');
  await expect(page.getByLabel('recent_prices element 2', { exact: true })).toBeFocused();
  await page.keyboard.type('2.5');
  await page.getByRole('button', { name: 'Now', exact: true }).first().click();
  await page.getByLabel('recent_prices element 2', { exact: true }).press('Control+Enter');
  await expect(page.getByTestId('write-outcome')).toBeVisible();
  expect(valueOf((await getRecord('product-embeddings', id)).Record, 'recent_prices')).toEqual(['1.5', '2.5']);
});

test('B4: Write is enabled again after leaving invalid JSON, and after Clear form', async ({ page }) => {
  await openGroup(page, 'customers');
  const write = page.getByRole('button', { name: 'Write record' });
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await page.getByLabel('Record (JSON)').fill('[{');
  await expect(write).toBeDisabled();
  await page.getByRole('button', { name: 'Form', exact: true }).click();
  await expect(write).toBeEnabled();
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await page.getByLabel('Record (JSON)').fill('not json');
  await expect(write).toBeDisabled();
  await page.getByRole('button', { name: 'Clear form' }).click();
  await expect(write).toBeEnabled();
  await expect(page.getByLabel('Record (JSON)')).not.toHaveValue('not json');
});

test('B6: an error-summary link reveals a field hidden by the feature filter and focuses it', async ({ page }) => {
  const group = await createGroup({
    FeatureGroupName: uniqueId('wide'),
    FeatureDefinitions: [
      { FeatureName: 'id', FeatureType: 'String' },
      { FeatureName: 'ts', FeatureType: 'String' },
      ...Array.from({ length: 14 }, (_, index) => ({ FeatureName: `f${index + 1}`, FeatureType: 'Integral' as const })),
    ],
  });
  await openGroup(page, group);
  await field(page, 'id').fill('r1');
  await field(page, 'f5').fill('not a number');
  await page.getByLabel('Filter features by name').fill('f1');
  await expect(field(page, 'f5')).toHaveCount(0);
  await page.getByRole('button', { name: 'Write record' }).click();
  await page.getByRole('alert').getByRole('button', { name: 'f5', exact: true }).click();
  await expect(field(page, 'f5')).toBeFocused();
});

test('B8: "credentials expire in" keeps counting', async ({ page }) => {
  await openGroup(page, 'customers');
  const expiry = page.getByTestId('identity').locator('time');
  await expect(expiry).toHaveText(/minute|second/);
  const first = await expiry.innerText();
  await expect(expiry).not.toHaveText(first, { timeout: 10_000 });
});

test('B13: the target-stores hint follows the checkboxes', async ({ page }) => {
  await openGroup(page, 'customers');
  const hint = page.getByTestId('target-stores-hint');
  await expect(hint).toContainText('With every store checked the request names none');
  await page.getByRole('checkbox', { name: 'Offline store' }).uncheck();
  await expect(hint).toHaveText('The request names TargetStores: [OnlineStore]; the other store is not written.');
});

test('the shared lookup form: on a "not found" page, look up another identifier; a wrongly typed one is a type error, never sent', async ({ page }) => {
  await page.goto('/groups/transactions/record?id=999999999999');
  const notFound = page.getByTestId('record-not-found');
  await expect(notFound).toContainText('Not found in the online store');
  const lookup = notFound.getByRole('form', { name: 'Look up another identifier' });
  const idField = lookup.getByLabel('transaction_id', { exact: true });
  await idField.fill('12ab');
  await lookup.getByRole('button', { name: 'Find' }).click();
  await expect(lookup.getByRole('alert')).toContainText('Not a valid Integral identifier');
  await expect(page).toHaveURL(/id=999999999999/);
  await idField.fill('1001');
  await lookup.getByRole('button', { name: 'Find' }).click();
  await expect(page).toHaveURL(/id=1001/);
});
