// The manager's quality dashboard, the reviewer's adjudication queue and the snapshots page in
// real Chromium against the real server. A sentiment program is seeded over the API: a manager,
// a reviewer, three annotators with overlap 2 and hidden gold, one annotator who calls everything
// "neutral" so that items tie. The dashboard's charts render and its α is the API's; a reviewer
// adjudicates one item with the keyboard alone and the queue shrinks; the manager creates a
// snapshot and the downloaded JSONL hashes to the manifest's SHA-256.
// Screenshots land in e2e/screenshots/quality-*.png for a person to look at.

import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiCall, apiToken, hasChromium, signIn, signOut, startHarness } from './harness.js';
import type { Harness, Server } from './harness.js';

const PASSWORD = 'a long enough password';
const MANAGER = { email: 'maya@example.org', name: 'Maya Manager', password: PASSWORD };
const REVIEWER = { email: 'rui@example.org', name: 'Rui Reviewer', password: PASSWORD };
const ANNOTATORS = [
  { email: 'ana@example.org', name: 'Ana Lima', password: PASSWORD },
  { email: 'ben@example.org', name: 'Ben Okafor', password: PASSWORD },
  { email: 'cleo@example.org', name: 'Cleo Park', password: PASSWORD },
];

type Sentiment = 'positive' | 'neutral' | 'negative';

const PRODUCTION: readonly [string, Sentiment][] = [
  ['The refund arrived in two days, thank you!', 'positive'],
  ['Still waiting for someone to answer my ticket from last week.', 'negative'],
  ['Can I change the delivery address after ordering?', 'neutral'],
  ['Your agent was patient and fixed it in minutes.', 'positive'],
  ['The app crashes every time I open my invoices.', 'negative'],
  ['What are your opening hours on public holidays?', 'neutral'],
  ['Great prices, and the parcel came early.', 'positive'],
  ['I was charged twice and nobody replies.', 'negative'],
  ['Please send me the user manual as a PDF.', 'neutral'],
  ['Love the new dark mode.', 'positive'],
  ['The replacement part is the wrong size again.', 'negative'],
  ['Is the premium plan billed monthly?', 'neutral'],
];

const GOLD: readonly [string, Sentiment][] = [
  ['Best support I have ever had.', 'positive'],
  ['Terrible: the order never arrived.', 'negative'],
  ['How do I reset my password?', 'neutral'],
  ['Thanks, everything works now.', 'positive'],
];

const truth = new Map<string, Sentiment>([...PRODUCTION, ...GOLD]);

interface QualityBody {
  agreement: { key: string; krippendorff_alpha: number | null; units: number } | null;
  adjudication: { pending: number; decided: number };
  annotators: { name: string; goldAccuracy: number | null }[];
}

