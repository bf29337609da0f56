// A manager's decisions on qualification, in real Chromium against the real server. A sentiment
// project with a qualification set of two items is seeded over the API, and its manager (not an
// admin) adds two annotators by email. Fay answers both qualification items wrongly in her
// browser and is told she did not pass; the manager, on the Members tab, allows her a retake with
// a note (the confirm is driven from the keyboard, and refuses a note over the server's limit);
// the row then says attempt 2, the audit log keeps the note, and Fay is served the qualification
// items again. Screenshots land in e2e/screenshots/members-*.png for a person to look at.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  apiCall,
  apiToken,
  createMembers,
  hasChromium,
  screenshot,
  signIn,
  startHarness,
} from './harness.js';
import type { Harness } from './harness.js';

const PASSWORD = 'a long enough password';
const MANAGER = { email: 'mo@example.org', name: 'Mo Manager', password: PASSWORD };
const FAY = { email: 'fay@example.org', name: 'Fay Failing', password: PASSWORD };
const ANN = { email: 'ann@example.org', name: 'Ann Careful', password: PASSWORD };

type Sentiment = 'positive' | 'neutral' | 'negative';
const QUALIFICATION: readonly [string, Sentiment][] = [
  ['Thanks a lot, that solved it!', 'positive'],
  ['The package still has not arrived after three weeks.', 'negative'],
];
const PRODUCTION = ['Where is my invoice?', 'The new app is lovely.'];
const NOTE = 'Went through the guidelines together on Monday.';

