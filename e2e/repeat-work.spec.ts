import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { createGroup, expectNoSeriousA11yViolations, field, getRecord, openGroup, runtime, uniqueId, valueOf } from './support';

/** Templates with generators, "write another" and "Duplicate", through the real stack. */
let group: string;

test.beforeAll(async () => {
  group = uniqueId('repeat');
  await createGroup({ FeatureGroupName: group });
});

test.beforeEach(async ({ page }) => {
  // "Replace what is in the form?" and "Delete the template?" confirmations: accept.
  page.on('dialog', (dialog) => void dialog.accept());
});

type Sent = { FeatureName: string; ValueAsString?: string }[];
async function previewRecord(page: Page): Promise<Sent> {
  const text = (await page.locator('#request-preview').textContent()) ?? '';
  return (JSON.parse(text) as { Record: Sent }).Record;
}
const sentValue = (record: Sent, name: string) => record.find((value) => value.FeatureName === name)?.ValueAsString;

test('a template with generators: save, apply, the preview shows concrete values, and the write sends exactly them', async ({ page }) => {
  await openGroup(page, group);
  await field(page, 'id').fill('T-{{seq:100}}');
  await field(page, 'ts').fill('{{now}}');
  await field(page, 'n').fill('{{int:1:9}}');
  await field(page, 'x').fill('{{float:0:1:2}}');
  await field(page, 's').fill('{{choice:red|green}}-{{uuid}}');
  await expect(page.getByTestId('generator-note')).toContainText('5 features hold generators');

  const templates = page.getByRole('region', { name: 'Templates' });
  await templates.getByLabel('Save the form as a template').fill('generated');
  await templates.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByTestId('templates-message')).toHaveText('Saved "generated".');

  await page.getByRole('button', { name: 'Clear form' }).click();
  await expect(field(page, 'id')).toHaveValue('');
  await templates.getByRole('button', { name: 'Apply' }).click();
  await expect(field(page, 's')).toHaveValue('{{choice:red|green}}-{{uuid}}');

  const preview = await previewRecord(page);
  expect(JSON.stringify(preview)).not.toContain('{{');
  expect(sentValue(preview, 'id')).toBe('T-100');
  expect(sentValue(preview, 'n')).toMatch(/^[1-9]$/);
  expect(sentValue(preview, 'x')).toMatch(/^0\.\d{2}$/);
  expect(sentValue(preview, 's')).toMatch(/^(red|green)-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(Date.parse(sentValue(preview, 'ts') ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000);
  await page.screenshot({ path: test.info().outputPath('template-generators.png'), fullPage: true });
  await page.getByTestId('generator-note').screenshot({ path: test.info().outputPath('generator-note.png') });
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText('T-100');
  const stored = (await getRecord(group, 'T-100')).Record;
  for (const name of ['id', 'ts', 'n', 'x', 's']) expect(valueOf(stored, name)).toBe(sentValue(preview, name));

  // Write another: the generator identifier stays (it yields a new one), {{seq}} counts on.
  await page.getByRole('button', { name: 'Write another' }).click();
  await expect(field(page, 'id')).toBeFocused();
  await expect(field(page, 'id')).toHaveValue('T-{{seq:100}}');
  await expect.poll(async () => sentValue(await previewRecord(page), 'id')).toBe('T-101');
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText('T-101');
  expect(valueOf((await getRecord(group, 'T-101')).Record, 's')).not.toBe(sentValue(preview, 's'));
});

test('a malformed generator is an error at its field, and nothing is sent', async ({ page }) => {
  await openGroup(page, group);
  await field(page, 'id').fill(uniqueId('bad'));
  await page.getByRole('button', { name: 'Now', exact: true }).click();
  await field(page, 'n').fill('{{int:9:1}}');
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByText('MIN is greater than MAX').first()).toBeVisible();
  await expect(page.getByTestId('write-outcome')).toHaveCount(0);
});

