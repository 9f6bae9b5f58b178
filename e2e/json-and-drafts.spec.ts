import { expect, test } from '@playwright/test';
import { field, fillIdentity, getRecord, openGroup, uniqueId, valueOf } from './support';

test('the JSON view round-trips losslessly and is remembered', async ({ page }) => {
  const id = uniqueId('J');
  await openGroup(page, 'customers');
  await fillIdentity(page, 'customer_id', id);
  await field(page, 'account_balance_micros').fill('9007199254740993');
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  const json = page.getByLabel('Record (JSON)');
  await expect(json).toHaveValue(/"9007199254740993"/);
  const edited = (await json.inputValue()).replace('9007199254740993', '-9223372036854775808');
  await json.fill(edited);
  await page.getByRole('button', { name: 'Form', exact: true }).click();
  await expect(field(page, 'account_balance_micros')).toHaveValue('-9223372036854775808');
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await page.reload();
  await expect(page.getByLabel('Record (JSON)')).toBeVisible();
  await expect(page.getByLabel('Record (JSON)')).toHaveValue(/"-9223372036854775808"/);
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(id);
  expect(valueOf((await getRecord('customers', id)).Record, 'account_balance_micros')).toBe('-9223372036854775808');
  await page.getByRole('button', { name: 'Form', exact: true }).click();
});

test('a reload restores the draft, a closed tab too, and "Clear form" empties it', async ({ page, context }) => {
  const id = uniqueId('D');
  await openGroup(page, 'product-embeddings');
  await field(page, 'product_id').fill(id);
  await field(page, 'title').fill('Draft title');
  await page.getByRole('button', { name: 'Add String element to tags' }).click();
  await field(page, 'tags element 1').fill('kept');
  await page.getByRole('radio', { name: 'Custom' }).check();
  await page.getByLabel('TTL value').fill('3');
  await page.reload();
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(field(page, 'product_id')).toHaveValue(id);
  await expect(field(page, 'title')).toHaveValue('Draft title');
  await expect(field(page, 'tags element 1')).toHaveValue('kept');
  await expect(page.getByLabel('TTL value')).toHaveValue('3');

  await field(page, 'title').fill('Typed just before closing');
  await page.close({ runBeforeUnload: true });
  const second = await context.newPage();
  await openGroup(second, 'product-embeddings');
  await expect(field(second, 'title')).toHaveValue('Typed just before closing');

  await second.getByRole('button', { name: 'Clear form' }).click();
  await expect(field(second, 'product_id')).toHaveValue('');
  await second.reload();
  await expect(field(second, 'product_id')).toHaveValue('');
  await expect(second.getByTestId('draft-restored')).toHaveCount(0);
});

test('a draft survives a failed write', async ({ page }) => {
  await openGroup(page, 'exchange-rates');
  await fillIdentity(page, 'currency_pair', 'CHFUSD');
  await field(page, 'source').fill('manual');
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'may not write' })).toBeVisible();
  await page.reload();
  await expect(field(page, 'source')).toHaveValue('manual');
  await page.getByRole('button', { name: 'Clear form' }).click();
});
