import { expect, test } from '@playwright/test';
import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { BAD_CONFIG_CONSOLE_PORT } from '../playwright.config';
import { createGroup, expectNoSeriousA11yViolations, expectNoSeriousA11yViolationsAndSoundHeadings, runtime, screenshotAtWidths, uniqueId } from './support';

test.describe('axe: no serious or critical violations on any screen', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(scheme, () => {
      test.use({ colorScheme: scheme });

      test('feature groups', async ({ page }) => {
        await page.goto('/');
        await expect(page.getByRole('link', { name: 'customers' })).toBeVisible();
        await expectNoSeriousA11yViolations(page);
      });

      for (const group of ['customers', 'product-embeddings', 'clickstream-events']) {
        test(`write form: ${group}, empty and with every error showing`, async ({ page }) => {
          // Two axe scans: bounded work that takes long on a slow machine.
          test.slow();
          await page.goto(`/groups/${group}`);
          await expect(page.getByRole('button', { name: 'Write record' })).toBeVisible();
          await expectNoSeriousA11yViolations(page);
          await page.getByRole('button', { name: 'Write record' }).click();
          await expect(page.getByRole('alert').first()).toBeVisible();
          await expectNoSeriousA11yViolationsAndSoundHeadings(page);
        });
      }

      test('JSON view and write outcome', async ({ page }) => {
        // Two axe scans: bounded work that takes long on a slow machine.
        test.slow();
        await page.goto('/groups/customers');
        await page.getByLabel('customer_id', { exact: true }).fill(uniqueId('A11Y'));
        await page.getByRole('button', { name: 'Now', exact: true }).click();
        await page.getByRole('button', { name: 'Write record' }).click();
        await expect(page.getByTestId('write-outcome')).toBeVisible();
        await expectNoSeriousA11yViolations(page);
        await page.getByRole('button', { name: 'JSON', exact: true }).click();
        await expectNoSeriousA11yViolations(page);
        await page.getByRole('button', { name: 'Form', exact: true }).click();
      });

      test('records: browse, record view, edit with diff, delete dialog, history', async ({ page }) => {
        // Seven screens, each scanned by axe: bounded work that takes long on a slow machine.
        test.slow();
        const group = await createGroup({ FeatureGroupName: uniqueId('a11y') });
        await runtime.send(
          new PutRecordCommand({
            FeatureGroupName: group,
            Record: [
              { FeatureName: 'id', ValueAsString: 'r1' },
              { FeatureName: 'ts', ValueAsString: new Date(Date.now() - 60_000).toISOString() },
              { FeatureName: 'n', ValueAsString: '1' },
            ],
          }),
        );
        await page.goto(`/groups/${group}/records`);
        await expect(page.getByRole('link', { name: 'r1' })).toBeVisible();
        await expectNoSeriousA11yViolations(page);
        await page.getByRole('link', { name: 'r1' }).click();
        await expect(page.getByRole('link', { name: 'Edit' })).toBeVisible();
        await expectNoSeriousA11yViolations(page);
        await page.getByRole('button', { name: 'Delete…' }).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await expectNoSeriousA11yViolations(page);
        await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
        await page.getByRole('link', { name: 'Edit' }).click();
        await page.getByLabel('n', { exact: true }).fill('2');
        await expect(page.getByRole('table', { name: /Changes/ })).toBeVisible();
        await expectNoSeriousA11yViolations(page);
        await page.getByRole('button', { name: 'Save changes' }).click();
        await expect(page.getByTestId('saved-banner')).toBeVisible();
        await page.goto('/history');
        await expect(page.getByTestId('history-entry').first()).toBeVisible();
        await expectNoSeriousA11yViolations(page);
      });

      test('unknown feature group', async ({ page }) => {
        // An axe scan and three screenshots: bounded work that takes long on a slow machine.
        test.slow();
        await page.goto('/groups/no-such-group');
        await expect(page.getByRole('alert')).toContainText('Not found: feature group no-such-group');
        await expectNoSeriousA11yViolationsAndSoundHeadings(page);
        await screenshotAtWidths(page, test.info(), `unknown-group-${scheme}`, () => false);
      });

      test('setup page', async ({ page }) => {
        await page.goto(`http://localhost:${BAD_CONFIG_CONSOLE_PORT}/`);
        await expect(page.getByRole('heading', { name: 'Set up the console' })).toBeVisible();
        await expectNoSeriousA11yViolations(page);
      });
    });
  }
});
