// The web shell in real Chromium against the real server, in-process: sign-in (its checks,
// wrong credentials, the rate limit), the projects page from empty to one project, adding
// and disabling users, the audit log with its chain verification (intact, then tampered),
// and an auditor who sees everything and can change nothing.
// Screenshots land in e2e/screenshots/ (gitignored) for a person to look at.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  apiToken,
  hasChromium,
  signIn as signInAs,
  signOut as signOutOf,
  startHarness,
} from './harness.js';
import type { Harness, Server } from './harness.js';

const AUDITOR = {
  email: 'audrey@example.org',
  name: 'Audrey Auditor',
  password: 'a long auditor password',
};
const MEMBER = { email: 'mo@example.org', name: 'Mo Member', password: 'a long member password' };

describe.skipIf(!hasChromium)('web shell in Chromium', () => {
  let harness: Harness;
  let app: Server;
  let baseUrl: string;
  let page: Page;

  const shot = (name: string) => harness.shot(name);
  const signIn = (email: string, password: string) => signInAs(page, email, password);
  const signOut = () => signOutOf(page);

  beforeAll(async () => {
    harness = await startHarness({ loginAttempts: 3 });
    ({ app, baseUrl, page } = harness);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('sends a visitor to sign in and checks the form before sending it', async () => {
    await page.goto(`${baseUrl}/audit`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/audit');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter an email address.').waitFor();
    await page.getByText('Enter your password.').waitFor();
    expect(await page.getByLabel('Email', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await shot('01-login-validation');
  });

  it('says when the credentials are wrong, without saying which', async () => {
    await signIn(ADMIN.email, 'not the password');
    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    await shot('02-login-invalid');
  });

  it('signs the admin in and returns to the page they asked for', async () => {
    await signIn(ADMIN.email, ADMIN.password);
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/audit');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Projects',
      'Users',
      'Audit log',
    ]);
  });

  it('shows an honest empty projects page', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Projects' })
      .click();
    await page.getByRole('heading', { name: 'No projects yet' }).waitFor();
    await page.getByText('A project is one labeling program').waitFor();
    await page.getByRole('button', { name: 'New project' }).waitFor();
    await shot('03-projects-empty');
  });

  it('creates a project from a template, checking the name and the choice first', async () => {
    await page.keyboard.press('n'); // the page's "new" shortcut
    await page.getByRole('heading', { name: 'New project' }).waitFor();
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByText('Give the project a name.').waitFor();
    await page.getByText('Choose a template, or Custom to write the fields yourself.').waitFor();
    await shot('04-project-form-invalid');

    await page.getByLabel('Name', { exact: true }).fill('Support ticket routing');
    await page
      .getByLabel('Description')
      .fill('Which team a customer message goes to, from the help-desk export of March.');
    await page.getByRole('radio', { name: /^Intent classification/ }).check();
    await page.getByRole('button', { name: 'Create project' }).click();
    // A new project opens on its page, where the next step — importing items — is offered.
    await page.getByRole('heading', { name: 'Support ticket routing' }).waitFor();
    await page.getByText('No items yet').waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Projects' })
      .click();
    const row = page.getByRole('row').filter({ hasText: 'Support ticket routing' });
    await row.waitFor();
    expect(await page.getByText('No projects yet').count()).toBe(0);
    await shot('05-projects-list');
  });

  it('pages through a list longer than one page, keeping the page in the URL', async () => {
    const token = await apiToken(app, ADMIN.email, ADMIN.password);
    for (let i = 1; i <= 50; i++) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/projects',
        headers: { authorization: `Bearer ${token}` },
        payload: { name: `Batch ${String(i).padStart(2, '0')}` },
      });
      expect(created.statusCode).toBe(201);
    }
    await page.reload();
    await page.getByText('1–50 of 51 projects').waitFor();
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByText('51 of 51 projects').waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    await page.getByText('Page 2 of 2').waitFor();
    await shot('06-projects-page-2');
    await page.goBack();
    await page.getByText('1–50 of 51 projects').waitFor();

    await page.goto(`${baseUrl}/projects?page=9`);
    await page.getByText('This page is past the end').waitFor();
    await page.getByRole('button', { name: 'Go to page 2' }).click();
    await page.getByText('51 of 51 projects').waitFor();
    await page.goto(`${baseUrl}/projects`);
    await page.getByText('1–50 of 51 projects').waitFor();
  });

  it('lists the keyboard shortcuts and follows them', async () => {
    await page.keyboard.press('?');
    const help = page.getByRole('region', { name: 'Keyboard shortcuts' });
    await help.getByText('Go to Audit log').waitFor();
    await shot('07-keyboard-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.keyboard.press('g');
    await page.keyboard.press('a');
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('audit-action');
    await page.keyboard.press('Escape');
  });

  it('adds users, refusing a short password and a taken email', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Users' })
      .click();
    await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    await page.getByRole('row').filter({ hasText: ADMIN.email }).waitFor();

    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByLabel('Email', { exact: true }).fill(AUDITOR.email);
    await page.getByLabel('Name', { exact: true }).fill(AUDITOR.name);
    await page.getByLabel('Initial password', { exact: true }).fill('too short');
    await page.getByLabel('Role', { exact: true }).selectOption('auditor');
    await page.locator('form').getByRole('button', { name: 'Add user' }).click();
    await page.getByText('Use at least 12 characters (9 so far).').waitFor();
    await shot('08-add-user-invalid');

    await page.getByLabel('Initial password', { exact: true }).fill(AUDITOR.password);
    await page.locator('form').getByRole('button', { name: 'Add user' }).click();
    await page.getByText(`Added ${AUDITOR.name} (${AUDITOR.email}) as Auditor.`).waitFor();
    await page.getByRole('row').filter({ hasText: AUDITOR.email }).waitFor();

    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByLabel('Email', { exact: true }).fill(AUDITOR.email);
    await page.getByLabel('Name', { exact: true }).fill('Someone Else');
    await page.getByLabel('Initial password', { exact: true }).fill('another long password');
    await page.locator('form').getByRole('button', { name: 'Add user' }).click();
    await page
      .locator('#user-email-error')
      .getByText('A user with this email already exists.')
      .waitFor();
    await shot('09-add-user-taken');

    await page.getByLabel('Email', { exact: true }).fill(MEMBER.email);
    await page.getByLabel('Name', { exact: true }).fill(MEMBER.name);
    await page.getByLabel('Initial password', { exact: true }).fill(MEMBER.password);
    await page.locator('form').getByRole('button', { name: 'Add user' }).click();
    await page.getByText(`Added ${MEMBER.name}`).waitFor();
  });

  it('disables a user and changes a role through PATCH, showing "saved" only after the server answered', async () => {
    const mo = page.getByRole('row').filter({ hasText: MEMBER.email });
    await mo.getByRole('button', { name: 'Disable' }).click();
    await mo.getByText('Disabled', { exact: true }).waitFor();
    await mo.getByText('✓ Disabled').waitFor();
    await mo.getByRole('button', { name: 'Enable' }).waitFor();

    await mo.getByLabel(`Role of ${MEMBER.email}`).selectOption('auditor');
    await mo.getByText('✓ Role set to Auditor').waitFor();
    await mo.getByLabel(`Role of ${MEMBER.email}`).selectOption('member');
    await mo.getByText('✓ Role set to Member').waitFor();

    const me = page.getByRole('row').filter({ hasText: ADMIN.email });
    expect(await me.getByRole('button').count()).toBe(0);
    expect(await me.locator('select').count()).toBe(0);

    await page.getByPlaceholder('Search by email or name').fill('audrey');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('audrey');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByPlaceholder('Search by email or name').fill('');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    await shot('10-users');
  });

  it('opens the audit log, verifies the chain and filters by action', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByRole('button', { name: 'project.create' }).first().waitFor();

    await page.getByRole('button', { name: 'Verify chain' }).click();
    const verified = page.getByRole('status').filter({ hasText: 'Chain intact.' });
    await verified.waitFor();
    expect(await verified.textContent()).toMatch(/All \d+ events verified/);
    await shot('11-audit-verified');

    await page.getByRole('button', { name: 'user.create' }).first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('user.create');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    await page.getByRole('button', { name: 'Details' }).first().click();
    await page.getByText('"email": "mo@example.org"').waitFor();
    await shot('12-audit-filtered');
  });

  it('shows an auditor everything read-only, without a New project button', async () => {
    await signOut();
    await page.getByText('You are signed out.').waitFor();
    await signIn(AUDITOR.email, AUDITOR.password);
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Batch 50' }).waitFor();
    expect(await page.getByRole('button', { name: 'New project' }).count()).toBe(0);
    await page.getByText('Auditor', { exact: true }).first().waitFor();
    await shot('13-auditor-projects');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Users' })
      .click();
    await page.getByRole('row').filter({ hasText: ADMIN.email }).waitFor();
    expect(await page.getByRole('button', { name: 'Add user' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Disable' }).count()).toBe(0);
    expect(await page.locator('tbody select').count()).toBe(0);
    await shot('14-auditor-users');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('15-auditor-users-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows the seq where a tampered chain breaks, in red', async () => {
    const target = await app.concord.database.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'project.create')
      .executeTakeFirstOrThrow();
    await app.concord.database.db
      .updateTable('audit_events')
      .set({ payload: '{"name":"Renamed behind the log’s back","description":""}' })
      .where('seq', '=', target.seq)
      .execute();

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const broken = page
      .getByRole('alert')
      .filter({ hasText: `Chain broken at event #${target.seq}.` });
    await broken.waitFor();
    // The tampered event is older than the 50 newest on page 1: the verdict links to its page.
    await broken.getByRole('button', { name: `Show event #${target.seq}` }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBe('2');
    const row = page.locator('tr.row--broken');
    expect(await row.locator('td').first().textContent()).toBe(String(target.seq));
    const color = await row
      .locator('td')
      .first()
      .evaluate((td) => getComputedStyle(td).color);
    expect(color).toMatch(/^rgb\((1[5-9]\d|2\d\d), \d{1,2}, \d{1,2}\)$/);
    await shot('16-audit-broken');
  });

  it('tells a rate-limited person when to try again', async () => {
    await signOut();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await signIn('intruder@example.org', `guess number ${attempt}`);
      await page.getByText('Email or password is incorrect.').waitFor();
    }
    await signIn('intruder@example.org', 'one more guess');
    const limited = page.getByRole('alert').filter({ hasText: 'Too many attempts. Try again in' });
    await limited.waitFor();
    expect(await limited.textContent()).toMatch(/Try again in (\d+ minutes|\d+ min \d+ s)\./);
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    await shot('17-login-rate-limited');
  });
});