test('templates export as JSON, import validated, and copy to the clipboard to share', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openGroup(page, group);
  await field(page, 's').fill('shared value');
  const templates = page.getByRole('region', { name: 'Templates' });
  await templates.getByLabel('Save the form as a template').fill('to share');
  await templates.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByTestId('templates-message')).toHaveText('Saved "to share".');
  await templates.getByLabel('Template', { exact: true }).selectOption('to share');

  await templates.getByRole('button', { name: 'Copy', exact: true }).click();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as {
    templates: { name: string; features: Record<string, { text: string }> }[];
  };
  expect(copied.templates).toHaveLength(1);
  expect(copied.templates[0]?.features.s?.text).toBe('shared value');

  await templates.getByText('Export and import').click();
  await templates.screenshot({ path: test.info().outputPath('templates-export-import.png') });
  await expectNoSeriousA11yViolations(page);
  const downloading = page.waitForEvent('download');
  await templates.getByRole('button', { name: /Export all/ }).click();
  const exported = JSON.parse(fs.readFileSync(await (await downloading).path(), 'utf8')) as { format: string; templates: { name: string }[] };
  expect(exported.format).toBe('featurestore-console/record-templates');
  expect(exported.templates.map((template) => template.name)).toContain('to share');

  const paste = templates.getByLabel('Or paste a copied template');
  await paste.fill('{"format":"featurestore-console/record-templates","version":1,"templates":[{"name":""}]}');
  await templates.getByRole('button', { name: 'Import pasted JSON' }).click();
  await expect(page.getByTestId('templates-message')).toContainText('Not a templates file at templates.0');

  copied.templates[0]!.name = 'pasted copy';
  await paste.fill(JSON.stringify(copied));
  await templates.getByRole('button', { name: 'Import pasted JSON' }).click();
  await expect(page.getByTestId('templates-message')).toHaveText('Imported 1 template.');
  await templates.getByLabel('Template', { exact: true }).selectOption('pasted copy');
  await page.getByRole('button', { name: 'Clear form' }).click();
  await templates.getByRole('button', { name: 'Apply' }).click();
  await expect(field(page, 's')).toHaveValue('shared value');
});

test('Duplicate on a record starts a new record from it: identifier empty and focused, event time now', async ({ page }) => {
  const source = uniqueId('dup');
  const oldTime = '2026-01-01T00:00:00.000Z';
  await runtime.send(
    new PutRecordCommand({
      FeatureGroupName: group,
      Record: [
        { FeatureName: 'id', ValueAsString: source },
        { FeatureName: 'ts', ValueAsString: oldTime },
        { FeatureName: 'n', ValueAsString: '007' },
        { FeatureName: 's', ValueAsString: 'copied, "quoted"' },
      ],
    }),
  );
  await page.goto(`/groups/${group}/record?id=${encodeURIComponent(source)}`);
  await page.getByRole('link', { name: 'Duplicate' }).click();
  await expect(page.getByTestId('duplicate-note')).toContainText(source);
  await expect(field(page, 'id')).toBeFocused();
  await expect(field(page, 'id')).toHaveValue('');
  await expect(field(page, 'n')).toHaveValue('007');
  await expect(field(page, 's')).toHaveValue('copied, "quoted"');
  expect(Date.parse(await field(page, 'ts').inputValue())).toBeGreaterThan(Date.parse(oldTime));
  await page.screenshot({ path: test.info().outputPath('duplicate.png') });

  const copy = uniqueId('dup-copy');
  await page.keyboard.type(copy);
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(copy);
  const stored = (await getRecord(group, copy)).Record;
  expect(valueOf(stored, 'n')).toBe('007');
  expect(valueOf(stored, 's')).toBe('copied, "quoted"');
  expect(valueOf((await getRecord(group, source)).Record, 'ts')).toBe(oldTime);
});

test('write another after a write: identifier cleared and focused, values kept, event time now', async ({ page }) => {
  await openGroup(page, group);
  const first = uniqueId('w');
  await field(page, 'id').fill(first);
  await field(page, 'ts').fill('2026-02-02T00:00:00.000Z');
  await field(page, 's').fill('kept');
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(first);
  await page.getByRole('button', { name: 'Write another' }).click();
  await expect(field(page, 'id')).toBeFocused();
  await expect(field(page, 'id')).toHaveValue('');
  await expect(field(page, 's')).toHaveValue('kept');
  expect(Date.parse(await field(page, 'ts').inputValue())).toBeGreaterThan(Date.parse('2026-02-02T00:00:00.000Z'));
  await expect(page.getByTestId('write-outcome')).toHaveCount(0);
  const second = uniqueId('w');
  await page.keyboard.type(second);
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(second);
  expect(valueOf((await getRecord(group, second)).Record, 's')).toBe('kept');
});
