import { expect, test } from '@playwright/test';
import { field, fillIdentity, openGroup, screenshotAtWidths, uniqueId } from './support';

/** One time style with the zone, whatever the browser's zone and locale: UTC, or local with its offset. */
test.use({ timezoneId: 'Asia/Kolkata', locale: 'en-US' });

const UTC_MOMENT = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC(?!\+)/;

test('drafts, the history and the event-time help show moments in one style, the zone always written', async ({ page }) => {
  const id = uniqueId('T');
  await openGroup(page, 'customers');
  await field(page, 'customer_id').fill(id);
  await page.getByRole('button', { name: 'Now', exact: true }).click();
  // The local-time help says its offset.
  await expect(page.getByText(/Local time: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\+05:30/)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('draft-restored')).toContainText(new RegExp(`Draft restored from ${UTC_MOMENT.source}\\.`));
  await page.screenshot({ path: test.info().outputPath('draft-restored.png') });

  await fillIdentity(page, 'customer_id', id);
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);
  await page.getByRole('link', { name: 'History', exact: true }).click();
  const entry = page.getByTestId('history-entry').filter({ hasText: id });
  await expect(entry.getByRole('cell').first()).toHaveText(new RegExp(`^${UTC_MOMENT.source}$`));
  await entry.getByRole('button', { name: 'Show request' }).click();
  await expect(page.getByRole('dialog')).toHaveAccessibleName(new RegExp(`^PutRecord request, ${UTC_MOMENT.source}$`));
  await screenshotAtWidths(page, test.info(), 'history', (width) => width !== 390);
});
