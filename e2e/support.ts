/**
 * E2E helpers: SDK clients (the static developer key) for verifying what the console
 * wrote, and a log of the AWS requests a page sends. Nothing here mocks the SDK or the
 * network: the page talks to the real local Feature Store.
 */
import fs from 'node:fs';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { SageMakerFeatureStoreRuntimeClient, GetRecordCommand, DeleteRecordCommand, PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { SageMakerClient, type CreateFeatureGroupCommandInput } from '@aws-sdk/client-sagemaker';
import { createGroup as createTestGroup } from '../packages/local-featurestore/src/testing';
import { AxeBuilder } from '@axe-core/playwright';
import { CONSOLE_PORT, FEATURE_STORE_PORT } from '../playwright.config';
import { RELAY_PREFIXES } from '../src/aws/relay';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';

export const featureStoreUrl = `http://127.0.0.1:${FEATURE_STORE_PORT}`;
export const consoleUrl = `http://localhost:${CONSOLE_PORT}`;
/** Where the page sends SageMaker calls: the console's own origin, under the relay's prefixes. */
export const relayUrls = Object.values(RELAY_PREFIXES).map((prefix) => `${consoleUrl}${prefix}`);
// Retries only what the SDK deems transient (a kept-alive socket the server closed as it
// was reused: "socket hang up"); AWS errors still surface at once.
const clientConfig = { region: 'us-east-1', endpoint: featureStoreUrl, credentials: DEVELOPER_KEY, maxAttempts: 3 };
export const runtime = new SageMakerFeatureStoreRuntimeClient(clientConfig);
export const sagemaker = new SageMakerClient(clientConfig);

export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export async function getRecord(group: string, id: string) {
  return runtime.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: id, ExpirationTimeResponse: 'Enabled' }));
}

export function valueOf(record: { FeatureName?: string; ValueAsString?: string; ValueAsStringList?: string[] }[] | undefined, name: string) {
  const value = record?.find((entry) => entry.FeatureName === name);
  return value?.ValueAsStringList ?? value?.ValueAsString;
}

/** A customers record with a segment, written a minute ago (so the console's "now" is later), by an operator's client. */
export async function putCustomer(client: SageMakerFeatureStoreRuntimeClient, id: string, segment: string): Promise<void> {
  await client.send(
    new PutRecordCommand({
      FeatureGroupName: 'customers',
      Record: [
        { FeatureName: 'customer_id', ValueAsString: id },
        { FeatureName: 'event_time', ValueAsString: new Date(Date.now() - 60_000).toISOString() },
        { FeatureName: 'segment', ValueAsString: segment },
      ],
    }),
  );
}

export const HOUR = 60 * 60 * 1000;

/**
 * A customers record's four versions, as three support edits and a removal would leave them:
 * writes 3, 2 and 1 hours before `start` (age 30/consumer, 30/smb, 31/enterprise) and a soft
 * delete half an hour before it.
 */
export async function writeFourVersions(client: SageMakerFeatureStoreRuntimeClient, id: string, start: number): Promise<void> {
  const put = (hoursAgo: number, age: string, segment: string) =>
    client.send(
      new PutRecordCommand({
        FeatureGroupName: 'customers',
        Record: [
          { FeatureName: 'customer_id', ValueAsString: id },
          { FeatureName: 'event_time', ValueAsString: new Date(start - hoursAgo * HOUR).toISOString() },
          { FeatureName: 'age', ValueAsString: age },
          { FeatureName: 'segment', ValueAsString: segment },
        ],
      }),
    );
  await put(3, '30', 'consumer');
  await put(2, '30', 'smb');
  await put(1, '31', 'enterprise');
  await client.send(
    new DeleteRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: id, EventTime: new Date(start - 0.5 * HOUR).toISOString() }),
  );
}

/**
 * The history of writeFourVersions' record, shown: the versions newest first with the changed
 * features marked, the query's id and scan, and versions 1 and 3 compared. Returns the versions.
 */
export async function expectFourVersionsCompared(page: Page) {
  const versions = page.getByTestId('version');
  await expect(versions.nth(0)).toContainText('deleted');
  await expect(versions.nth(1)).toContainText('enterprise');
  // Changed from the version before: event time, age and segment; not lifetime_value.
  await expect(versions.nth(1).locator('tr[data-changed="true"] th')).toHaveText([/event_time/, /age/, /segment/]);
  await expect(versions.nth(2).locator('tr[data-changed="true"] th')).toHaveText([/event_time/, /segment/]);
  await expect(page.getByTestId('history-query')).toContainText(/Athena query [0-9a-f-]{36}: SUCCEEDED · .* scanned/);
  // Compare version 1 (consumer) with version 3 (enterprise).
  await versions.nth(1).getByLabel('Compare').check();
  await versions.nth(3).getByLabel('Compare').check();
  const diff = page.getByTestId('version-diff');
  await expect(diff.locator('tbody tr')).toHaveCount(3);
  await expect(diff.locator('tr', { hasText: 'segment' })).toContainText('consumer');
  await expect(diff.locator('tr', { hasText: 'segment' })).toContainText('enterprise');
  return versions;
}

/** On a record's page: a soft delete that AWS refuses is shown as refused, in words, and no outcome is claimed. */
export async function expectSoftDeleteRefused(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Soft delete record' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Your identity may not');
  await expect(dialog.getByRole('alert')).toContainText('AccessForbidden');
  await expect(page.getByTestId('delete-outcome')).toHaveCount(0);
}

