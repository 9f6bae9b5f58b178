import { expect, test } from '@playwright/test';
import { consoleUrl, featureStoreUrl, fillIdentity, getRecord, openGroup, uniqueId, valueOf } from './support';

/**
 * The path users take on AWS: the browser signs SageMaker requests for AWS's regional
 * endpoints and sends them to the console's own origin; the relay forwards them to the
 * local Feature Store, which, like AWS, answers no cross-origin browser call to SageMaker.
 * Only Cognito is called directly.
 */
test('SageMaker calls go through the same-origin relay; only Cognito is called cross-origin', async ({ page }) => {
  const requests: { url: string; method: string; target: string | undefined }[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'fetch' || request.resourceType() === 'xhr') {
      requests.push({ url: request.url(), method: request.method(), target: request.headers()['x-amz-target'] });
    }
  });
  const id = uniqueId('relay/é?&');
  await openGroup(page, 'customers');
  await expect(page.getByTestId('relay')).toHaveText('via relay');
  await fillIdentity(page, 'customer_id', id);
  await page.getByLabel('segment', { exact: true }).fill('relayed, "quoted"');
  await page.getByRole('button', { name: 'Write record' }).click();
  await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);
  await expect(page.getByTestId('write-outcome').getByTestId('request-id')).toHaveText(/^[0-9a-f-]{36}$/);
  expect(valueOf((await getRecord('customers', id)).Record, 'segment')).toBe('relayed, "quoted"');

  const aws = requests.filter((request) => !request.url.endsWith('/config.json'));
  const relayed = aws.filter((request) => request.url.startsWith(`${consoleUrl}/aws/`));
  const direct = aws.filter((request) => request.url.startsWith(featureStoreUrl));
  expect(relayed.map((request) => new URL(request.url).pathname)).toEqual(
    expect.arrayContaining(['/aws/sagemaker/', '/aws/featurestore-runtime/FeatureGroup/customers']),
  );
  expect(relayed.some((request) => request.target === 'SageMaker.DescribeFeatureGroup')).toBe(true);
  expect(direct.length).toBeGreaterThan(0);
  for (const request of direct) expect(request.target ?? '').toMatch(/^AWSCognitoIdentityService\./);
});

test('the local Feature Store refuses cross-origin browser calls to SageMaker, as AWS is assumed to', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('identity')).toContainText('Identity');
  const outcome = await page.evaluate(async (url) => {
    try {
      const response = await fetch(`${url}/FeatureGroup/customers?RecordIdentifierValueAsString=x`);
      return `answered ${response.status}`;
    } catch (error) {
      return `refused: ${(error as Error).name}`;
    }
  }, featureStoreUrl);
  expect(outcome).toBe('refused: TypeError');
});