describe.skipIf(!hasChromium)('qualification decisions on the Members tab', () => {
  let harness: Harness;
  let page: Page;
  let projectId = '';
  let ids = new Map<string, string>();
  const db = () => harness.app.concord.database.db;

  const call = <T>(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    apiCall<T>(harness.app, token, method, url, payload);

  const member = (email: string) =>
    db()
      .selectFrom('project_members')
      .select(['qualification', 'qualification_attempt'])
      .where('project_id', '=', projectId)
      .where('user_id', '=', ids.get(email) ?? '')
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    harness = await startHarness();
    page = harness.page;
    const admin = await apiToken(harness.app, ADMIN.email, ADMIN.password);
    ids = await createMembers(harness.app, admin, [MANAGER, FAY, ANN]);
    const manager = await apiToken(harness.app, MANAGER.email, MANAGER.password);
    const project = await call<{ id: string }>(manager, 'POST', '/api/projects', {
      name: 'Support sentiment',
      template: 'sentiment',
      policy: { overlap: 1, goldRate: 0 },
    });
    expect(project.status).toBe(201);
    projectId = project.body.id;
    const imported = await call(manager, 'POST', `/api/projects/${projectId}/items`, [
      ...QUALIFICATION.map(([text, sentiment]) => ({
        data: { text },
        gold: { sentiment },
        qualification: true,
      })),
      ...PRODUCTION.map((text) => ({ data: { text } })),
    ]);
    expect(imported.status).toBe(201);
    for (const person of [FAY, ANN]) {
      const added = await call<{ userId: string }>(
        manager,
        'POST',
        `/api/projects/${projectId}/members`,
        { email: person.email, role: 'annotator' },
      );
      expect(added.status).toBe(201);
      expect(added.body.userId).toBe(ids.get(person.email));
    }
    // Ann passes over the API: the right answer to both qualification items.
    const ann = await apiToken(harness.app, ANN.email, ANN.password);
    for (let i = 0; i < QUALIFICATION.length; i++) {
      const next = await call<{ assignment: { id: string }; item: { data: { text: string } } }>(
        ann,
        'GET',
        `/api/projects/${projectId}/next`,
      );
      const answer = QUALIFICATION.find(([text]) => text === next.body.item.data.text)?.[1];
      const submitted = await call(
        ann,
        'POST',
        `/api/assignments/${next.body.assignment.id}/submit`,
        {
          value: { sentiment: answer },
          clientId: `ann-${i}`,
        },
      );
      expect(submitted.status).toBe(201);
    }
    expect((await call(ann, 'GET', `/api/projects/${projectId}/next`)).status).toBe(200);
    expect((await member(ANN.email)).qualification).toBe('qualified');
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** Answers the qualification items on screen with "neutral", which both gold answers are not. */
  async function answerWrongly(fay: Page, attempt: number) {
    for (let i = 1; i <= QUALIFICATION.length; i++) {
      const text = fay.locator('.item-view__text');
      await text.waitFor();
      expect(QUALIFICATION.map(([t]) => t)).toContain(await text.textContent());
      const assignment = await fay.locator('.item-card').getAttribute('data-assignment');
      const lease = await db()
        .selectFrom('assignments')
        .select(['kind', 'attempt'])
        .where('id', '=', assignment ?? '')
        .executeTakeFirstOrThrow();
      expect([lease.kind, Number(lease.attempt)]).toEqual(['qualification', attempt]);
      await fay.keyboard.press('2');
      await fay.keyboard.press('Enter');
      await fay.locator('.session dd').first().getByText(String(i), { exact: true }).waitFor();
    }
  }

  /** Fay signs in, answers the qualification set wrongly, and is told she did not pass. */
  async function failInTheBrowser(attempt: number) {
    const fay = await harness.newPerson();
    await fay.goto(`${harness.baseUrl}/projects/${projectId}/annotate`);
    await signIn(fay, FAY.email, FAY.password);
    await answerWrongly(fay, attempt);
    await fay.getByRole('heading', { name: 'You did not pass the qualification' }).waitFor();
    await fay.context().close();
  }

  it('tells an annotator who answered the qualification set wrongly that she did not pass', async () => {
    await failInTheBrowser(1);
    expect(await member(FAY.email)).toMatchObject({ qualification: 'failed' });
  }, 60_000);

  it('offers the manager a retake or admission for the failed, and failing for the others', async () => {
    await page.goto(`${harness.baseUrl}/projects/${projectId}/members`);
    await signIn(page, MANAGER.email, MANAGER.password);
    const fayRow = page.getByRole('row').filter({ hasText: FAY.email });
    await fayRow.getByText('Failed · 0 %', { exact: true }).waitFor();
    await fayRow.getByRole('button', { name: `Allow a retake: ${FAY.email}` }).waitFor();
    await fayRow.getByRole('button', { name: `Admit anyway: ${FAY.email}` }).waitFor();
    const annRow = page.getByRole('row').filter({ hasText: ANN.email });
    await annRow.getByText('Passed · 100 %', { exact: true }).waitFor();
    expect(await annRow.getByRole('button').allTextContents()).toEqual(['Mark as failed']);
    // Nobody decides on their own qualification.
    const myRow = page.getByRole('row').filter({ hasText: MANAGER.email });
    expect(await myRow.getByRole('button').count()).toBe(0);
    await screenshot(page, 'members-01-decisions');

    // Esc closes a confirm and gives focus back to the button that opened it.
    const markFailed = annRow.getByRole('button', { name: `Mark as failed: ${ANN.email}` });
    await markFailed.click();
    await page.getByText(`Mark ${ANN.name} as failed?`).waitFor();
    await screenshot(page, 'members-02-mark-failed-confirm');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByText(`Mark ${ANN.name} as failed?`).count()).toBe(0);
    expect(await markFailed.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await member(ANN.email)).toMatchObject({ qualification: 'qualified' });
  });

  it('allows a retake with a note, from the keyboard, and the row says attempt 2', async () => {
    const fayRow = page.getByRole('row').filter({ hasText: FAY.email });
    await fayRow.getByRole('button', { name: `Allow a retake: ${FAY.email}` }).click();
    await page.getByText(`Allow ${FAY.name} a retake of the qualification set?`).waitFor();
    await page.getByText('as attempt 2', { exact: false }).waitFor();
    // Focus starts in the note; a note over the limit is refused before anything is sent.
    const note = page.getByLabel('Note');
    expect(await note.evaluate((el) => el === document.activeElement)).toBe(true);
    await note.fill('x'.repeat(2001));
    await page.keyboard.press('Control+Enter');
    await page.getByText('Keep the note to 2,000 characters (2,001 now).').waitFor();
    expect(await member(FAY.email)).toMatchObject({ qualification: 'failed' });
    await note.fill(NOTE);
    await screenshot(page, 'members-03-retake-confirm');
    await page.emulateMedia({ colorScheme: 'dark' });
    // The buttons fade to their dark colours: shot once the transitions have run.
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    await screenshot(page, 'members-03-retake-confirm-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Control+Enter');

    await fayRow.getByText('✓ Retake allowed').waitFor();
    await fayRow.getByText('Pending · attempt 2', { exact: true }).waitFor();
    await fayRow.getByRole('button', { name: `Mark as failed: ${FAY.email}` }).waitFor();
    expect(await page.getByLabel('Note').count()).toBe(0);
    await page.locator('.table-wrap[aria-busy="false"]').waitFor();
    await screenshot(page, 'members-04-retake-allowed');

    expect(await member(FAY.email)).toMatchObject({
      qualification: 'pending',
      qualification_attempt: 2,
    });
    const events = await db()
      .selectFrom('audit_events')
      .select(['action', 'payload'])
      .where('action', '=', 'qualification.retake')
      .execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.payload ?? '{}')).toMatchObject({
      userId: ids.get(FAY.email),
      decision: 'retake',
      note: NOTE,
    });
  });

  it('serves the annotator the qualification items again, as her second attempt', async () => {
    await failInTheBrowser(2);

    await page.reload();
    const fayRow = page.getByRole('row').filter({ hasText: FAY.email });
    await fayRow.getByText('Failed · 0 % · attempt 2', { exact: true }).waitFor();
  }, 60_000);
});
