/**
 * Every screen under the strict Content-Security-Policy with Trusted Types required, as
 * CloudFront and `vite preview` send it (server/securityHeaders.ts): zero violations.
 */
import { expect, test } from '@playwright/test';
import { BAD_CONFIG_CONSOLE_PORT } from '../playwright.config';
import { field, fillIdentity, openGroup, uniqueId, watchViolations } from './support';

test('the console is served with the strict policy and Trusted Types required', async ({ request }) => {
  const response = await request.get('/');
  const csp = response.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("require-trusted-types-for 'script'");
  expect(csp).toContain('trusted-types import-worker');
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect(response.headers()['referrer-policy']).toBe('no-referrer');
  // Production builds publish no source maps.
  const html = await response.text();
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
  expect(script).not.toBe('');
  expect((await request.get(`${script}.map`)).headers()['content-type'] ?? '').not.toContain('json');
});

test('every screen runs with zero CSP or Trusted Types violations', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: /feature groups/i }).first()).toBeVisible();
  await openGroup(page, 'customers');
  const id = uniqueId('CSP');
  await fillIdentity(page, 'customer_id', id);
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);
  await page.goto(`/groups/customers/record?id=${encodeURIComponent(id)}`);
  await expect(page.getByText(id).first()).toBeVisible();
  await page.goto(`/groups/customers/record/edit?id=${encodeURIComponent(id)}`);
  await expect(field(page, 'customer_id')).toBeVisible();
  for (const path of ['/groups/customers/browse', '/groups/customers/table', '/groups/product-embeddings', '/history']) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
  }
  // Bulk import starts its reader worker through the one Trusted Types policy (import-worker).
  await page.goto('/groups/customers/import');
  await page.getByLabel('File to import').setInputFiles({
    name: 'csp.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`customer_id,event_time\nCSP-1,${new Date().toISOString()}\n`),
  });
  await expect(page.getByTestId('mapping-table')).toBeVisible();
  await page.getByRole('button', { name: 'Check every row (dry run)' }).click();
  await expect(page.getByTestId('dry-run-counts')).toHaveText('1 row read: 1 valid, 0 invalid.');
  await page.goto(`http://localhost:${BAD_CONFIG_CONSOLE_PORT}/`);
  await expect(page.getByRole('heading').first()).toBeVisible();
  expect(violations).toEqual([]);
});
