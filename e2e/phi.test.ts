// A regulated (PHI) project in real Chromium against the real server (issue 6). A manager
// creates a project marked `phi` that requires the `clinical` credential, over the API, and
// imports a nursing note naming its patient. The credentialed annotator's workspace shows the
// de-identified note only: the patient's name is nowhere in the page's text. The manager sees
// the PHI badge, the lacking credential of a second member, grants the reveal permission to
// themselves on the Privacy tab, reveals the note with a reason and sees the original beside the
// surrogate text, downloads the compliance report that lists the reveal, and deletes the vault
// with a typed confirmation; a reveal afterwards is refused. An admin gives the second member the
// credential from the Users page. Screenshots land in e2e/screenshots/phi-*.png.

import { readFileSync } from 'node:fs';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  apiCall,
  apiToken,
  createMembers,
  hasChromium,
  screenshot,
  signIn,
  signOut,
  startHarness,
} from './harness.js';
import type { Harness } from './harness.js';

const PASSWORD = 'a long enough password';
const MANAGER = { email: 'mo@example.org', name: 'Mo Manager', password: PASSWORD };
const ANN = { email: 'ann@example.org', name: 'Ann Nurse', password: PASSWORD };
const BOB = { email: 'bob@example.org', name: 'Bob Newcomer', password: PASSWORD };

const PATIENT = 'Margaret Thornton';
const NOTE = `Pt ${PATIENT} seen 03/14/2024 for follow-up. Lives in Springfield with daughter. Denies chest pain, 5/10 pain in left knee. Call 617-555-0142 with results.`;
const REASON = 'Confirming the medication history with the ward';
const PROJECT_NAME = 'Nursing notes (PHI)';

