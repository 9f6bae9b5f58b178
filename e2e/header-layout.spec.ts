import { expect, test, type Page } from '@playwright/test';

/** How many lines each header row takes: 1 when its items sit side by side. */
async function headerRowLines(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const lines = (selector: string) => {
      const row = document.querySelector(selector);
      if (!row) return -1;
      const tops = new Set<number>();
      for (const child of Array.from(row.children)) {
        const box = child.getBoundingClientRect();
        if (box.width > 0) tops.add(Math.round(box.top + box.height / 2));
      }
      // Items of one line may differ in height; their vertical centres are within a few pixels.
      const centres = [...tops].sort((a, b) => a - b);
      return centres.filter((centre, index) => index === 0 || centre - (centres[index - 1] ?? 0) > 8).length;
    };
    return { top: lines('.shell-header__top'), user: lines('.shell-header__user'), environment: lines('.environment') };
  });
}

test('the header keeps each of its two rows on one line at 1280 px, and wraps cleanly at 1024 and 390', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/groups/customers');
  await expect(page.getByTestId('identity')).toContainText('credentials expire');
  await expect(page.getByRole('heading', { name: 'customers', level: 1 })).toBeVisible();
  expect(await headerRowLines(page)).toEqual({ top: 1, user: 1, environment: 1 });
  await page.screenshot({ path: test.info().outputPath('header-1280.png') });
  for (const [width, height] of [
    [1024, 768],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    // Nothing overflows the page sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: test.info().outputPath(`header-${width}.png`) });
  }
});
