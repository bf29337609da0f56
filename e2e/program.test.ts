// A labelling program in real Chromium against the real server. A manager creates a sentiment
// project from its template with overlap 2, imports a file with bad rows (every problem shown
// with its line, nothing sent), then a good file with hidden gold and a qualification set, and
// adds three annotators (the first by email). The three, each in a browser context of their own
// and at the same time, take the qualification set and label from the keyboard only until nothing
// is left; the database then shows every production item with exactly two counted annotations.
// A rating project shows the scales, a submit whose answer was lost on the way back and retried
// with the same clientId (stored once), a refused import chunk, and a failed qualification.
// Screenshots land in e2e/screenshots/program-*.png for a person to look at.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiToken, hasChromium, screenshot, signIn, startHarness } from './harness.js';
import type { Harness } from './harness.js';

const PASSWORD = 'a long enough password';
const MANAGER = { email: 'mia@example.org', name: 'Mia Manager', password: PASSWORD };
const ANNOTATORS = [
  { email: 'ann@example.org', name: 'Ann Annotator', password: PASSWORD },
  { email: 'ben@example.org', name: 'Ben Annotator', password: PASSWORD },
  { email: 'cat@example.org', name: 'Cat Annotator', password: PASSWORD },
] as const;
const FAILING = { email: 'fay@example.org', name: 'Fay Failing', password: PASSWORD };

const LABELS = ['positive', 'neutral', 'negative'] as const;
type Sentiment = (typeof LABELS)[number];

/** The messages and the answer a careful annotator gives; the test's annotators read them here. */
const PRODUCTION: readonly [string, Sentiment][] = [
  ['Thank you so much, the replacement arrived a day early!', 'positive'],
  ['Where can I find the invoice for my March order?', 'neutral'],
  ['Third time the app logged me out mid-payment. Fix it.', 'negative'],
  ['Great, another update that moves every button. Just great.', 'negative'],
  ['The new dashboard is lovely and much faster.', 'positive'],
  ['My order number is 4471.', 'neutral'],
  ['Support never answered my two emails.', 'negative'],
  ['Love the dark mode, thanks team!', 'positive'],
  ['Does the premium plan include exports?', 'neutral'],
  ['I was charged twice and nobody replies.', 'negative'],
  ['Smooth checkout, will buy again.', 'positive'],
  ['The store opens at nine on Saturdays.', 'neutral'],
];
const GOLD: readonly [string, Sentiment][] = [
  ['Absolutely fantastic service from start to finish.', 'positive'],
  ['This is the worst purchase I have ever made.', 'negative'],
];
const QUALIFICATION: readonly [string, Sentiment][] = [
  ['Thanks a lot, that solved it!', 'positive'],
  ['The package still has not arrived after three weeks.', 'negative'],
];
const ANSWERS = new Map<string, Sentiment>([...PRODUCTION, ...GOLD, ...QUALIFICATION]);

const BAD_CSV = [
  'data.text,gold.sentiment,qualification',
  '"Thanks a lot, that solved it!",positive,true',
  'Nice,happy,',
  ',neutral,',
  '"No answer given",,yes',
  '',
].join('\n');

const GOOD_JSONL = [
  ...PRODUCTION.map(([text], i) => ({ data: { text }, meta: { source: i % 2 ? 'app' : 'web' } })),
  ...GOLD.map(([text, sentiment]) => ({ data: { text }, gold: { sentiment } })),
  ...QUALIFICATION.map(([text, sentiment]) => ({
    data: { text },
    gold: { sentiment },
    qualification: true,
  })),
]
  .map((row) => JSON.stringify(row))
  .join('\n');

const file = (name: string, text: string, mimeType: string) => ({
  name,
  mimeType,
  buffer: Buffer.from(text, 'utf8'),
});