export async function offlineRows(group: string): Promise<Record<string, unknown>[]> {
  const text = await (await fetch(`${featureStoreUrl}/_local/offline-store/${group}`)).text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A fresh group per test where a test needs to own every record in it (the integration tests' helper). */
export async function createGroup(input: Partial<CreateFeatureGroupCommandInput> & { FeatureGroupName: string }): Promise<string> {
  return createTestGroup({ sagemaker }, input);
}

export interface AwsCall {
  operation: string;
  method: string;
  url: string;
}

/** Records every AWS call the page makes (to Cognito directly, to SageMaker through the relay), named by operation. */
export function watchAwsCalls(page: Page): AwsCall[] {
  const calls: AwsCall[] = [];
  page.on('request', (request) => {
    const url = request.url();
    const relayed = relayUrls.find((prefix) => url.startsWith(`${prefix}/`));
    if ((!relayed && !url.startsWith(featureStoreUrl)) || request.method() === 'OPTIONS') return;
    const target = request.headers()['x-amz-target'];
    const path = relayed ? new URL(url).pathname.slice(new URL(relayed).pathname.length) : new URL(url).pathname;
    const operation = target
      ? (target.split('.')[1] ?? target)
      : request.method() === 'PUT'
        ? 'PutRecord'
        : request.method() === 'GET'
          ? 'GetRecord'
          : request.method() === 'DELETE'
            ? 'DeleteRecord'
            : path.endsWith('/Record')
              ? 'UpdateRecord'
              : path.endsWith('/ListRecords')
                ? 'ListRecords'
                : path.slice(1);
    calls.push({ operation, method: request.method(), url: request.url() });
  });
  return calls;
}

export const writes = (calls: AwsCall[]) => calls.filter((call) => ['PutRecord', 'UpdateRecord', 'DeleteRecord', 'BatchWriteRecord'].includes(call.operation));

/** Opens a group's write page and waits for the form. */
export async function openGroup(page: Page, group: string): Promise<void> {
  await page.goto(`/groups/${encodeURIComponent(group)}`);
  await expect(page.getByRole('button', { name: 'Write record' })).toBeVisible();
}

export function field(page: Page, name: string) {
  return page.getByLabel(name, { exact: true });
}

/** Fills the identifier and sets the event time with the "Now" button. */
export async function fillIdentity(page: Page, idFeature: string, id: string): Promise<void> {
  await field(page, idFeature).fill(id);
  await page.getByRole('button', { name: 'Now', exact: true }).click();
}

/**
 * One axe scan of the page. Legacy mode runs axe.run in the page itself: the same rules and
 * results for a page without cross-origin frames (the console has none), without the blank
 * page the default mode opens to finish every scan (a third less time per scan).
 */
async function axeScan(page: Page) {
  return new AxeBuilder({ page }).setLegacyMode().analyze();
}

type AxeViolation = Awaited<ReturnType<typeof axeScan>>['violations'][number];
const describeViolation = (violation: AxeViolation) =>
  `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`;
/** axe's heading rules, which it rates "moderate": one h1 per page, no level skipped. */
const HEADING_RULES = ['heading-order', 'page-has-heading-one'];

export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await axeScan(page);
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map(describeViolation)).toEqual([]);
}

/** expectNoSeriousA11yViolations and sound headings (axe's heading rules, whatever their impact), from one scan. */
export async function expectNoSeriousA11yViolationsAndSoundHeadings(page: Page): Promise<void> {
  const results = await axeScan(page);
  const failed = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical' || HEADING_RULES.includes(violation.id),
  );
  expect(failed.map(describeViolation)).toEqual([]);
  // The heading rules ran (a scan restricted by tags or options would skip them and pass).
  const ran = [...results.passes, ...results.violations, ...results.inapplicable, ...results.incomplete].map((rule) => rule.id);
  expect(HEADING_RULES.filter((rule) => !ran.includes(rule))).toEqual([]);
}

/** Collects CSP and Trusted Types violations reported in the page (the login page included), from before its first script runs. */
export async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** Screenshots of the page at a desktop, a small laptop and a phone width, for a person to look at. */
export async function screenshotAtWidths(page: Page, testInfo: TestInfo, name: string, fullPage: (width: number) => boolean = () => true): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [1024, 768],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: fullPage(width) });
  }
}

/** Imports a two-row CSV into `customers` through the import page (dry run, then write); the identifiers written. */
export async function importTwoCustomers(page: Page, testInfo: TestInfo, prefix: string, segment: string): Promise<string[]> {
  const ids = [uniqueId(prefix), uniqueId(prefix)];
  const now = new Date().toISOString();
  const file = testInfo.outputPath(`${prefix}.csv`);
  fs.writeFileSync(file, `customer_id,event_time,segment\n${ids.map((id) => `${id},${now},${segment}`).join('\n')}\n`, 'utf8');
  await page.goto('/groups/customers/import');
  await page.getByLabel('File to import').setInputFiles(file);
  await page.getByRole('button', { name: 'Check every row (dry run)' }).click();
  await expect(page.getByTestId('dry-run-counts')).toHaveText('2 rows read: 2 valid, 0 invalid.');
  await page.getByRole('button', { name: 'Write 2 valid rows' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('2 rows written');
  return ids;
}