describe.skipIf(!hasChromium)('quality, adjudication and snapshots in Chromium', () => {
  let harness: Harness;
  let app: Server;
  let page: Page;
  let projectId = '';
  let managerToken = '';
  /** Uncaught errors in the page: a chart that throws must fail the test, not just look blank. */
  const pageErrors: string[] = [];

  const call = <T>(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    apiCall<T>(app, token, method, url, payload);

  const quality = async () =>
    (await call<QualityBody>(managerToken, 'GET', `/api/projects/${projectId}/quality`)).body;

  beforeAll(async () => {
    harness = await startHarness();
    ({ app, page } = harness);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const admin = await apiToken(app, ADMIN.email, ADMIN.password);
    const ids = new Map<string, string>();
    for (const person of [MANAGER, REVIEWER, ...ANNOTATORS]) {
      const created = await call<{ id: string }>(admin, 'POST', '/api/users', {
        ...person,
        role: 'member',
      });
      expect(created.status).toBe(201);
      ids.set(person.email, created.body.id);
    }
    managerToken = await apiToken(app, MANAGER.email, MANAGER.password);
    const project = await call<{ id: string }>(managerToken, 'POST', '/api/projects', {
      name: 'Support sentiment',
      description: 'Customer messages from the support inbox.',
      template: 'sentiment',
      config: {
        fields: [
          {
            name: 'sentiment',
            type: 'choice',
            labels: [
              { value: 'positive', definition: 'The customer is pleased.' },
              { value: 'neutral', definition: 'A question or a statement of fact.' },
              { value: 'negative', definition: 'The customer is unhappy.' },
            ],
          },
        ],
      },
      policy: { overlap: 2, goldRate: 0.25 },
    });
    expect(project.status).toBe(201);
    projectId = project.body.id;
    for (const [person, role] of [
      [REVIEWER, 'reviewer'],
      ...ANNOTATORS.map((a) => [a, 'annotator'] as const),
    ] as const) {
      const added = await call(managerToken, 'POST', `/api/projects/${projectId}/members`, {
        userId: ids.get(person.email),
        role,
      });
      expect(added.status).toBeLessThan(300);
    }
    const imported = await call<{ imported: number }>(
      managerToken,
      'POST',
      `/api/projects/${projectId}/items`,
      [
        ...PRODUCTION.map(([text]) => ({ data: { text } })),
        ...GOLD.map(([text, sentiment]) => ({ data: { text }, gold: { sentiment } })),
      ],
    );
    expect(imported.body.imported).toBe(PRODUCTION.length + GOLD.length);
  });

  afterAll(async () => {
    await harness?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('says honestly that there is nothing to measure before any label', async () => {
    await page.goto(`${harness.baseUrl}/projects/${projectId}/quality`);
    await signIn(page, MANAGER.email, MANAGER.password);
    await page.getByText('No labels yet').waitFor();
    await page.getByText(/with an overlap of 2, every production item gets 2 annotators/).waitFor();
    await harness.shot('quality-01-empty');
  });

  it('labels through the API: two careful annotators and one who says "neutral" to everything', async () => {
    const tokens = await Promise.all(ANNOTATORS.map((a) => apiToken(app, a.email, a.password)));
    // One after another, so every annotator gets a share and the order is the same every run.
    for (let round = 0; round < 40; round++) {
      let served = 0;
      for (const [who, token] of tokens.entries()) {
        const next = await call<{ assignment: { id: string }; item: { data: { text: string } } }>(
          token,
          'GET',
          `/api/projects/${projectId}/next`,
        );
        if (next.status === 204) continue;
        expect(next.status).toBe(200);
        served += 1;
        const text = next.body.item.data.text;
        const sentiment = who === 2 ? 'neutral' : (truth.get(text) ?? 'neutral');
        const submitted = await call(
          token,
          'POST',
          `/api/assignments/${next.body.assignment.id}/submit`,
          {
            value: { sentiment },
            clientId: `${who}-${round}`,
            activeMs: 3000 + who * 1500,
          },
        );
        expect(submitted.status).toBe(201);
      }
      if (served === 0) break;
    }
    const report = await quality();
    expect(report.agreement?.units).toBe(PRODUCTION.length);
    expect(report.adjudication.pending).toBeGreaterThan(0);
  });

  it('shows the manager α per field as the API computes it, with charts and alerts to act on', async () => {
    const report = await quality();
    const alpha = report.agreement?.krippendorff_alpha ?? null;
    expect(alpha).not.toBeNull();
    // The dashboard refreshes itself; a reload shows the labels at once.
    await page.reload();
    const value = page.locator('.field-card__value[data-field="sentiment"]');
    await value.waitFor();
    expect(await value.textContent()).toBe(alpha?.toFixed(3));
    // Four charts: over time, per label, the disagreement matrix, the annotators.
    await expect
      .poll(() => page.locator('.chart svg').count(), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(4);
    await page.getByText('Most frequent splits').waitFor();
    // Cleo's "neutral" splits from every positive and negative item she shares.
    await page.getByRole('row').filter({ hasText: ANNOTATORS[2]!.name }).waitFor();
    const backlog = page.locator('.quality-alert').filter({ hasText: 'wait for adjudication' });
    await backlog.waitFor();
    // Let the charts' entry animation finish before the picture is taken.
    await page.waitForTimeout(600);
    await harness.shot('quality-02-dashboard');
    // The charts follow the dark theme with the rest of the page.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(600);
    await harness.shot('quality-02-dashboard-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await backlog.getByRole('button', { name: 'Open the adjudication queue' }).click();
    await expect
      .poll(() => new URL(page.url()).pathname)
      .toBe(`/projects/${projectId}/adjudication`);
  });

  it('lets a reviewer decide a tied item with the keyboard, and the queue shrinks', async () => {
    await signOut(page);
    await page.goto(`${harness.baseUrl}/projects/${projectId}/adjudication`);
    await signIn(page, REVIEWER.email, REVIEWER.password);
    const before = (await quality()).adjudication.pending;
    const waiting = page.locator('.adjudication__position strong');
    await waiting.waitFor();
    expect(await waiting.textContent()).toBe(String(before));
    await page.getByRole('heading', { name: 'Who said what' }).waitFor();
    // Both labels of the tie are shown with who gave them.
    await page.locator('.said').getByText(ANNOTATORS[2]!.name).waitFor();
    await harness.shot('quality-03-adjudication');

    // The item on screen: its text tells the right answer.
    const text = (await page.locator('#adjudication-item .item-view').textContent()) ?? '';
    const answer = [...truth].find(([t]) => text.includes(t))?.[1];
    expect(answer).toBeDefined();
    const key = String(['positive', 'neutral', 'negative'].indexOf(answer!) + 1);
    // Enter without a rationale is refused, next to the rationale field.
    await page.keyboard.press(key);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.getByText('Say why you decided this, for the adjudication log.').waitFor();
    await harness.shot('quality-04-adjudication-rationale-missing');
    // Typing goes into the rationale (focused by the refusal); Enter decides.
    await page.keyboard.type(`Clearly ${answer}: the customer says so in the first sentence.`);
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `Saved: Sentiment: ${answer}` })
      .waitFor();
    await expect.poll(async () => (await quality()).adjudication.pending).toBe(before - 1);
    await expect.poll(() => waiting.textContent()).toBe(String(before - 1));
    await harness.shot('quality-05-adjudicated-next');

    await page.getByRole('link', { name: 'Decided' }).click();
    await page.locator('.table--log').getByText(`Clearly ${answer}`).waitFor();
    await page.locator('.table--log').getByText('by you').waitFor();
    await harness.shot('quality-06-adjudication-log');
  });

  it('creates a snapshot, and the downloaded JSONL hashes to the manifest’s SHA-256', async () => {
    await signOut(page);
    await page.goto(`${harness.baseUrl}/projects/${projectId}/snapshots`);
    await signIn(page, MANAGER.email, MANAGER.password);
    await page.getByText('No snapshots yet').waitFor();
    await page.getByRole('button', { name: 'Create snapshot' }).click();
    await page.getByRole('status').filter({ hasText: 'Snapshot v1 is saved' }).waitFor();
    await page.getByRole('heading', { name: 'Snapshot v1' }).waitFor();
    await page.getByText('Adjudicated: ').waitFor();
    await harness.shot('quality-07-snapshot');

    const list = await call<{ snapshots: { id: string }[] }>(
      managerToken,
      'GET',
      `/api/projects/${projectId}/snapshots`,
    );
    const snapshotId = list.body.snapshots[0]!.id;
    const manifest = await call<{
      files: { format: string; annotations: boolean; sha256: string }[];
    }>(managerToken, 'GET', `/api/snapshots/${snapshotId}/manifest`);
    const jsonl = manifest.body.files.find((f) => f.format === 'jsonl' && !f.annotations)!;
    // The page shows the hash it will be checked against.
    await page
      .locator('.file')
      .filter({ hasText: 'JSON Lines · final labels' })
      .getByText(jsonl.sha256)
      .waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .locator('.file')
        .filter({ hasText: 'JSON Lines · final labels' })
        .filter({ hasNotText: 'every annotation' })
        .getByRole('link', { name: 'Download' })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe('Support-sentiment-v1.jsonl');
    const hash = createHash('sha256');
    for await (const chunk of await download.createReadStream()) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(jsonl.sha256);
  });
});
