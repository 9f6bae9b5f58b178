import { expect, test } from '@playwright/test';
import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { createGroup, expectNoSeriousA11yViolations, getRecord, runtime, uniqueId, valueOf } from './support';

/**
 * A 2,500-feature group: the form renders what is on screen, yet every feature is reachable
 * by keyboard, by "Jump to feature" and by the error summary, and is labelled by its name.
 */
const FEATURES = 2500;
let group: string;

test.beforeAll(async () => {
  group = uniqueId('wide');
  const definitions = [
    { FeatureName: 'id', FeatureType: 'String' as const },
    { FeatureName: 'ts', FeatureType: 'String' as const },
  ];
  for (let index = 0; definitions.length < FEATURES; index += 1) {
    definitions.push({ FeatureName: `f_${String(index).padStart(4, '0')}`, FeatureType: (index % 2 === 0 ? 'Integral' : 'String') as never });
  }
  await createGroup({ FeatureGroupName: group, RecordIdentifierFeatureName: 'id', EventTimeFeatureName: 'ts', FeatureDefinitions: definitions });
});

test('a large group renders a window of fields, not all of them', async ({ page }) => {
  await page.goto(`/groups/${group}`);
  await expect(page.getByLabel('id', { exact: true })).toBeVisible();
  const rendered = await page.locator('[data-testid="virtual-feature-list"] input').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(200);
  // The last feature is always rendered, so it is reachable from the end of the form too.
  await expect(page.getByLabel('f_2497', { exact: true })).toBeAttached();
  await page.screenshot({ path: test.info().outputPath('large-form.png') });
  await expectNoSeriousA11yViolations(page);
});

test('Tab walks from one feature to the next far beyond the first screen, and the value is written', async ({ page }) => {
  await page.goto(`/groups/${group}`);
  const id = uniqueId('kb');
  await page.getByLabel('id', { exact: true }).fill(id);
  await page.getByRole('button', { name: 'Now', exact: true }).click();
  // Start at f_0000 and Tab (scalar String features add an "empty string" checkbox) to the tenth
  // feature past the first one the rendered window left out: far enough that the walk moves the window.
  await page.getByLabel('f_0000', { exact: true }).focus();
  const firstUnrendered = await page.evaluate(() => {
    const rendered = new Set([...document.querySelectorAll('input')].map((input) => input.labels?.[0]?.textContent ?? ''));
    let index = 0;
    while (rendered.has(`f_${String(index).padStart(4, '0')}`)) index += 1;
    return index;
  });
  const target = `f_${String(firstUnrendered + 10).padStart(4, '0')}`;
  await expect(page.getByLabel(target, { exact: true })).toHaveCount(0);
  let reached = '';
  for (let step = 0; step < 400 && reached !== target; step += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => {
      const active = document.activeElement as HTMLInputElement | null;
      return active?.type === 'text' ? (active.labels?.[0]?.textContent ?? '') : '';
    });
  }
  expect(reached).toBe(target);
  await page.keyboard.type('far value');
  await expect(page.locator('#request-preview')).toContainText('far value');
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toBeVisible();
  expect(valueOf((await getRecord(group, id)).Record, target)).toBe('far value');
});

test('Jump to feature focuses a feature that was not rendered; Shift+Tab goes back one feature', async ({ page }) => {
  await page.goto(`/groups/${group}`);
  await expect(page.getByLabel('f_1800', { exact: true })).toHaveCount(0);
  const jump = page.getByLabel('Jump to feature', { exact: true });
  await jump.fill('f_1800');
  await jump.press('Enter');
  await expect(page.getByLabel('f_1800', { exact: true })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByLabel('f_1799', { exact: true })).toBeFocused();
});

