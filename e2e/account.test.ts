// The account page in real Chromium against the real server, as a member: the member's
// navigation, changing the password (its checks, a wrong current password, the other sessions
// and tokens revoked while this one stays), and API tokens — created with the secret shown once,
// used by a script with a bearer header, revoked after a confirmation and refused from then on.
// An auditor, read-only everywhere else, manages their own tokens too.
// Screenshots land in e2e/screenshots/account-*.png for a person to look at.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiToken, hasChromium, signIn, signOut, startHarness } from './harness.js';
import type { Harness } from './harness.js';

const MEMBER = { email: 'mia@example.org', name: 'Mia Member', password: 'first member password' };
const NEW_PASSWORD = 'second, longer member password';
const AUDITOR = {
  email: 'otto@example.org',
  name: 'Otto Auditor',
  password: 'an auditor password',
};

describe.skipIf(!hasChromium)('account page in Chromium', () => {
  let harness: Harness;
  let page: Page;
  /** The secret of the token the member creates, as their script would hold it. */
  let secret = '';

  /** GET /api/auth/me over real HTTP, as a script holding `token` would call it. */
  async function meWith(token: string): Promise<{ status: number; email: string | null }> {
    const response = await fetch(`${harness.baseUrl}/api/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { user?: { email: string } };
    return { status: response.status, email: body.user?.email ?? null };
  }

  beforeAll(async () => {
    harness = await startHarness();
    page = harness.page;
    await harness.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: harness.baseUrl,
    });
    const admin = await apiToken(harness.app, ADMIN.email, ADMIN.password);
    for (const [person, role] of [
      [MEMBER, 'member'],
      [AUDITOR, 'auditor'],
    ] as const) {
      const created = await harness.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { authorization: `Bearer ${admin}` },
        payload: { ...person, role },
      });
      expect(created.statusCode).toBe(201);
    }
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('shows a member only Projects in the navigation, and no page of admins', async () => {
    await page.goto(`${harness.baseUrl}/projects`);
    await signIn(page, MEMBER.email, MEMBER.password);
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Projects']);

    await page.goto(`${harness.baseUrl}/users`);
    await page.getByRole('heading', { name: 'Not available to your role' }).waitFor();
    await page.goto(`${harness.baseUrl}/audit`);
    await page.getByRole('heading', { name: 'Not available to your role' }).waitFor();
  });

  it('opens the account page from the name in the top bar', async () => {
    await page.getByRole('link', { name: MEMBER.name }).click();
    await page.getByRole('heading', { name: 'Account', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await page.getByRole('link', { name: MEMBER.name }).getAttribute('aria-current')).toBe(
      'page',
    );
    await page.getByText('You have no API tokens.').waitFor();
    // The ID a project manager who is not an admin needs to add this member to a project.
    const me = await harness.app.concord.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', MEMBER.email)
      .executeTakeFirstOrThrow();
    expect(await page.getByLabel('User ID', { exact: true }).inputValue()).toBe(me.id);
    await harness.shot('account-01-page');
  });

  it('checks the password form before sending it', async () => {
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Enter your current password.').waitFor();
    await page.getByText('Use at least 12 characters (0 so far).').waitFor();
    await page.getByText('Type the new password again.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password-currentPassword');

    await page.getByLabel('Current password').fill(MEMBER.password);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat new password').fill(`${NEW_PASSWORD}!`);
    await page.getByText('Does not match the new password.').waitFor();
    expect(await page.getByText('Enter your current password.').count()).toBe(0);
    await harness.shot('account-02-password-invalid');
  });

  it('says so, next to the field, when the current password is wrong', async () => {
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('Repeat new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page
      .locator('#password-currentPassword-error')
      .getByText('This is not your current password.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Change password' }).isEnabled()).toBe(true);
    await harness.shot('account-03-password-wrong');
  });

  it('changes the password, revoking the other sessions and tokens but keeping this one', async () => {
    // Another session and a token made by a script before the change.
    const otherSession = await apiToken(harness.app, MEMBER.email, MEMBER.password);
    const created = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { authorization: `Bearer ${otherSession}` },
      payload: { name: 'old laptop script', expiresInDays: 30 },
    });
    const oldToken = created.json<{ token: string }>().token;
    await page.reload();
    await page.getByRole('row').filter({ hasText: 'old laptop script' }).waitFor();

    await page.getByLabel('Current password').fill(MEMBER.password);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Password changed. Your other sessions are signed out' })
      .waitFor();
    // The list follows the server: the token the change revoked is gone.
    await page.getByText('You have no API tokens.').waitFor();
    expect(await page.getByLabel('Current password').inputValue()).toBe('');
    await harness.shot('account-04-password-changed');

    expect((await meWith(otherSession)).status).toBe(401);
    expect((await meWith(oldToken)).status).toBe(401);
    await page.reload();
    await page.getByRole('heading', { name: 'Account', exact: true }).waitFor();
  });

  it('creates an API token, shows its secret once, and a script can use it', async () => {
    await page.keyboard.press('n'); // the page's "new" shortcut
    await page.getByRole('heading', { name: 'New API token' }).waitFor();
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Name the token after the script or machine that will use it.').waitFor();

    await page.getByLabel('Name', { exact: true }).fill('nightly export');
    await page.getByLabel('Expires after').selectOption('custom');
    await page.getByLabel('Days', { exact: true }).fill('0');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Enter a whole number of days from 1 to 3650.').waitFor();
    await harness.shot('account-05-token-form-invalid');

    await page.getByLabel('Days', { exact: true }).fill('30');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('heading', { name: 'Token “nightly export” created' }).waitFor();
    await page.getByText('Copy it now: it is shown only this once.').waitFor();
    secret = await page.getByLabel('Token', { exact: true }).inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await page
      .getByRole('row')
      .filter({ hasText: 'nightly export' })
      .getByText('(in 30 days)')
      .waitFor();

    // The token's own Copy button (the user ID above has one too).
    const created = page.locator('.created-token');
    await created.getByRole('button', { name: 'Copy' }).click();
    await created.getByRole('button', { name: '✓ Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await harness.shot('account-06-token-created');

    expect(await meWith(secret)).toEqual({ status: 200, email: MEMBER.email });

    await page.getByRole('button', { name: 'Done, I have stored it' }).click();
    await page.getByRole('heading', { name: 'Token “nightly export” created' }).waitFor({
      state: 'detached',
    });
    // Shown once means kept nowhere: not in the page, not in the browser's storage.
    expect(await page.content()).not.toContain(secret);
    const stored = await page.evaluate(
      () => JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie,
    );
    expect(stored).not.toContain(secret);
  });

  it('revokes a token only after asking, and the script is refused from then on', async () => {
    const row = page.getByRole('row').filter({ hasText: 'nightly export' });
    await row.getByRole('button', { name: 'Revoke nightly export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke “nightly export”?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    // Shortcuts wait while the dialog asks: `n` must not open a form behind it.
    await page.keyboard.press('n');
    expect(await page.getByRole('heading', { name: 'New API token' }).count()).toBe(0);
    await harness.shot('account-07-revoke-confirm');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await meWith(secret)).status).toBe(200);

    await row.getByRole('button', { name: 'Revoke nightly export' }).click();
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('Revoked “nightly export”. Requests with it are now refused.').waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByText('You have no API tokens.').waitFor();
    expect(await meWith(secret)).toEqual({ status: 401, email: null });
    await harness.shot('account-08-token-revoked');
  });

  it('signs the member in with the new password only', async () => {
    await signOut(page);
    await signIn(page, MEMBER.email, MEMBER.password);
    await page.getByText('Email or password is incorrect.').waitFor();
    await signIn(page, MEMBER.email, NEW_PASSWORD);
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
  });

  it('lets an auditor, read-only elsewhere, manage their own tokens', async () => {
    await signOut(page);
    await signIn(page, AUDITOR.email, AUDITOR.password);
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
    await page.getByRole('link', { name: AUDITOR.name }).click();
    await page.getByRole('heading', { name: 'Account', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New token' }).click();
    await page.getByLabel('Name', { exact: true }).fill('audit export');
    await page.getByLabel('Expires after').selectOption('never');
    await page.getByText('It works until you revoke it or change your password.').waitFor();
    await page.getByRole('button', { name: 'Create token' }).click();
    const auditorSecret = await page.getByLabel('Token', { exact: true }).inputValue();
    expect(await meWith(auditorSecret)).toEqual({ status: 200, email: AUDITOR.email });
    await page.getByRole('row').filter({ hasText: 'audit export' }).getByText('Never').waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await harness.shot('account-09-auditor-token-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 420, height: 800 });
    await harness.shot('account-10-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
