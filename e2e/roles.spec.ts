/**
 * Roles in the console, told up front from config.json's `roles` (the same definition
 * the local Feature Store enforces): the support user changes only the features named
 * for it, and is refused anything else in words; a Standard group says what support can
 * and cannot do there.
 */
import { expect, test, type Page } from '@playwright/test';
import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { expectNoSeriousA11yViolations, featureStoreUrl, field, getRecord, runtime, valueOf, watchAwsCalls, writes } from './support';

const SUPPORT = { username: 'support@example.com', password: 'Support-demo-1', role: 'Support' };

async function signInAsSupport(page: Page): Promise<void> {
  await page.getByTestId('account').getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${featureStoreUrl}/oauth2/authorize`));
  await page.getByLabel('Email or username').fill(SUPPORT.username);
  await page.getByLabel('Password').fill(SUPPORT.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('account-name')).toHaveText(SUPPORT.username);
  await expect(page.getByTestId('account-role')).toHaveText(SUPPORT.role);
}

/** A transaction of its own (Standard_V2: UpdateRecord exists), written a minute ago. */
async function putTransaction(): Promise<string> {
  const id = String(700_000_000 + Math.floor(Math.random() * 100_000_000));
  const eventTime = String(Math.floor(Date.now() / 1000) - 60);
  const values = { transaction_id: id, event_timestamp: eventTime, amount: '10', currency: 'USD', fraud_score: '0.1', card_present: '1' };
  await runtime.send(
    new PutRecordCommand({
      FeatureGroupName: 'transactions',
      Record: Object.entries(values).map(([FeatureName, ValueAsString]) => ({ FeatureName, ValueAsString })),
    }),
  );
  return id;
}

test.describe('the support role', () => {
  // Each test signs in through the managed login and takes full-page screenshots: more room on a shared, slow machine.
  test.describe.configure({ timeout: 90_000 });

  test('changes an allowed feature, and is refused another in words before anything is sent', async ({ page }) => {
    const id = await putTransaction();
    await page.goto(`/groups/transactions/record?id=${id}`);
    await signInAsSupport(page);
    await page.getByRole('link', { name: 'Edit' }).click();
    const notice = page.getByRole('note', { name: 'What your role may write' });
    await expect(notice).toContainText('Your role (Support) may change only fraud_score, card_present of this record (saved with UpdateRecord)');
    await expect(field(page, 'amount')).toBeDisabled();
    await expect(field(page, 'fraud_score')).toBeEnabled();
    await expect(page.getByRole('group', { name: 'Save with' })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('support-edit.png'), fullPage: true });
    await expectNoSeriousA11yViolations(page);

    // Another feature, through the JSON view (the form's field is disabled): refused in words, nothing sent.
    const calls = watchAwsCalls(page);
    await page.getByRole('button', { name: 'JSON', exact: true }).click();
    const json = page.getByLabel('Record (JSON)');
    const text = await json.inputValue();
    await json.fill(text.replace(/("FeatureName": "amount",\s*"ValueAsString": ")10(")/, '$1999$2'));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByTestId('role-refusal')).toHaveText(
      /Not sent: your role may not change amount; it may change only fraud_score, card_present, event_timestamp\./,
    );
    expect(writes(calls)).toEqual([]);
    expect(valueOf((await getRecord('transactions', id)).Record, 'amount')).toBe('10');

    // The allowed feature: saved with UpdateRecord.
    await json.fill(text);
    await page.getByRole('button', { name: 'Form', exact: true }).click();
    await field(page, 'fraud_score').fill('0.95');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByTestId('saved-banner')).toBeVisible();
    expect(writes(calls).map((call) => call.operation)).toEqual(['UpdateRecord']);
    const stored = (await getRecord('transactions', id)).Record;
    expect(valueOf(stored, 'fraud_score')).toBe('0.95');
    expect(valueOf(stored, 'amount')).toBe('10');
  });

  test('may not write new records, and on a Standard group (no UpdateRecord) is told what it can and cannot do', async ({ page }) => {
    await page.goto('/groups/transactions');
    await signInAsSupport(page);
    await expect(page.getByRole('note', { name: 'What your role may write' })).toContainText(
      'may change only fraud_score, card_present of existing records (open a record and edit it); it may not write new records, import or delete.',
    );
    await expect(page.getByRole('button', { name: 'Write record' })).toBeDisabled();
    await page.goto('/groups/customers/record?id=C-1002');
    await page.getByRole('link', { name: 'Edit' }).click();
    const notice = page.getByRole('note', { name: 'What your role may write' });
    await expect(notice).toContainText(
      "Read-only here: your role (Support) may change only segment, and only with UpdateRecord, which customers's Standard online store does not offer.",
    );
    await expect(notice).toContainText('It may not overwrite whole records (PutRecord) or delete them');
    await expect(page.getByRole('button', { name: 'Save changes' })).toBeDisabled();
    await page.screenshot({ path: test.info().outputPath('support-standard.png'), fullPage: true });
  });

  test('may not delete: told before clicking, on the record page and in the records table', async ({ page }) => {
    const id = await putTransaction();
    await page.goto(`/groups/transactions/record?id=${id}`);
    await signInAsSupport(page);
    const calls = watchAwsCalls(page);
    const remove = page.getByRole('button', { name: 'Delete…' });
    await expect(remove).toBeDisabled();
    const reason = page.getByTestId('delete-access');
    await expect(reason).toContainText('You may not delete records here.');
    await expect(reason).toContainText('it may not write new records, import or delete');
    // The reason is the button's description, for screen readers too.
    await expect(remove).toHaveAttribute('aria-describedby', 'delete-access');
    await page.screenshot({ path: test.info().outputPath('support-no-delete.png'), fullPage: true });

    await page.goto('/groups/transactions/table');
    await page.getByLabel(/^Filter by .* prefix$/).fill(id);
    await expect(page.getByTestId('records-table').getByRole('row')).toHaveCount(2);
    await page.getByLabel('Select every shown row').check();
    await expect(page.getByRole('button', { name: 'Delete selected (1)' })).toBeDisabled();
    await expect(page.getByTestId('delete-access')).toContainText('You may not delete records here.');
    expect(writes(calls)).toEqual([]);
    expect(valueOf((await getRecord('transactions', id)).Record, 'amount')).toBe('10');
  });
});
