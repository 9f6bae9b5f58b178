/**
 * What the rehearsal's e2e tests share: operator checks through the edge's relay (the
 * developer key, signed for AWS's host: the rehearsal's store answers only AWS's host
 * names) and sign-in through the managed login (the deploy allows no guests).
 */
import { expect, type Page } from '@playwright/test';
import { GetRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { REHEARSAL_FEATURE_STORE_PORT, REHEARSAL_PORT } from '../playwright.config';
import { sendThroughRelay } from '../src/aws/relay';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';

export const rehearsalStoreUrl = `http://127.0.0.1:${REHEARSAL_FEATURE_STORE_PORT}`;
export const rehearsalRuntime = new SageMakerFeatureStoreRuntimeClient({ region: 'us-east-1', credentials: DEVELOPER_KEY, maxAttempts: 3 });
sendThroughRelay(rehearsalRuntime, 'featureStoreRuntime', { protocol: 'http:', hostname: 'localhost', port: String(REHEARSAL_PORT) });

export const getRehearsedRecord = (group: string, id: string) =>
  rehearsalRuntime.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: id }));

export interface DemoUser {
  username: string;
  password: string;
  role: string;
}
export const WRITER: DemoUser = { username: 'writer@example.com', password: 'Writer-demo-1', role: 'Writer' };
export const READER: DemoUser = { username: 'reader@example.com', password: 'Reader-demo-1', role: 'Reader' };
export const SUPPORT: DemoUser = { username: 'support@example.com', password: 'Support-demo-1', role: 'Support' };

/** The deploy allows no guests: the console asks for sign-in, through the managed login (the local user pool standing in). */
export async function signInThroughManagedLogin(page: Page, user: DemoUser): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to use the console' })).toBeVisible();
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${rehearsalStoreUrl}/oauth2/authorize`));
  await page.getByLabel('Email or username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('account-role')).toHaveText(user.role);
}
