import { expect, test } from '@playwright/test';
import { BAD_CONFIG_CONSOLE_PORT, UNREACHABLE_CONSOLE_PORT } from '../playwright.config';

test('the header says where the console points, as whom, and until when', async ({ page }) => {
  await page.goto('/');
  const environment = page.getByLabel('Environment');
  await expect(environment.getByText('Local', { exact: true })).toBeVisible();
  await expect(environment).toContainText('us-east-1');
  await expect(page.getByTestId('endpoint')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+$/);
  await expect(page.getByTestId('relay')).toHaveText('via relay');
  await expect(page.getByTestId('identity')).toContainText(/Identity us-east-1:[0-9a-f-]{36}/);
  await expect(page.getByTestId('identity')).toContainText(/credentials expire in 59 minutes|credentials expire in 1 hour/);
  // Credentials stay in memory: nothing about them in browser storage. The identity id,
  // which is not a secret, is kept so that a reload reuses the identity.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toMatch(/ASIA|SessionToken|SecretKey|secretAccessKey|AccessKeyId/);
  const identity = /Identity (us-east-1:[0-9a-f-]{36})/.exec((await page.getByTestId('identity').textContent()) ?? '')?.[1];
  expect(identity).toBeTruthy();
  await page.reload();
  await expect(page.getByTestId('identity')).toContainText(`Identity ${identity}`);
});

test('groups are searchable and open by URL, name or ARN', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Search feature groups by name').fill('trans');
  await expect(page.getByRole('link', { name: 'transactions' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'customers' })).toHaveCount(0);
  await page.getByLabel('Feature group name or ARN').fill('arn:aws:sagemaker:us-east-1:000000000000:feature-group/customers');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { name: 'customers', level: 1 })).toBeVisible();
  await page.goto('/groups/no-such-group');
  await expect(page.getByRole('alert')).toContainText('Not found: feature group no-such-group');
});

test('an unreachable endpoint gives a clear message instead of a blank page', async ({ page }) => {
  await page.goto(`http://localhost:${UNREACHABLE_CONSOLE_PORT}/groups/customers`);
  const alert = page.getByRole('alert').filter({ hasText: 'The endpoint did not answer' });
  await expect(alert).toBeVisible({ timeout: 20_000 });
  await expect(alert).toContainText('http://127.0.0.1:9');
  // No AWS answer arrived: no "AWS error TypeError" (B15).
  await expect(alert).not.toContainText('TypeError');
});

test('a wrong config.json shows the setup page naming each wrong field', async ({ page }) => {
  await page.goto(`http://localhost:${BAD_CONFIG_CONSOLE_PORT}/`);
  await expect(page.getByRole('heading', { name: 'Set up the console' })).toBeVisible();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('config.json has invalid settings');
  await expect(alert).toContainText('region must be an AWS Region code such as us-east-1');
  await expect(alert).toContainText('endpoints.featureStoreRuntime must be an http:// or https:// URL');
  await expect(alert).toContainText('identityPoolId is required');
});
