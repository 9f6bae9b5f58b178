import { expect, test } from '@playwright/test';
import { field, fillIdentity, openGroup, uniqueId, watchAwsCalls, writes } from './support';

test.describe('invalid input: a clear error at the field, and nothing sent', () => {
  const cases: { name: string; group: string; idFeature: string; feature: string; value: string; message: RegExp }[] = [
    { name: 'Integral above int64', group: 'customers', idFeature: 'customer_id', feature: 'age', value: '9223372036854775808', message: /signed 64-bit/ },
    { name: 'Integral with a decimal point', group: 'customers', idFeature: 'customer_id', feature: 'age', value: '4.5', message: /whole numbers/ },
    { name: 'Fractional NaN', group: 'customers', idFeature: 'customer_id', feature: 'lifetime_value', value: 'NaN', message: /NaN and Infinity/ },
    { name: 'Fractional overflow', group: 'customers', idFeature: 'customer_id', feature: 'lifetime_value', value: '1e999', message: /Too large/ },
    {
      name: 'ISO event time with an offset',
      group: 'customers',
      idFeature: 'customer_id',
      feature: 'event_time',
      value: '2026-01-01T00:00:00+02:00',
      message: /numeric offsets/,
    },
    {
      name: 'epoch event time as words',
      group: 'transactions',
      idFeature: 'transaction_id',
      feature: 'event_timestamp',
      value: 'yesterday',
      message: /epoch seconds/,
    },
    {
      name: 'Integral identifier with letters',
      group: 'transactions',
      idFeature: 'transaction_id',
      feature: 'transaction_id',
      value: 'T-1',
      message: /whole number/,
    },
  ];

  for (const testCase of cases) {
    test(`${testCase.name}: error on blur and on submit, no PutRecord`, async ({ page }) => {
      const calls = watchAwsCalls(page);
      await openGroup(page, testCase.group);
      await fillIdentity(
        page,
        testCase.idFeature,
        testCase.feature === testCase.idFeature ? testCase.value : testCase.group === 'transactions' ? String(Date.now()) : uniqueId('C'),
      );
      const input = field(page, testCase.feature);
      await input.fill(testCase.value);
      await input.blur();
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByRole('alert').filter({ hasText: testCase.message }).first()).toBeVisible();

      await page.getByRole('button', { name: 'Write record' }).click();
      await expect(page.getByRole('alert').filter({ hasText: /problem(s)? to fix before anything is sent/ })).toBeVisible();
      await expect(input).toBeFocused();
      await expect(input).toHaveValue(testCase.value);
      expect(writes(calls)).toEqual([]);
    });
  }

  test('missing identifier and event time: both reported at once, focus on the first', async ({ page }) => {
    const calls = watchAwsCalls(page);
    await openGroup(page, 'customers');
    await page.getByRole('button', { name: 'Write record' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '2 problems to fix before anything is sent' });
    await expect(summary).toContainText('customer_id');
    await expect(summary).toContainText('event_time');
    await expect(field(page, 'customer_id')).toBeFocused();
    await summary.getByRole('button', { name: 'event_time' }).click();
    await expect(field(page, 'event_time')).toBeFocused();
    expect(writes(calls)).toEqual([]);
  });

  test('set duplicates, a bad list element and a vector of the wrong dimension', async ({ page }) => {
    const calls = watchAwsCalls(page);
    await openGroup(page, 'product-embeddings');
    await fillIdentity(page, 'product_id', uniqueId('P'));
    for (const value of ['a', 'a']) {
      await page.getByRole('button', { name: 'Add String element to tags' }).click();
      await page.getByRole('group', { name: 'tags', exact: true }).getByRole('textbox').last().fill(value);
    }
    await page.getByRole('button', { name: 'Add Integral element to daily_views' }).click();
    await field(page, 'daily_views element 1').fill('ten');
    await page.getByRole('button', { name: 'Add Fractional element to embedding' }).click();
    await field(page, 'embedding element 1').fill('0.5');
    await page.getByRole('button', { name: 'Write record' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'to fix before anything is sent' });
    await expect(summary).toContainText('tags element 2: Duplicate');
    await expect(summary).toContainText('daily_views element 1');
    await expect(summary).toContainText('A Vector needs exactly 8 elements; it has 1.');
    expect(writes(calls)).toEqual([]);
  });

  test('no store chosen, and a custom TTL of zero', async ({ page }) => {
    const calls = watchAwsCalls(page);
    await openGroup(page, 'customers');
    await fillIdentity(page, 'customer_id', uniqueId('C'));
    await page.getByRole('radio', { name: 'Custom' }).check();
    await page.getByLabel('TTL value').fill('0');
    await page.getByRole('button', { name: 'Write record' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /TTL: Enter a whole number of at least 1/ })).toBeVisible();
    await page.getByRole('checkbox', { name: 'Online store' }).uncheck();
    await page.getByRole('checkbox', { name: 'Offline store' }).uncheck();
    await expect(page.getByRole('alert').filter({ hasText: 'Choose at least one store to write to.' }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Write record' }).click();
    expect(writes(calls)).toEqual([]);
  });

  test('invalid JSON in the JSON view blocks writing and says why', async ({ page }) => {
    const calls = watchAwsCalls(page);
    await openGroup(page, 'customers');
    await page.getByRole('button', { name: 'JSON', exact: true }).click();
    const json = page.getByLabel('Record (JSON)');
    await json.fill('[{"FeatureName": "age", "ValueAsString": 42}]');
    await expect(page.getByRole('alert').filter({ hasText: 'numbers in quotes' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Write record' })).toBeDisabled();
    expect(writes(calls)).toEqual([]);
  });
});