describe.skipIf(!hasChromium)('an annotation program in Chromium', () => {
  let harness: Harness;
  let page: Page;
  let adminToken = '';
  const ids = new Map<string, string>();
  let projectId = '';

  const shot = (name: string) => harness.shot(`program-${name}`);
  const db = () => harness.app.concord.database.db;

  async function api<T>(method: 'GET' | 'POST', url: string, token: string, payload?: unknown) {
    const response = await harness.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json<T>();
  }

  beforeAll(async () => {
    harness = await startHarness();
    page = harness.page;
    adminToken = await apiToken(harness.app, ADMIN.email, ADMIN.password);
    for (const person of [MANAGER, ...ANNOTATORS, FAILING]) {
      const created = await api<{ id: string }>('POST', '/api/users', adminToken, {
        ...person,
        role: 'member',
      });
      ids.set(person.email, created.id);
    }
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('creates a project from the sentiment template, checking the policy first', async () => {
    await page.goto(`${harness.baseUrl}/projects`);
    await signIn(page, MANAGER.email, MANAGER.password);
    await page.getByRole('heading', { name: 'No projects yet' }).waitFor();
    await page.keyboard.press('n');
    await page.getByRole('heading', { name: 'New project' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Support messages sentiment');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByText('Choose a template, or Custom to write the fields yourself.').waitFor();

    await page.getByRole('radio', { name: /^Sentiment/ }).check();
    // The template's policy fills the fields, and its labels and guidelines are shown.
    expect(await page.getByLabel('Overlap').inputValue()).toBe('3');
    expect(await page.getByLabel('Hidden gold (%)').inputValue()).toBe('10');
    await page.getByText('Sarcastic praise is negative.').waitFor();
    await page.getByLabel('Overlap').fill('0');
    await page.getByLabel('Hidden gold (%)').fill('75');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByText('Enter a whole number from 1 to 50.').waitFor();
    await page.getByText('Enter a number from 0 to 50.').waitFor();
    await shot('01-new-project-invalid');

    await page.getByLabel('Overlap').fill('2');
    await page.getByLabel('Hidden gold (%)').fill('10');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Support messages sentiment' }).waitFor();
    projectId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
    await page.getByText('No items yet').waitFor();
    await page.getByText('2 annotators per item').waitFor();
    const project = await db()
      .selectFrom('projects')
      .select(['policy'])
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(project.policy)).toMatchObject({ overlap: 2, goldRate: 0.1 });
    await shot('02-project-overview');
  });

  it('shows every problem of a bad file with its line and sends nothing', async () => {
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByText('Drop a file here, or choose one').waitFor();
    await page.locator('input[type=file]').setInputFiles(file('bad.csv', BAD_CSV, 'text/csv'));
    await page.getByText('3 rows have problems (listed below)').waitFor();
    const problems = page.getByRole('table').first();
    await problems
      .getByText('gold.sentiment: must be one of positive, neutral, negative')
      .waitFor();
    await problems.getByText('data: required, a non-empty object').waitFor();
    await problems.getByText('qualification: a qualification item needs a gold answer').waitFor();
    expect(await problems.locator('tbody td.col-seq').allTextContents()).toEqual(['3', '4', '5']);
    await page.getByRole('button', { name: 'Import the 1 valid row only' }).waitFor();
    await shot('03-import-errors');
    const stored = await db()
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(0);
  });

  it('imports a good file with hidden gold and a qualification set, with a preview first', async () => {
    await page.getByRole('button', { name: 'Choose another file' }).click();
    await page
      .locator('input[type=file]')
      .setInputFiles(file('messages.jsonl', GOOD_JSONL, 'application/x-ndjson'));
    await page.getByText('12 to annotate, 2 hidden gold, 2 qualification').waitFor();
    await page.getByText('The first rows, as they will be stored').waitFor();
    await shot('04-import-preview');
    await page.getByRole('button', { name: 'Import 16 items' }).click();
    await page.getByText('Imported 16 items from messages.jsonl').waitFor();
    await page.getByText('2 hidden gold, 2 in the qualification set.').waitFor();
    await shot('05-import-done');

    await page.getByRole('link', { name: 'See the items' }).click();
    await page.getByText('#1–#16 of 16 items').waitFor();
    expect(await page.locator('.kind-badge--gold').count()).toBe(2);
    expect(await page.locator('.kind-badge--qualification').count()).toBe(2);
    await shot('06-items');
    await page.getByRole('link', { name: 'Gold', exact: true }).click();
    await page.getByText('2 gold items, #13 to #14').waitFor();
    expect(new URL(page.url()).searchParams.get('kind')).toBe('gold');
  });

  it('adds annotators by email and by user ID, as a manager who is not an admin', async () => {
    await page.getByRole('link', { name: 'Members', exact: true }).click();
    await page.getByRole('row').filter({ hasText: MANAGER.email }).waitFor();
    const who = page.getByLabel('Email or user ID');
    // An email with no account here: the server's refusal is said next to the field.
    await page.getByRole('button', { name: 'Add member' }).click();
    await who.fill('nobody@example.org');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.locator('.field__error').getByText('no active user with this email').waitFor();
    expect(await who.getAttribute('aria-invalid')).toBe('true');
    await shot('07-add-member-by-email');
    for (const [i, person] of ANNOTATORS.entries()) {
      if (i > 0) await page.getByRole('button', { name: 'Add member' }).click();
      // The first by the email of their account, the others by user ID.
      await who.fill(i === 0 ? person.email : (ids.get(person.email) ?? ''));
      await page.getByRole('button', { name: 'Add member' }).click();
      await page
        .getByText(`${person.name} (${person.email}) is now annotator of this project.`)
        .waitFor();
      await page.getByRole('row').filter({ hasText: person.email }).waitFor();
    }
    const byEmail = await db()
      .selectFrom('project_members')
      .select(['role'])
      .where('project_id', '=', projectId)
      .where('user_id', '=', ids.get(ANNOTATORS[0].email) ?? '')
      .executeTakeFirst();
    expect(byEmail?.role).toBe('annotator');
    // The manager has not taken the qualification either: anyone who annotates takes it first.
    expect(await page.getByText('Pending', { exact: true }).count()).toBe(4);
    await shot('08-members');
  });

  /** Labels from the keyboard until the workspace says nothing is left; returns how many. */
  async function labelUntilDone(worker: Page, first: boolean): Promise<number> {
    let labelled = 0;
    let previous = '';
    const end = worker.getByRole('heading', { name: 'Nothing left for you in this project' });
    for (;;) {
      const text = worker.locator('.item-view__text');
      // The next item, not the one just answered (the next one was fetched ahead and replaces
      // it in the same render as the acknowledgement).
      const card = worker.locator(`.item-card:not([data-assignment="${previous}"])`);
      await card.or(end).first().waitFor();
      if (await end.isVisible()) return labelled;
      previous = (await card.getAttribute('data-assignment')) ?? '';
      const message = (await text.textContent()) ?? '';
      const answer = ANSWERS.get(message);
      expect(answer, `an item we did not import: ${message}`).toBeDefined();
      await worker.keyboard.press(String(LABELS.indexOf(answer ?? 'neutral') + 1));
      if (first && labelled === 0) {
        await worker.keyboard.press('g');
        await worker.getByRole('heading', { name: /Guidelines/ }).waitFor();
        await screenshot(worker, 'program-10-workspace-guidelines');
        await worker.keyboard.press('Escape');
      }
      await worker.keyboard.press('Enter');
      labelled++;
      await worker
        .locator('.session dd')
        .first()
        .getByText(String(labelled), { exact: true })
        .waitFor();
    }
  }

  it('lets three annotators qualify and label from the keyboard until nothing is left', async () => {
    const workers = await Promise.all(
      ANNOTATORS.map(async (person) => {
        const worker = await harness.newPerson();
        await worker.goto(`${harness.baseUrl}/projects/${projectId}/annotate`);
        await signIn(worker, person.email, person.password);
        await worker.locator('.item-view__text').waitFor();
        return worker;
      }),
    );
    const [ann] = workers;
    if (ann === undefined) throw new Error('no annotator');
    await ann.getByText('New to this project?').waitFor();
    await ann.keyboard.press('1');
    await screenshot(ann, 'program-09-workspace-choice');
    await ann.keyboard.press('Backspace');

    // Count the workspace's requests for items: each item on screen asks for the next ahead.
    const asks = workers.map((w) => {
      const seen = { plain: 0, ahead: 0 };
      w.on('request', (request) => {
        const url = new URL(request.url());
        if (!url.pathname.endsWith('/next')) return;
        if (url.searchParams.has('after')) seen.ahead++;
        else seen.plain++;
      });
      return seen;
    });
    const counts = await Promise.all(workers.map((w, i) => labelUntilDone(w, i === 0)));
    // Items came from the ask ahead; a plain request only where asking ahead could not help:
    // after the last qualification item, and to learn that nothing is left.
    asks.forEach((seen, i) => {
      // (the first item's ask ahead may have left before the count started)
      expect(seen.ahead).toBeGreaterThanOrEqual((counts[i] ?? 0) - 1);
      expect(seen.plain).toBeLessThanOrEqual(4);
    });
    await screenshot(ann, 'program-11-workspace-done');
    // Each labelled the two qualification items, then shared the 24 production labels and
    // whatever hidden gold came their way.
    const annotations = await db()
      .selectFrom('annotations')
      .select(['user_id', 'item_id', 'counted', 'revision'])
      .where('project_id', '=', projectId)
      .execute();
    expect(counts.reduce((a, b) => a + b, 0)).toBe(annotations.length);

    const production = await db()
      .selectFrom('items')
      .select(['id'])
      .where('project_id', '=', projectId)
      .where('kind', '=', 'production')
      .execute();
    expect(production).toHaveLength(PRODUCTION.length);
    for (const item of production) {
      const counted = annotations.filter((a) => a.item_id === item.id && Number(a.counted) === 1);
      expect(counted, item.id).toHaveLength(2);
      expect(new Set(counted.map((a) => a.user_id)).size).toBe(2);
    }
    expect(annotations.every((a) => Number(a.revision) === 1)).toBe(true);

    const members = await db()
      .selectFrom('project_members')
      .select(['user_id', 'qualification', 'qualification_score'])
      .where('project_id', '=', projectId)
      .where('role', '=', 'annotator')
      .execute();
    expect(members.map((m) => [m.qualification, m.qualification_score])).toEqual([
      ['qualified', 1],
      ['qualified', 1],
      ['qualified', 1],
    ]);
    for (const worker of workers) await worker.context().close();
  }, 120_000);

  it('shows the manager the items done and the qualification of each annotator', async () => {
    await page.goto(`${harness.baseUrl}/projects/${projectId}/members`);
    await page.getByText('Passed · 100 %').first().waitFor();
    expect(await page.getByText('Passed · 100 %').count()).toBe(3);
    await page.goto(`${harness.baseUrl}/projects/${projectId}/items?kind=production`);
    await page
      .getByRole('row')
      .filter({ hasText: PRODUCTION[0]?.[0] ?? '' })
      .waitFor();
    expect(await page.locator('.progress-count--done').count()).toBe(PRODUCTION.length);
    await shot('12-items-done');
  });

  describe('a rating project', () => {
    let ratingId = '';
    const GOLD_QUALITY = { helpfulness: 4, accuracy: 4, fluency: 4 };

    beforeAll(async () => {
      const managerToken = await apiToken(harness.app, MANAGER.email, MANAGER.password);
      const created = await api<{ id: string }>('POST', '/api/projects', managerToken, {
        name: 'Answer quality',
        template: 'likert-quality',
        policy: { overlap: 1, goldRate: 0 },
      });
      ratingId = created.id;
      await api('POST', `/api/projects/${ratingId}/items`, managerToken, [
        {
          data: { prompt: 'How do I reset my password?', response: 'Use “Forgot password”.' },
          gold: { quality: GOLD_QUALITY },
          qualification: true,
        },
        {
          data: { prompt: 'Is there a student discount?', response: 'Yes, 20 % with a .edu mail.' },
          gold: { quality: GOLD_QUALITY },
          qualification: true,
        },
        {
          data: {
            prompt: 'Summarise the refund policy in one sentence.',
            response:
              'You can return any unused item within 30 days for a full refund to the original payment method; opened software and gift cards are excluded.',
          },
        },
        { data: { prompt: 'Translate “thank you” into French.', response: 'Merci.' } },
      ]);
      for (const person of [ANNOTATORS[0], FAILING]) {
        await api('POST', `/api/projects/${ratingId}/members`, managerToken, {
          userId: ids.get(person.email),
          role: 'annotator',
        });
      }
    });

    it('rates dimensions from the keyboard, and retries a submit whose answer was lost with the same clientId', async () => {
      const ann = await harness.newPerson();
      await ann.goto(`${harness.baseUrl}/projects/${ratingId}/annotate`);
      await signIn(ann, ANNOTATORS[0].email, ANNOTATORS[0].password);
      // The qualification set: 4 on every dimension, as the gold answer says.
      for (let i = 1; i <= 2; i++) {
        await ann.getByRole('heading', { name: 'Prompt' }).waitFor();
        for (const key of ['4', '4', '4', 'Enter']) await ann.keyboard.press(key);
        await ann.locator('.session dd').first().getByText(String(i), { exact: true }).waitFor();
      }
      await ann.getByText('Summarise the refund policy in one sentence.').waitFor();
      await ann.keyboard.press('5');
      await ann.keyboard.press('4');
      await screenshot(ann, 'program-13-workspace-rating');
      await ann.emulateMedia({ colorScheme: 'dark' });
      await screenshot(ann, 'program-13-workspace-rating-dark');
      await ann.emulateMedia({ colorScheme: 'light' });

      // Enter with a dimension unscored sends nothing and says which row needs an answer.
      await ann.keyboard.press('Enter');
      await ann.getByText('needs an answer').waitFor();
      await ann.keyboard.press('3');

      // The first submit reaches the server, but its answer is lost on the way back.
      let lost = false;
      await ann.route('**/api/assignments/*/submit', async (route) => {
        if (lost) return route.continue();
        lost = true;
        await route.fetch();
        await route.abort('connectionreset');
      });
      await ann.keyboard.press('Enter');
      await ann.getByText('Not saved').waitFor();
      await ann.getByText('Your answer is kept.').waitFor();
      await screenshot(ann, 'program-14-not-saved');
      await ann.keyboard.press('Enter');
      await ann.getByText('Translate “thank you” into French.').waitFor();
      await ann.getByText('✓ Saved · 3 labelled this session').waitFor();

      const refund = await db()
        .selectFrom('annotations as a')
        .innerJoin('items as i', 'i.id', 'a.item_id')
        .select(['a.value', 'a.client_id', 'a.active_ms'])
        .where('i.project_id', '=', ratingId)
        .where('i.kind', '=', 'production')
        .execute();
      expect(refund).toHaveLength(1);
      expect(JSON.parse(refund[0]?.value ?? '{}')).toEqual({
        quality: { helpfulness: 5, accuracy: 4, fluency: 3 },
      });
      expect(Number(refund[0]?.active_ms)).toBeGreaterThan(0);
      await ann.context().close();
    }, 60_000);

    it('tells an annotator who failed the qualification their score and the pass mark', async () => {
      const fay = await harness.newPerson();
      await fay.goto(`${harness.baseUrl}/projects/${ratingId}/annotate`);
      await signIn(fay, FAILING.email, FAILING.password);
      for (let i = 1; i <= 2; i++) {
        await fay.getByRole('heading', { name: 'Prompt' }).waitFor();
        for (const key of ['1', '1', '1', 'Enter']) await fay.keyboard.press(key);
        await fay.locator('.session dd').first().getByText(String(i), { exact: true }).waitFor();
      }
      await fay.getByRole('heading', { name: 'You did not pass the qualification' }).waitFor();
      await fay.getByText('You scored 0 %; the pass mark is 80 %.').waitFor();
      await screenshot(fay, 'program-15-qualification-failed');
      await fay.context().close();
    }, 60_000);

    it('lists the rows a server refuses, on the lines of the file, and imports the valid ones on request', async () => {
      await page.goto(`${harness.baseUrl}/projects/${ratingId}/import`);
      const rows = ['Merci', 'Danke', 'Gracias'].map((response) =>
        JSON.stringify({ data: { prompt: 'Say thanks', response } }),
      );
      // A server whose checks go further than the browser's: it refuses the second row of the
      // request, and with skipInvalid stores the other two and reports that one.
      const problem = { line: 2, message: 'data.response: duplicate of an existing item' };
      const requests: string[] = [];
      await page.route('**/api/projects/*/items*', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        const skip = route.request().url().includes('skipInvalid=true');
        requests.push(skip ? 'skipInvalid' : 'all or nothing');
        await route.fulfill({
          status: skip ? 201 : 400,
          contentType: 'application/json',
          body: JSON.stringify(
            skip
              ? { imported: 2, gold: 0, qualification: 0, rejected: [problem] }
              : {
                  error: {
                    code: 'CONCORD_ERR_VALIDATION',
                    message: '1 of 3 rows are invalid, so nothing was imported',
                    details: [problem],
                  },
                },
          ),
        });
      });
      await page
        .locator('input[type=file]')
        .setInputFiles(file('more.jsonl', `\n${rows.join('\n\n')}\n`, 'application/x-ndjson'));
      await page.getByRole('button', { name: 'Import 3 items' }).click();
      await page.getByText('Nothing was imported: the server refused the file').waitFor();
      const refusedRow = page.getByRole('row').filter({ hasText: 'duplicate of an existing item' });
      // Row 2 of the request is on line 4 of the file, after a blank first line and a blank line.
      expect(await refusedRow.locator('td').first().textContent()).toBe('4');
      await shot('16-import-refused');
      await page.getByRole('button', { name: 'Import the 2 valid rows only' }).click();
      await page.getByText('Imported 2 items from more.jsonl').waitFor();
      await page.getByText('1 problem kept rows out of the import').waitFor();
      expect(await refusedRow.locator('td').first().textContent()).toBe('4');
      expect(requests).toEqual(['all or nothing', 'skipInvalid']);
      await page.unroute('**/api/projects/*/items*');
    });
  });
  it('shows an image of the item’s data as an image, beside its caption', async () => {
    const managerToken = await apiToken(harness.app, MANAGER.email, MANAGER.password);
    const created = await api<{ id: string }>('POST', '/api/projects', managerToken, {
      name: 'Damage photos',
      config: {
        fields: [{ name: 'damage', type: 'choice', labels: ['none', 'minor', 'severe'] }],
        display: ['photo', 'caption'],
      },
      guidelines: '# Damage\n\nJudge the **visible** damage only. <b>Raw HTML stays text.</b>',
    });
    const photo = `data:image/svg+xml;utf8,${encodeURIComponent(
      '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="240"><rect width="480" height="240" fill="#cfd8e3"/><rect x="120" y="60" width="240" height="120" rx="12" fill="#5b6b80"/><path d="M200 90 l40 40 l-30 20" stroke="#f0c36a" stroke-width="6" fill="none"/></svg>',
    )}`;
    await api('POST', `/api/projects/${created.id}/items`, managerToken, [
      { data: { photo, caption: 'Parcel 7731, as delivered' } },
    ]);
    await api('POST', `/api/projects/${created.id}/members`, managerToken, {
      userId: ids.get(ANNOTATORS[1].email),
      role: 'annotator',
    });
    const ben = await harness.newPerson();
    await ben.goto(`${harness.baseUrl}/projects/${created.id}/annotate`);
    await signIn(ben, ANNOTATORS[1].email, ANNOTATORS[1].password);
    const image = ben.getByRole('img', { name: 'photo' });
    await image.waitFor();
    expect(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(480);
    await ben.getByText('Parcel 7731, as delivered').waitFor();
    await ben.keyboard.press('?');
    await ben.getByText('Raw HTML stays text.', { exact: false }).waitFor();
    // Formatted (the renderer loads in the background): the <b> must stay text even then.
    await ben.locator('.guidelines-panel .prose:not(.prose--plain)').waitFor();
    expect(await ben.locator('.guidelines-panel b').count()).toBe(0);
    await screenshot(ben, 'program-17-workspace-image');
    await ben.context().close();
  });
});
