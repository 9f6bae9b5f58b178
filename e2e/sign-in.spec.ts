/**
 * Sign-in end to end: the console's Sign in button, the local user pool's real login
 * page, the code + PKCE round trip, the ID token in the identity pool's Logins, and
 * what each demo user's role may do, against the real local Feature Store.
 */
import { expect, test, type Page } from '@playwright/test';
import { NO_GUESTS_CONSOLE_PORT } from '../playwright.config';
import {
  expectNoSeriousA11yViolations,
  featureStoreUrl,
  field,
  fillIdentity,
  getRecord,
  openGroup,
  uniqueId,
  valueOf,
  watchAwsCalls,
  watchViolations,
  writes,
} from './support';

const DEMO = {
  reader: { username: 'reader@example.com', password: 'Reader-demo-1', role: 'Reader' },
  writer: { username: 'writer@example.com', password: 'Writer-demo-1', role: 'Writer' },
  admin: { username: 'admin@example.com', password: 'Admin-demo-1', role: 'Admin' },
} as const;
type DemoUser = (typeof DEMO)[keyof typeof DEMO];

/** From any console page: Sign in, fill the managed login's form, and come back signed in. */
async function signIn(page: Page, user: DemoUser): Promise<void> {
  await page.getByTestId('account').getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${featureStoreUrl}/oauth2/authorize`));
  await page.getByLabel('Email or username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('account-name')).toHaveText(user.username);
  await expect(page.getByTestId('account-role')).toHaveText(user.role);
}

async function writeExchangeRate(page: Page, id: string): Promise<void> {
  await openGroup(page, 'exchange-rates');
  await fillIdentity(page, 'currency_pair', id);
  await field(page, 'rate').fill('1.5');
  await page.getByRole('button', { name: 'Write record' }).click();
}

async function writeCustomer(page: Page, id: string): Promise<void> {
  await openGroup(page, 'customers');
  await fillIdentity(page, 'customer_id', id);
  await field(page, 'segment').fill('signed-in');
  await page.getByRole('button', { name: 'Write record' }).click();
}

test.describe('signing in with the local user pool', () => {
  test('the login page says a wrong password is wrong, and is labelled', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('account')).toContainText('Guest');
    await page.getByTestId('account').getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Email or username').fill(DEMO.reader.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Incorrect username or password.');
    await expect(page.getByLabel('Email or username')).toHaveValue(DEMO.reader.username);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: test.info().outputPath('login-page.png') });
  });

  test('a reader reads, and sees the write form read-only up front, with the reason', async ({ page }) => {
    const calls = watchAwsCalls(page);
    await page.goto('/groups/customers');
    await signIn(page, DEMO.reader);
    // Back where sign-in started.
    await expect(page).toHaveURL(/\/groups\/customers$/);
    await expect(page.getByTestId('identity')).toContainText('Identity us-east-1:');
    const notice = page.getByRole('note', { name: 'What your role may write' });
    await expect(notice).toContainText('Read-only: your role (Reader) may read records of customers but not write them.');
    await expect(page.getByRole('button', { name: 'Write record' })).toBeDisabled();
    await expect(field(page, 'segment')).toBeDisabled();
    await page.screenshot({ path: test.info().outputPath('reader-read-only.png'), fullPage: true });
    await expectNoSeriousA11yViolations(page);
    // Reading still works: the record page shows a seeded record.
    await page.goto('/groups/customers/record?id=C-1001');
    await expect(page.getByText('C-1001').first()).toBeVisible();
    expect(writes(calls)).toEqual([]);
  });

  test('a writer writes, history says who, and signing out leaves a guest who does not see it', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto('/');
    await signIn(page, DEMO.writer);
    await page.screenshot({ path: test.info().outputPath('header-signed-in.png'), clip: { x: 0, y: 0, width: 1280, height: 120 } });
    await expectNoSeriousA11yViolations(page);
    const id = uniqueId('W');
    await writeCustomer(page, id);
    await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);
    expect(valueOf((await getRecord('customers', id)).Record, 'segment')).toBe('signed-in');
    // Reference data is the admins' to change: said up front.
    await openGroup(page, 'exchange-rates');
    await expect(page.getByRole('note', { name: 'What your role may write' })).toContainText(
      'Read-only: exchange-rates is a reference group, which only admins may write. Your role (Writer) may read it.',
    );
    await expect(page.getByRole('button', { name: 'Write record' })).toBeDisabled();

    await page.getByRole('link', { name: 'History' }).click();
    const entry = page.getByTestId('history-entry').filter({ hasText: id });
    await expect(entry.getByTestId('history-actor')).toHaveText('writer@example.com (writers)');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByTestId('account')).toContainText('Guest');
    await expect(page.getByTestId('account').getByRole('button', { name: 'Sign in' })).toBeVisible();
    // Back on the page signed out from (guests may read it), not the start page.
    await expect(page).toHaveURL(/\/history$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
    await expect(page.getByTestId('history-entry').filter({ hasText: id })).toHaveCount(0);
    expect(violations).toEqual([]);
  });

  test('an admin writes reference data that writers may not', async ({ page }) => {
    await page.goto('/');
    await signIn(page, DEMO.admin);
    const id = uniqueId('AX');
    await writeExchangeRate(page, id);
    await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);
    expect(valueOf((await getRecord('exchange-rates', id)).Record, 'rate')).toBe('1.5');
  });

  test('a reload signs in again at once through the managed login session', async ({ page }) => {
    await page.goto('/history');
    await signIn(page, DEMO.writer);
    await page.reload();
    await expect(page.getByTestId('account-name')).toHaveText(DEMO.writer.username);
    await expect(page).toHaveURL(/\/history$/);
  });

  // A full load resumes the sign-in through the managed login ("Signing in…"). Loading again before that round
  // trip is back (an impatient reload, a second page.goto) used to leave a guest: the first load had dropped the flag.
  test('loading again while a reload is still signing in keeps the user signed in', async ({ page }) => {
    await page.goto('/history');
    await signIn(page, DEMO.writer);
    const resuming = page.waitForRequest((request) => request.url().startsWith(`${featureStoreUrl}/oauth2/authorize`));
    await page.goto('/history');
    await resuming;
    // The first round trip's return may win the race: then this load is interrupted, and that one completes.
    await page.goto('/history').catch((error: Error) => expect(error.message).toContain('interrupted by another navigation'));
    await expect(page.getByTestId('account-name')).toHaveText(DEMO.writer.username);
    await expect(page).toHaveURL(/\/history$/);
  });

  // The reload's trip to the managed login is stopped (the browser's Stop while the login page is slow to answer):
  // nothing tells the page, which used to stay at "Signing in…" with no way on.
  test('a stopped trip to the sign-in page offers to go on as a guest or to try again', async ({ page }) => {
    await page.goto('/history');
    await signIn(page, DEMO.writer);
    const authorize = `${featureStoreUrl}/oauth2/authorize**`;
    // The login page does not answer (held, never fulfilled) until the user presses Stop.
    const held = new Promise<void>((resolve) => void page.route(authorize, () => resolve()));
    await page.goto('/history', { waitUntil: 'commit' });
    await held;
    // What the browser's Stop button does.
    await (await page.context().newCDPSession(page)).send('Page.stopLoading');
    await page.unroute(authorize);
    await expect(page.getByRole('status')).toHaveText('Signing in… taking you back through the sign-in page.');
    await page.screenshot({ path: test.info().outputPath('resume-stopped.png') });
    await page.getByRole('button', { name: 'Continue without signing in' }).click();
    await expect(page.getByTestId('account')).toContainText('Guest');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
    // A guest now: the next load stays one instead of going back to the sign-in page.
    await page.reload();
    await expect(page.getByTestId('account')).toContainText('Guest');
    // Signing in again goes through the managed login's session at once.
    await page.getByTestId('account').getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('account-name')).toHaveText(DEMO.writer.username);
    await expect(page).toHaveURL(/\/history$/);
  });

  test('an ended session asks to sign in again in words, and signing in again continues', async ({ page }) => {
    await page.goto('/groups/customers');
    await signIn(page, DEMO.writer);
    await expect(page.getByRole('button', { name: 'Write record' })).toBeVisible();
    // Every session ends at once (the local user pool's revocation): no clock involved.
    const revoked = await fetch(`${featureStoreUrl}/_local/user-pool/revoke-sessions`, { method: 'POST' });
    expect(revoked.ok).toBe(true);
    // No reload: the page the user is on finds out when it next calls AWS.
    const id = uniqueId('E');
    await fillIdentity(page, 'customer_id', id);
    await field(page, 'segment').fill('typed before the session ended');
    await page.getByRole('button', { name: 'Write record' }).click();
    await expect(page.getByText('Sign in to continue')).toBeVisible();
    await expect(page.getByTestId('account')).toContainText('has ended. Sign in again to continue.');
    await page.screenshot({ path: test.info().outputPath('session-ended.png') });
    expect((await getRecord('customers', id)).Record).toBeUndefined();
    await page.getByTestId('account').getByRole('button', { name: 'Sign in again' }).click();
    // The managed-login session was revoked too, so the login page asks.
    await page.getByLabel('Email or username').fill(DEMO.writer.username);
    await page.getByLabel('Password').fill(DEMO.writer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('account-name')).toHaveText(DEMO.writer.username);
    await expect(page).toHaveURL(/\/groups\/customers$/);
    // What was typed before the session ended is this user's draft, restored.
    await expect(page.getByTestId('draft-restored')).toBeVisible();
    await expect(field(page, 'segment')).toHaveValue('typed before the session ended');
    await page.getByRole('button', { name: 'Write record' }).click();
    await expect(page.getByTestId('write-outcome')).toContainText(`Record written: ${id}`);
  });

  test('without guests, nothing is asked of AWS until someone signs in', async ({ page }) => {
    const calls = watchAwsCalls(page);
    await page.goto(`http://localhost:${NO_GUESTS_CONSOLE_PORT}/`);
    await expect(page.getByRole('heading', { name: 'Sign in to use the console' })).toBeVisible();
    await expect(page.getByTestId('identity')).toHaveText('No credentials');
    await page.screenshot({ path: test.info().outputPath('sign-in-required.png') });
    expect(calls).toEqual([]);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Email or username').fill(DEMO.reader.username);
    await page.getByLabel('Password').fill(DEMO.reader.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('account-role')).toHaveText('Reader');
    await expect(page.getByRole('link', { name: 'customers', exact: true })).toBeVisible();
    // A guest may read nothing here: signing out goes to the start, which asks to sign in.
    await page.getByRole('link', { name: 'customers', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'customers', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to use the console' })).toBeVisible();
    await expect(page).toHaveURL(`http://localhost:${NO_GUESTS_CONSOLE_PORT}/`);
  });
});