test('the error summary focuses an invalid field that scrolled out of the rendered window', async ({ page }) => {
  await page.goto(`/groups/${group}`);
  await page.getByLabel('id', { exact: true }).fill(uniqueId('err'));
  await page.getByRole('button', { name: 'Now', exact: true }).click();
  const jump = page.getByLabel('Jump to feature', { exact: true });
  await jump.fill('f_2000');
  await jump.press('Enter');
  const far = page.getByLabel('f_2000', { exact: true });
  await expect(far).toBeFocused();
  await far.fill('not a number');
  // Back to the top: the invalid field leaves the DOM.
  await page.getByLabel('id', { exact: true }).focus();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(far).toHaveCount(0);
  await page.getByRole('button', { name: 'Write record' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'to fix before anything is sent' });
  await expect(summary).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await summary.getByRole('button', { name: 'f_2000' }).click();
  await expect(page.getByLabel('f_2000', { exact: true })).toBeFocused();
  await expect(page.getByLabel('f_2000', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: test.info().outputPath('large-form-error.png') });
});

test('a value typed in a field that then leaves the DOM is kept and written', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  await page.goto(`/groups/${group}`);
  const id = uniqueId('unmount');
  await page.getByLabel('id', { exact: true }).fill(id);
  await page.getByRole('button', { name: 'Now', exact: true }).click();
  const jump = page.getByLabel('Jump to feature', { exact: true });
  await jump.fill('f_2200');
  await jump.press('Enter');
  await expect(page.getByLabel('f_2200', { exact: true })).toBeFocused();
  await page.keyboard.type('42');
  await jump.fill('f_0003');
  await jump.press('Enter');
  await expect(page.getByLabel('f_0003', { exact: true })).toBeFocused();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.getByLabel('f_2200', { exact: true })).toHaveCount(0);
  await expect(page.locator('#request-preview')).toContainText('"42"');
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toBeVisible();
  expect(valueOf((await getRecord(group, id)).Record, 'f_2200')).toBe('42');
  // React says nothing about updates during render or state that tore.
  expect(problems).toEqual([]);
});

test('the feature filter reaches a far feature in a large group', async ({ page }) => {
  await page.goto(`/groups/${group}`);
  await page.getByLabel('Filter features by name').fill('f_2345');
  const far = page.getByLabel('f_2345', { exact: true });
  await expect(far).toBeVisible();
  await far.focus();
  await expect(far).toBeFocused();
  // Identifier and event time stay; other features are filtered out.
  await expect(page.getByLabel('id', { exact: true })).toBeVisible();
  await expect(page.getByLabel('f_0000', { exact: true })).toHaveCount(0);
});

test('editing a stored record of a large group: jump to a far feature, change it, save only that change', async ({ page }) => {
  // 2,500 features rendered twice (the editor, then the saved record): room for a slow machine.
  test.slow();
  const id = uniqueId('edit');
  await runtime.send(
    new PutRecordCommand({
      FeatureGroupName: group,
      Record: [
        { FeatureName: 'id', ValueAsString: id },
        { FeatureName: 'ts', ValueAsString: new Date(Date.now() - 60_000).toISOString() },
        { FeatureName: 'f_0000', ValueAsString: '7' },
        { FeatureName: 'f_2100', ValueAsString: '1' },
      ],
    }),
  );
  await page.goto(`/groups/${group}/record/edit?id=${encodeURIComponent(id)}`);
  const jump = page.getByLabel('Jump to feature', { exact: true });
  await jump.fill('f_2100');
  await jump.press('Enter');
  const far = page.getByLabel('f_2100', { exact: true });
  await expect(far).toBeFocused();
  await expect(far).toHaveValue('1');
  await far.fill('2');
  await expect(page.getByRole('table', { name: /Changes/ })).toContainText('f_2100');
  await page.getByRole('button', { name: 'Save changes' }).click();
  // The save reads back all 2,500 features and renders them: on a loaded machine that took over 10 s (a wait, not a time limit).
  await expect(page.getByTestId('saved-banner')).toBeVisible({ timeout: 45_000 });
  const stored = (await getRecord(group, id)).Record;
  expect(valueOf(stored, 'f_2100')).toBe('2');
  expect(valueOf(stored, 'f_0000')).toBe('7');
});
