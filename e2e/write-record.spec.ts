import { expect, test } from '@playwright/test';
import { field, fillIdentity, getRecord, offlineRows, openGroup, uniqueId, valueOf, watchAwsCalls, writes } from './support';

test.describe('writing a record to each seeded group', () => {
  test('customers: scalars, Integral beyond 2^53, explicit empty string, group-default TTL; predicted ExpiresAt equals the returned one', async ({ page }) => {
    const id = uniqueId('C');
    await openGroup(page, 'customers');
    await fillIdentity(page, 'customer_id', id);
    await field(page, 'age').fill('41');
    await field(page, 'lifetime_value').fill('1.5e3');
    await field(page, 'account_balance_micros').fill('9223372036854775807');
    await page.getByRole('checkbox', { name: 'Send an empty string' }).first().check();
    await page.getByRole('button', { name: 'Write record' }).click();

    const outcome = page.getByTestId('write-outcome');
    await expect(outcome).toContainText(`Record written: ${id}`);
    await expect(outcome.getByTestId('request-id')).toHaveText(/^[0-9a-f-]{36}$/);
    const predicted = await page.getByTestId('predicted-expires-at').textContent();
    await expect(outcome.getByTestId('returned-expires-at')).toHaveText(predicted ?? 'missing');
    await expect(outcome).toContainText('✓ matches');

    const stored = await getRecord('customers', id);
    expect(valueOf(stored.Record, 'account_balance_micros')).toBe('9223372036854775807');
    expect(valueOf(stored.Record, 'lifetime_value')).toBe('1.5e3');
    expect(valueOf(stored.Record, 'segment')).toBe('');
    expect(valueOf(stored.Record, 'signup_channel')).toBeUndefined();
    expect(stored.ExpiresAt).toBe(predicted);
  });

  test('transactions: Integral identifier, Fractional (epoch seconds) event time, no TTL', async ({ page }) => {
    const id = String(Date.now());
    await openGroup(page, 'transactions');
    await fillIdentity(page, 'transaction_id', id);
    await expect(field(page, 'event_timestamp')).toHaveValue(/^\d{10}(\.\d{1,3})?$/);
    await field(page, 'amount').fill('12.34');
    await field(page, 'currency').fill('EUR');
    await expect(page.getByText('Never expires: no TTL applies to this record.')).toBeVisible();
    await page.getByRole('button', { name: 'Write record' }).click();
    await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);
    const stored = await getRecord('transactions', id);
    expect(valueOf(stored.Record, 'amount')).toBe('12.34');
    expect(stored.ExpiresAt).toBeUndefined();
  });

  test('product-embeddings: set, lists (typed, pasted, reordered) and a vector of its exact dimension', async ({ page }) => {
    const id = uniqueId('P');
    await openGroup(page, 'product-embeddings');
    await fillIdentity(page, 'product_id', id);
    await page.getByRole('button', { name: 'Add String element to tags' }).click();
    await field(page, 'tags element 1').fill('red');
    await page.getByRole('button', { name: 'Add String element to tags' }).click();
    await field(page, 'tags element 2').fill('blue');
    await page.getByRole('button', { name: 'Move tags element 2 up' }).click();
    await expect(field(page, 'tags element 1')).toHaveValue('blue');

    const pasteInto = async (feature: string, text: string) => {
      const group = page.getByRole('group', { name: feature, exact: true });
      await group.getByRole('button', { name: 'Paste values…' }).click();
      await page.getByLabel(`Paste elements for ${feature}`, { exact: false }).fill(text);
      await group.getByRole('button', { name: /Replace list/ }).click();
    };
    await pasteInto('recent_prices', '9.99\n8.5\n7');
    await pasteInto('daily_views', '[9007199254740993, 2]');
    await pasteInto('embedding', '0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7');
    await expect(page.getByText('7 / 8')).toBeVisible();
    await page.getByRole('button', { name: 'Add Fractional element to embedding' }).click();
    await field(page, 'embedding element 8').fill('-1e-3');
    await expect(page.getByText('8 / 8')).toBeVisible();
    await page.getByRole('button', { name: 'Write record' }).click();
    await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);

    const stored = await getRecord('product-embeddings', id);
    expect(valueOf(stored.Record, 'tags')).toEqual(['blue', 'red']);
    expect(valueOf(stored.Record, 'recent_prices')).toEqual(['9.99', '8.5', '7']);
    expect(valueOf(stored.Record, 'daily_views')).toEqual(['9007199254740993', '2']);
    expect(valueOf(stored.Record, 'embedding')).toEqual(['0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '-1e-3']);
  });

  test('clickstream-events: an offline-only group writes to the offline store; TTL is disabled with the reason', async ({ page }) => {
    const id = uniqueId('S');
    await openGroup(page, 'clickstream-events');
    await expect(page.getByText('Online store: not offered, this group has no online store.')).toBeVisible();
    await expect(page.getByRole('group', { name: 'Time to live (TTL)' }).getByRole('radio', { name: 'Custom' })).toBeDisabled();
    await expect(page.getByText('TTL applies to the online store, and this group has none.')).toBeVisible();
    await fillIdentity(page, 'session_id', id);
    await field(page, 'page').fill('/checkout');
    await page.getByRole('button', { name: 'Write record' }).click();
    await expect(page.getByTestId('write-outcome')).toContainText('Written to the offline store only');
    expect((await offlineRows('clickstream-events')).some((row) => row.session_id === id && row.page === '/checkout')).toBe(true);
  });

  test('customers, OfflineStore only: not returned by GetRecord, present in the offline store', async ({ page }) => {
    const id = uniqueId('OFF');
    await openGroup(page, 'customers');
    await fillIdentity(page, 'customer_id', id);
    await page.getByRole('checkbox', { name: 'Online store' }).uncheck();
    await expect(page.getByText('TTL applies to the online store; this write targets the offline store only.')).toBeVisible();
    await expect(page.locator('#request-preview')).toContainText('"OfflineStore"');
    await page.getByRole('button', { name: 'Write record' }).click();
    await expect(page.getByTestId('write-outcome')).toContainText('Written to the offline store only');
    expect((await getRecord('customers', id)).Record).toBeUndefined();
    expect((await offlineRows('customers')).some((row) => row.customer_id === id)).toBe(true);
  });

  test('a custom TTL sets ExpiresAt = event time + TTL', async ({ page }) => {
    const id = uniqueId('TTL');
    await openGroup(page, 'customers');
    await fillIdentity(page, 'customer_id', id);
    await page.getByRole('radio', { name: 'Custom' }).check();
    await page.getByLabel('TTL value').fill('90');
    await page.getByLabel('TTL unit').selectOption('Minutes');
    await expect(page.locator('#request-preview')).toContainText('"Unit": "Minutes"');
    const eventTime = await field(page, 'event_time').inputValue();
    const expected = new Date(Date.parse(eventTime) + 90 * 60_000).toISOString();
    await expect(page.getByTestId('predicted-expires-at')).toHaveText(expected);
    await page.getByRole('button', { name: 'Write record' }).click();
    await expect(page.getByTestId('returned-expires-at')).toHaveText(expected);
    expect((await getRecord('customers', id)).ExpiresAt).toBe(expected);
  });

  test('exchange-rates: the guest may not write, and says so; the form keeps every value', async ({ page }) => {
    const calls = watchAwsCalls(page);
    await openGroup(page, 'exchange-rates');
    await fillIdentity(page, 'currency_pair', 'USDJPY');
    await field(page, 'rate').fill('151.2');
    await page.getByRole('button', { name: 'Write record' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Your identity may not write to feature group exchange-rates' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('AccessForbidden');
    await expect(alert).toContainText(/Request id\s*[0-9a-f-]{36}/);
    await expect(field(page, 'rate')).toHaveValue('151.2');
    expect(writes(calls).map((call) => call.operation)).toEqual(['PutRecord']);
  });

  test('keyboard only: tab to the fields, type, and write with Ctrl+Enter (Enter alone never writes, B3)', async ({ page }) => {
    const id = uniqueId('KB');
    await openGroup(page, 'customers');
    await field(page, 'customer_id').focus();
    await page.keyboard.type(id);
    await page.keyboard.press('Tab');
    await page.keyboard.type(new Date().toISOString());
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);
    expect((await getRecord('customers', id)).Record).toBeDefined();
  });
});