describe.skipIf(!hasChromium)('a PHI project: surrogates for annotators, audited reveal', () => {
  let harness: Harness;
  let page: Page;
  let projectId = '';
  let itemId = '';
  let ids = new Map<string, string>();

  const call = <T>(token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    apiCall<T>(harness.app, token, method, url, payload);

  beforeAll(async () => {
    harness = await startHarness();
    page = harness.page;
    const admin = await apiToken(harness.app, ADMIN.email, ADMIN.password);
    ids = await createMembers(harness.app, admin, [MANAGER, ANN, BOB]);
    const credentials = await call(admin, 'PUT', `/api/users/${ids.get(ANN.email)}/credentials`, {
      credentials: ['clinical'],
    });
    expect(credentials.status).toBe(200);

    const manager = await apiToken(harness.app, MANAGER.email, MANAGER.password);
    const project = await call<{ id: string }>(manager, 'POST', '/api/projects', {
      name: PROJECT_NAME,
      description: 'Negation of findings in nursing notes',
      config: {
        fields: [
          {
            name: 'finding',
            type: 'choice',
            labels: ['present', 'absent', 'unclear'],
          },
        ],
        phi: {
          mode: 'surrogate',
          knownIdentifiers: [{ key: 'patient_name', category: 'PERSON' }],
        },
        credentials: ['clinical'],
      },
      policy: { overlap: 1, goldRate: 0 },
    });
    expect(project.status).toBe(201);
    projectId = project.body.id;
    for (const person of [ANN, BOB]) {
      const added = await call(manager, 'POST', `/api/projects/${projectId}/members`, {
        email: person.email,
        role: 'annotator',
      });
      expect(added.status).toBeLessThan(300);
    }
    const imported = await call(manager, 'POST', `/api/projects/${projectId}/items`, [
      { data: { text: NOTE }, meta: { patient_id: 'p-001', patient_name: PATIENT } },
    ]);
    expect(imported.status).toBeLessThan(300);
    const items = await call<{ items: { id: string; data: { text: string } }[] }>(
      manager,
      'GET',
      `/api/projects/${projectId}/items`,
    );
    itemId = items.body.items[0]?.id ?? '';
    expect(itemId).not.toBe('');
    // Stored de-identified: the manager's list does not hold the name either.
    expect(JSON.stringify(items.body)).not.toContain('Thornton');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('shows the credentialed annotator only the surrogate text, with the de-identification note', async () => {
    // Every API answer the annotator's browser receives, to look for the original in.
    const answers: Promise<string>[] = [];
    const collect = (response: Response) => {
      if (new URL(response.url()).pathname.startsWith('/api/'))
        answers.push(response.text().catch(() => ''));
    };
    page.on('response', collect);
    await page.goto(`${harness.baseUrl}/projects/${projectId}/annotate`);
    await signIn(page, ANN.email, ANN.password);
    await page.locator('.item-view__text, [data-testid="spans-text"]').first().waitFor();
    await page.getByText('De-identified text: names, dates and numbers are surrogates').waitFor();
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toContain('Thornton');
    expect(text).not.toContain('Margaret');
    expect(text).not.toContain('617-555-0142');
    expect(text).toContain('Denies chest pain');
    // The clinical content stays: the pain score is not a date.
    expect(text).toContain('5/10 pain');
    await screenshot(page, 'phi-01-workspace');
    page.off('response', collect);
    const bodies = await Promise.all(answers);
    expect(bodies.some((b) => b.includes('Denies chest pain'))).toBe(true);
    for (const body of bodies) {
      expect(body).not.toContain('Thornton');
      expect(body).not.toContain('617-555-0142');
    }
    await signOut(page);
  });

  it('marks the project PHI and warns beside the member who lacks the credential', async () => {
    await signIn(page, MANAGER.email, MANAGER.password);
    const row = page.getByRole('row').filter({ hasText: PROJECT_NAME });
    await row.locator('.phi-badge').waitFor();
    await screenshot(page, 'phi-02-projects');
    await page.goto(`${harness.baseUrl}/projects/${projectId}/members`);
    await page
      .getByRole('row')
      .filter({ hasText: BOB.email })
      .getByText('lacks clinical')
      .waitFor();
    expect(
      await page
        .getByRole('row')
        .filter({ hasText: ANN.email })
        .getByText('lacks clinical')
        .count(),
    ).toBe(0);
    await screenshot(page, 'phi-03-members');
  });

  it('grants the reveal permission to the manager on the Privacy tab', async () => {
    await page.getByRole('link', { name: 'Privacy' }).click();
    await page.getByRole('heading', { name: 'De-identification' }).waitFor();
    await page.getByText('Nobody may reveal originals in this project.').waitFor();
    // Not a holder yet: the items list offers no reveal.
    await page.getByRole('button', { name: 'Grant reveal' }).click();
    await page.getByLabel('Email or user ID').fill(MANAGER.email);
    await page.getByRole('button', { name: 'Grant', exact: true }).click();
    await page.getByText(`${MANAGER.email} can now reveal originals in this project.`).waitFor();
    await page.getByRole('row').filter({ hasText: MANAGER.email }).waitFor();
    await screenshot(page, 'phi-04-privacy');
  });

  it('checks edited de-identification settings with the schema, naming the field and line', async () => {
    await page.getByRole('button', { name: 'Edit settings' }).click();
    await page.getByLabel('Known identifiers').fill('patient_name: PERSON\nmrn: MEDICAL_RECORD_NO');
    await page.getByLabel('Maximum date shift (days)').fill('0');
    await page.getByLabel('Custom patterns').fill('Ward bed: ID_NUMBER /BED-(\\d+/');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page
      .getByText(
        'Line 2: category: not a known category (e.g. PERSON, DATE_TIME, MEDICAL_RECORD_NUMBER).',
      )
      .waitFor();
    await page.getByText('Enter a whole number of days, 1 to 3650.').waitFor();
    await page.getByText(/Line 1: pattern: not a valid regular expression/).waitFor();
    // The first field with a problem has the focus.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('phi-maxDateShiftDays');
    await screenshot(page, 'phi-05-settings-form');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('patient_name (PERSON)').waitFor();
    // Saved through PUT /projects/:id/phi: the summary reads the reloaded project.
    await page.getByRole('button', { name: 'Edit settings' }).click();
    // The date shift is fixed once records are imported: the refusal lands on its field.
    await page.getByLabel('Maximum date shift (days)').fill('180');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/fixed once records are imported/).waitFor();
    await page.getByLabel('Maximum date shift (days)').fill('365');
    await page.getByLabel('Deny list').fill('Springfield: LOCATION');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/Shifted by up to 365 days per patient/).waitFor();
    await page.getByText('1 entry').waitFor();
  });

  it('reveals the original with a reason, beside the surrogate, and says it was logged', async () => {
    await page.getByRole('link', { name: 'Items' }).click();
    const reveal = page.getByRole('button', { name: /Reveal the original of item 1/ });
    await reveal.click();
    await page.getByRole('button', { name: 'Reveal original' }).click();
    await page.getByText('Say why you need the original').waitFor();
    await page.getByLabel('Why do you need the original of this item?').fill(REASON);
    await page.getByRole('button', { name: 'Reveal original' }).click();
    await page.getByText('This reveal was logged').waitFor();
    const original = page.getByTestId('phi-original');
    const surrogate = page.getByTestId('phi-surrogate');
    expect(await original.locator('mark').first().textContent()).toContain('Margaret Thornton');
    expect(await original.textContent()).toContain('617-555-0142');
    expect(await surrogate.textContent()).not.toContain('Thornton');
    await screenshot(page, 'phi-06-reveal');
    await page.getByRole('button', { name: 'Close the original' }).click();
    expect(await page.evaluate(() => document.body.innerText)).not.toContain('Thornton');
  });

  it('downloads the compliance report, which lists the reveal and its reason', async () => {
    await page.getByRole('link', { name: 'Privacy' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download compliance report' }).click(),
    ]);
    const path = await download.path();
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('Compliance report: Nursing notes (PHI)');
    expect(html).toContain(REASON);
    expect(html).toContain(MANAGER.email);
    expect(html).not.toContain('Thornton');
    await page.setContent(html);
    await screenshot(page, 'phi-07-compliance-report');
  });

  it('deletes the vault after a typed confirmation; a reveal is refused afterwards', async () => {
    await page.goto(`${harness.baseUrl}/projects/${projectId}/privacy`);
    await page.getByRole('button', { name: 'Delete the vault…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Type the project’s name/).fill('Nursing notes');
    await dialog.getByLabel('Reason').fill('Study closed; retention period over');
    expect(await dialog.getByRole('button', { name: 'Delete the vault' }).isDisabled()).toBe(true);
    await dialog.getByLabel(/Type the project’s name/).fill(PROJECT_NAME);
    await screenshot(page, 'phi-08-delete-vault');
    await dialog.getByRole('button', { name: 'Delete the vault' }).click();
    await page.getByText('The vault was deleted').waitFor();
    await page.getByText('1 original destroyed, and the surrogate secret with them').waitFor();
    await screenshot(page, 'phi-09-vault-deleted');

    await page.getByRole('link', { name: 'Items' }).click();
    await page.getByRole('button', { name: /Reveal the original of item 1/ }).click();
    await page.getByLabel('Why do you need the original of this item?').fill(REASON);
    await page.getByRole('button', { name: 'Reveal original' }).click();
    await page.getByText('were deleted with its vault').waitFor();
  });

  it('revokes the permission after a confirmation; the reveal is then no longer offered', async () => {
    await page.getByRole('link', { name: 'Privacy' }).click();
    await page.getByRole('button', { name: `Revoke reveal: ${MANAGER.email}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('will no longer be able to see the originals').waitFor();
    await screenshot(page, 'phi-10-revoke');
    // The project reloads with the manager's own grants (myPermissions), now none: no reveal.
    const reloaded = page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/projects/${projectId}`,
    );
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText(`${MANAGER.email} can no longer reveal originals.`).waitFor();
    await page.getByText('Nobody may reveal originals in this project.').waitFor();
    expect(await (await reloaded).json()).toMatchObject({ project: { myPermissions: [] } });
    await page.getByRole('link', { name: 'Items' }).click();
    await page.getByText('#1–#1 of 1 item').waitFor();
    expect(await page.getByRole('button', { name: /Reveal the original/ }).count()).toBe(0);
    await signOut(page);
  });

  it('lets an admin give a member a credential from the Users page', async () => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(`${harness.baseUrl}/users`);
    const row = page.getByRole('row').filter({ hasText: BOB.email });
    const input = row.getByLabel(`Add a credential to ${BOB.email}`);
    await input.fill('Clinical');
    await input.press('Enter');
    await row.getByText('lower case letters').waitFor();
    await input.fill('clinical');
    await input.press('Enter');
    await row.getByText('Credentials saved').waitFor();
    // The row shows what the server saved, from its answer.
    await row
      .getByRole('button', { name: `Remove credential clinical from ${BOB.email}` })
      .waitFor();
    await screenshot(page, 'phi-11-users');
    const bob = await call<{ users: { email: string; credentials: string[] }[] }>(
      await apiToken(harness.app, ADMIN.email, ADMIN.password),
      'GET',
      `/api/users?q=${encodeURIComponent(BOB.email)}`,
    );
    expect(bob.body.users[0]?.credentials).toEqual(['clinical']);
    await signOut(page);
  });

  it('offers the reveal to a reviewer who holds phi:reveal (told by the project, not the grants)', async () => {
    const manager = await apiToken(harness.app, MANAGER.email, MANAGER.password);
    const role = await call(manager, 'POST', `/api/projects/${projectId}/members`, {
      email: BOB.email,
      role: 'reviewer',
    });
    expect(role.status).toBeLessThan(300);
    const granted = await call(manager, 'POST', `/api/projects/${projectId}/permissions`, {
      email: BOB.email,
      permission: 'phi:reveal',
    });
    expect(granted.status).toBe(201);
    await signIn(page, BOB.email, BOB.password);
    await page.goto(`${harness.baseUrl}/projects/${projectId}/items`);
    await page.getByRole('button', { name: /Reveal the original of item 1/ }).waitFor();
  });
});
