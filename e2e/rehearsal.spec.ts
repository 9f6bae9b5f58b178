/**
 * The deploy rehearsal (npm run rehearse): the built console served through the local edge
 * made from the synthesized CloudFront distribution (its behaviours, CloudFront Functions,
 * origin request and response-headers policies), with the config.json the deploy generates,
 * in front of its own local Feature Store that answers only AWS's host names. A handful of
 * user paths, each through the same edge a deployed console has.
 */
import { expect, test } from '@playwright/test';
import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { fillIdentity, field, importTwoCustomers, openGroup, expectSoftDeleteRefused, putCustomer, uniqueId, valueOf, watchViolations } from './support';
import { READER, WRITER, getRehearsedRecord as getRecord, rehearsalRuntime as runtime, signInThroughManagedLogin as signIn } from './rehearsalSupport';

// Each test signs in through the managed login first: more steps than most, so more room on a slow machine.
test.describe.configure({ timeout: 180_000 });

test('a writer signs in and writes a record, under the CSP and headers of the template', async ({ page }) => {
  const violations = await watchViolations(page);
  const document = page.waitForResponse((response) => response.url().endsWith('/') && response.request().resourceType() === 'document');
  await page.goto('/');
  const headers = (await document).headers();
  // The response-headers policy's, added by the edge (no server of ours sends these on this path).
  expect(headers['content-security-policy']).toContain("require-trusted-types-for 'script'");
  expect(headers['strict-transport-security']).toContain('max-age=');
  expect(headers['x-cache']).toBe('Miss from cloudfront');
  await signIn(page, WRITER);
  const id = uniqueId('REH');
  await openGroup(page, 'customers');
  await fillIdentity(page, 'customer_id', id);
  await field(page, 'segment').fill('rehearsed');
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);
  await page.screenshot({ path: test.info().outputPath('rehearsal-written.png'), fullPage: true });
  expect(valueOf((await getRecord('customers', id)).Record, 'segment')).toBe('rehearsed');
  // A deep link is the single-page app's route (the site behaviour's function), not the bucket's error.
  await page.goto(`/groups/customers/record?id=${encodeURIComponent(id)}`);
  await expect(page.getByRole('heading', { name: `Record ${id}` })).toBeVisible();
  expect(violations).toEqual([]);
});

test('a reader is told up front that they may not write or delete, and a missing record is shown as not found', async ({ page }) => {
  const id = uniqueId('REHR');
  await putCustomer(runtime, id, 'kept');
  await signIn(page, READER);
  // The deploy's config.json says what each role may write: the form is read-only up front.
  await openGroup(page, 'customers');
  await expect(page.getByText('Read-only: your role (Reader) may read records of customers but not write them.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Write record' })).toBeDisabled();
  // And the record's Delete, with the reason next to it.
  await page.goto(`/groups/customers/record?id=${encodeURIComponent(id)}`);
  await expect(page.getByRole('button', { name: 'Delete…' })).toBeDisabled();
  await expect(page.getByTestId('delete-access')).toHaveText(
    'You may not delete records here. Read-only: your role (Reader) may read records of customers but not write them.',
  );
  expect(valueOf((await getRecord('customers', id)).Record, 'segment')).toBe('kept');
  const missing = uniqueId('REHM');
  await page.goto(`/groups/customers/record?id=${encodeURIComponent(missing)}`);
  await expect(page.getByTestId('record-not-found')).toContainText('never written');
});

test('a delete the configuration allows but IAM refuses is shown as refused, in words, through the relay behaviour', async ({ page }) => {
  // This deploy names exchange-rates an ordinary group (config.json: writers may delete its records), while the
  // rehearsal's store keeps it admin-only (deploy/rehearsal/rehearsal.ts): AWS's 403 must reach the SDK as a 403.
  const pair = uniqueId('REHX');
  await runtime.send(
    new PutRecordCommand({
      FeatureGroupName: 'exchange-rates',
      Record: [
        { FeatureName: 'currency_pair', ValueAsString: pair },
        { FeatureName: 'as_of', ValueAsString: String(Math.floor(Date.now() / 1000) - 60) },
        { FeatureName: 'rate', ValueAsString: '1.5' },
      ],
    }),
  );
  await signIn(page, WRITER);
  await page.goto(`/groups/exchange-rates/record?id=${encodeURIComponent(pair)}`);
  await expect(page.getByTestId('delete-access')).toHaveCount(0);
  await expectSoftDeleteRefused(page);
  await page.screenshot({ path: test.info().outputPath('rehearsal-refused.png'), fullPage: true });
  expect(valueOf((await getRecord('exchange-rates', pair)).Record, 'rate')).toBe('1.5');
});

test('a writer imports a small CSV', async ({ page }) => {
  await signIn(page, WRITER);
  const ids = await importTwoCustomers(page, test.info(), 'REHI', 'imported');
  await page.screenshot({ path: test.info().outputPath('rehearsal-import.png'), fullPage: true });
  for (const id of ids) expect(valueOf((await getRecord('customers', id)).Record, 'segment')).toBe('imported');
});
