// LLM feedback in real Chromium against the real server. A manager creates a project from the
// RLHF pairwise template and imports prompts with two responses each (one answer is a Python code
// block, one item is a multi-turn conversation); two annotators, each in a browser context of
// their own and at the same time, judge every pair per dimension from the keyboard alone — A, B
// or tie with a strength, and a typed justification. The manager decides the pair they split on
// by taking one annotator's judgment, then builds a snapshot: the DPO file downloaded in the
// browser hashes to the manifest, and loads as a trainer would load it. Then an N-way ranking
// project (with a tie) and a process-reward steps project are labelled from the keyboard too.
// Screenshots land in e2e/screenshots/llm-*.png for a person to look at.

import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
const MANAGER = { email: 'mona@example.org', name: 'Mona Manager', password: PASSWORD };
const ANNOTATORS = [
  { email: 'ada@example.org', name: 'Ada Annotator', password: PASSWORD },
  { email: 'bo@example.org', name: 'Bo Annotator', password: PASSWORD },
] as const;

/** A judgment per row of the RLHF template: a, b or t, and a strength digit after a or b. */
interface PairPlan {
  readonly accuracy: string;
  readonly helpfulness: string;
  readonly safety: string;
  readonly overall: string;
  readonly why: string;
}

interface PairItem {
  readonly data: Record<string, unknown>;
  /** Text of the prompt (or the last user turn) that tells the item apart on screen. */
  readonly marker: string;
  /** What each annotator answers; the second differs on one item so that it goes to adjudication. */
  readonly plans: readonly [PairPlan, PairPlan];
}

const same = (plan: PairPlan): readonly [PairPlan, PairPlan] => [plan, plan];

const PAIRS: readonly PairItem[] = [
  {
    marker: 'reverse a string in Python',
    data: {
      prompt: 'How do I reverse a string in Python? Show me the idiomatic way.',
      responses: [
        'Use a slice with a step of -1:\n\n```python\ndef reverse(text: str) -> str:\n    """Return text backwards."""\n    return text[::-1]\n\nprint(reverse("concord"))  # drocnoc\n```\n\nSlicing makes a new string; strings are immutable, so there is no in-place reverse.',
        'Strings have a `reverse()` method:\n\n```python\ntext = "concord"\ntext.reverse()\nprint(text)\n```',
      ],
    },
    plans: same({
      accuracy: 'a3',
      helpfulness: 'a2',
      safety: 't',
      overall: 'a3',
      why: 'A is correct and explains slicing; B calls a method that str does not have.',
    }),
  },
  {
    marker: 'And in Celsius?',
    data: {
      messages: [
        { role: 'system', content: 'You are a concise weather assistant.' },
        { role: 'user', content: 'What is a comfortable room temperature in Fahrenheit?' },
        { role: 'assistant', content: 'Most people find 68–72 °F comfortable.' },
        { role: 'user', content: 'And in Celsius?' },
      ],
      responses: ['About 20–22 °C.', 'Roughly 35 °C, which is ideal for most homes.'],
    },
    plans: same({
      accuracy: 'a3',
      helpfulness: 'a2',
      safety: 't',
      overall: 'a3',
      why: 'A converts 68–72 °F correctly; 35 °C in B is far too hot and simply wrong.',
    }),
  },
  {
    marker: 'capital of Australia',
    data: {
      prompt: 'What is the capital of Australia?',
      responses: [
        'Sydney is the capital and largest city of Australia.',
        'Canberra. Sydney and Melbourne are larger, but Canberra was chosen as a compromise between them.',
      ],
    },
    plans: same({
      accuracy: 'b3',
      helpfulness: 'b2',
      safety: 't',
      overall: 'b3',
      why: 'B names Canberra and explains why; A gives Sydney, which is wrong.',
    }),
  },
  {
    marker: 'unlock my neighbour',
    data: {
      prompt: "How can I unlock my neighbour's wifi without the password?",
      responses: [
        "I can't help with getting into someone else's network. You could ask your neighbour to share it, or look for a public hotspot nearby.",
        'Try the default router passwords printed in online lists, or capture the handshake with aircrack-ng and crack it.',
      ],
    },
    plans: [
      {
        accuracy: 't',
        helpfulness: 'a1',
        safety: 'a3',
        overall: 'a3',
        why: 'A refuses to help break into a network and offers legal options; B explains how to.',
      },
      {
        accuracy: 'b1',
        helpfulness: 'b2',
        safety: 'a3',
        overall: 'b1',
        why: 'B answers the question that was asked, even if A is the safer of the two answers.',
      },
    ],
  },
  {
    marker: 'haiku about autumn',
    data: {
      prompt: 'Write a haiku about autumn.',
      responses: [
        'Crisp leaves drift and fall\nthe maple lets go of red\nsoft dusk comes early',
        'Autumn is a season between summer and winter when leaves change colour.',
      ],
    },
    plans: same({
      accuracy: 'a1',
      helpfulness: 'a3',
      safety: 't',
      overall: 'a2',
      why: 'A is a haiku in three lines of imagery; B is a dictionary definition, not a poem.',
    }),
  },
];

/**
 * The keys of a ranking row: a digit holds a response, ↑ moves it up, `=` ties it with the one
 * above, `c` keeps the order and moves on. `c` alone keeps the item's order.
 */
const RANKING_ITEMS = [
  {
    marker: 'Explain recursion',
    // 3 up twice (3 > 1 > 2 > 4), then 4 tied with 2: ranks 2, 3, 1, 3.
    keys: ['3', 'ArrowUp', 'ArrowUp', '4', '=', 'c'],
    ranks: [2, 3, 1, 3],
    data: {
      prompt: 'Explain recursion to a beginner in two sentences.',
      responses: [
        'Recursion is when a function calls itself on a smaller piece of the problem until it reaches a case simple enough to answer directly.',
        'Recursion is recursion.',
        'A recursive function solves a problem by calling itself with a simpler input, and stops at a base case; think of Russian dolls opening until the smallest one.',
        'It is a loop.',
      ],
    },
  },
  {
    marker: 'boil an egg',
    // 3 up twice: 3 > 1 > 2.
    keys: ['3', 'ArrowUp', 'ArrowUp', 'c'],
    ranks: [2, 3, 1],
    data: {
      prompt: 'How long should I boil an egg for a runny yolk?',
      responses: [
        'About 6 minutes from boiling water, then straight into cold water.',
        'Twenty minutes, to be safe.',
        'Six minutes in boiling water gives a runny yolk and a set white; cool it in cold water after.',
      ],
    },
  },
];

const STEPS_ITEMS = [
  {
    marker: 'apples',
    data: {
      question: 'Tom has 3 bags of 4 apples and eats 2 apples. How many apples are left?',
      steps: [
        'Tom has 3 × 4 = 12 apples.',
        'He eats 2, so 12 − 2 = 11 apples are left.',
        'So the answer is 11.',
      ],
      answer: '11',
    },
    // Step 1 correct-necessary; over step 2 (j) to label step 3 incorrect (the first error so
    // far); back up (k k) to label step 2 incorrect: the first error follows it there. Then down
    // (j) to the final answer: incorrect.
    keys: ['1', 'j', '3', 'k', 'k', '3', 'j', '2'],
    labels: ['correct-necessary', 'incorrect', 'incorrect'],
    final: 'incorrect',
    firstError: 1,
  },
  {
    marker: 'rectangle',
    data: {
      question: 'A rectangle is 5 cm by 3 cm. What is its area?',
      steps: [
        'The area of a rectangle is length × width.',
        'Let me restate: we need the area.',
        'Area = 5 × 3 = 15 cm².',
      ],
      answer: '15 cm²',
    },
    // correct-necessary, correct-redundant, correct-necessary; the final answer is correct.
    keys: ['1', '2', '1', '1'],
    labels: ['correct-necessary', 'correct-redundant', 'correct-necessary'],
    final: 'correct',
    firstError: null,
  },
];

const jsonl = (rows: readonly unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n');
const file = (name: string, text: string) => ({
  name,
  mimeType: 'application/x-ndjson',
  buffer: Buffer.from(text, 'utf8'),
});

describe.skipIf(!hasChromium)('LLM feedback in Chromium', () => {
  let harness: Harness;
  let page: Page;
  let managerToken = '';
  let pairwiseId = '';
  let ids = new Map<string, string>();
  const pageErrors: string[] = [];

  const shot = (name: string) => harness.shot(`llm-${name}`);
  const db = () => harness.app.concord.database.db;

  async function api<T>(method: 'GET' | 'POST', url: string, token: string, payload?: unknown) {
    const response = await apiCall<T>(harness.app, token, method, url, payload);
    expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    return response.body;
  }

  /** Every annotation of a project, its value parsed. */
  async function annotations(projectId: string) {
    const rows = await db()
      .selectFrom('annotations')
      .select(['user_id', 'item_id', 'value'])
      .where('project_id', '=', projectId)
      .execute();
    return rows.map((r) => ({ ...r, value: JSON.parse(r.value) as Record<string, unknown> }));
  }

  /** An annotator signed in at a project's workspace, in a browser context of their own. */
  async function openWorkspace(person: (typeof ANNOTATORS)[number], projectId: string) {
    const worker = await harness.newPerson();
    worker.on('pageerror', (error) => pageErrors.push(`${person.name}: ${error.message}`));
    await worker.goto(`${harness.baseUrl}/projects/${projectId}/annotate`);
    await signIn(worker, person.email, person.password);
    return worker;
  }

  /**
   * Calls `answer` for every item the workspace shows until nothing is left, waiting after each
   * for the session count to go up; returns how many were labelled.
   */
  async function labelUntilDone(
    worker: Page,
    answer: (worker: Page, labelled: number) => Promise<void>,
  ): Promise<number> {
    let labelled = 0;
    let previous = '';
    const end = worker.getByRole('heading', { name: 'Nothing left for you in this project' });
    for (;;) {
      const card = worker.locator(`.item-card:not([data-assignment="${previous}"])`);
      await card.or(end).first().waitFor();
      if (await end.isVisible()) return labelled;
      previous = (await card.getAttribute('data-assignment')) ?? '';
      await answer(worker, labelled);
      labelled++;
      await worker
        .locator('.session dd')
        .first()
        .getByText(String(labelled), { exact: true })
        .waitFor();
    }
  }

  /** Presses the keys of one row's judgment: a/b/t, then the strength after a or b. */
  async function judge(worker: Page, plan: string) {
    for (const key of plan) await worker.keyboard.press(key);
  }

  beforeAll(async () => {
    harness = await startHarness();
    page = harness.page;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const admin = await apiToken(harness.app, ADMIN.email, ADMIN.password);
    ids = await createMembers(harness.app, admin, [MANAGER, ...ANNOTATORS]);
    managerToken = await apiToken(harness.app, MANAGER.email, MANAGER.password);
  });

  afterAll(async () => {
    await harness?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('creates a project from the RLHF pairwise template and imports prompts with two responses', async () => {
    await page.goto(`${harness.baseUrl}/projects`);
    await signIn(page, MANAGER.email, MANAGER.password);
    await page.getByRole('heading', { name: 'No projects yet' }).waitFor();
    await page.keyboard.press('n');
    await page.getByLabel('Name', { exact: true }).fill('Assistant preferences');
    await page.getByRole('radio', { name: /^RLHF pairwise preference/ }).check();
    await page.getByLabel('Overlap').fill('2');
    await page.getByLabel('Hidden gold (%)').fill('0');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Assistant preferences' }).waitFor();
    pairwiseId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
    // The overview says what annotators will be asked.
    await page
      .getByText(
        'Pairwise preference: A, B or tie on 3 dimensions (Accuracy, Helpfulness, Safety), with a written justification',
      )
      .waitFor();

    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page
      .locator('input[type=file]')
      .setInputFiles(file('pairs.jsonl', jsonl(PAIRS.map((p) => ({ data: p.data })))));
    await page.getByRole('button', { name: `Import ${PAIRS.length} items` }).click();
    await page.getByText(`Imported ${PAIRS.length} items from pairs.jsonl`).waitFor();
    for (const person of ANNOTATORS) {
      await api('POST', `/api/projects/${pairwiseId}/members`, managerToken, {
        userId: ids.get(person.email),
        role: 'annotator',
      });
    }
  });

  it('lets two annotators judge every pair per dimension from the keyboard alone', async () => {
    const workers = await Promise.all(ANNOTATORS.map((a) => openWorkspace(a, pairwiseId)));
    const counts = await Promise.all(
      workers.map((worker, who) =>
        labelUntilDone(worker, async (w, labelled) => {
          const prompt = w.locator('.conversation');
          await prompt.waitFor();
          const text = (await prompt.textContent()) ?? '';
          const item = PAIRS.find((p) => text.includes(p.marker));
          expect(item, `an item we did not import: ${text}`).toBeDefined();
          const plan = item!.plans[who]!;
          if (who === 0 && labelled === 0) {
            // The guidelines beside the item list the keys of the pairwise widget too.
            await w.keyboard.press('g');
            await w.getByText('Pairwise: A better, B better, or tie on the marked row').waitFor();
            await screenshot(w, 'llm-06-pairwise-guidelines');
            await w.keyboard.press('g');
          }
          // The keys act on the first row from the start: no click, no Tab needed.
          await judge(w, plan.accuracy);
          await judge(w, plan.helpfulness);
          await judge(w, plan.safety);
          await judge(w, plan.overall);
          // A finished overall row hands over to the justification, with focus in its text area.
          await expect
            .poll(() => w.evaluate(() => document.activeElement?.id ?? ''))
            .toBe('answer-text-preference-justification');
          // Enter before the justification is long enough is refused on its row.
          await w.keyboard.type('Too short.');
          await w.keyboard.press('Control+Enter');
          await w
            .getByText(/at least 30 characters/)
            .first()
            .waitFor();
          await w.keyboard.press('Control+A');
          await w.keyboard.type(plan.why);
          if (who === 0 && labelled === 0) {
            // Side by side, code highlighted once the renderer is in.
            await w.locator('.response .hljs-keyword, .response .hljs-title').first().waitFor();
            await screenshot(w, 'llm-01-pairwise-workspace');
            await w.emulateMedia({ colorScheme: 'dark' });
            await screenshot(w, 'llm-01-pairwise-workspace-dark');
            await w.emulateMedia({ colorScheme: 'light' });
          }
          await w.keyboard.press('Control+Enter');
        }),
      ),
    );
    expect(counts).toEqual([PAIRS.length, PAIRS.length]);

    const stored = await annotations(pairwiseId);
    expect(stored).toHaveLength(2 * PAIRS.length);
    const items = await db()
      .selectFrom('items')
      .select(['id', 'data'])
      .where('project_id', '=', pairwiseId)
      .execute();
    const strength = (plan: string) => (plan.length > 1 ? { strength: Number(plan[1]) } : {});
    const judgment = (plan: string) => ({
      choice: plan[0] === 'a' ? 'A' : plan[0] === 'b' ? 'B' : 'tie',
      ...strength(plan),
    });
    for (const a of stored) {
      const data = items.find((i) => i.id === a.item_id)?.data ?? '';
      const item = PAIRS.find((p) => data.includes(p.marker))!;
      const who = ANNOTATORS.findIndex((p) => ids.get(p.email) === a.user_id);
      const plan = item.plans[who]!;
      // The stored value is the contract's, to the letter.
      expect(a.value).toEqual({
        preference: {
          ...judgment(plan.overall),
          dimensions: {
            accuracy: judgment(plan.accuracy),
            helpfulness: judgment(plan.helpfulness),
            safety: judgment(plan.safety),
          },
          justification: plan.why,
        },
      });
    }
    for (const worker of workers) await worker.context().close();
  }, 120_000);

  it('lets the manager decide the split pair by taking one annotator’s judgment', async () => {
    await page.goto(`${harness.baseUrl}/projects/${pairwiseId}/adjudication`);
    await page.getByRole('heading', { name: 'Who said what' }).waitFor();
    // The item, rendered as the annotators saw it, and both judgments in words.
    await page.locator('#adjudication-item .response').first().waitFor();
    await page.locator('.said').getByText('A much better').first().waitFor();
    await page.locator('.said').getByText('B slightly better').first().waitFor();
    await shot('04-adjudication-pairwise');
    const options = page.locator('.decide .option');
    expect(await options.count()).toBe(2);
    // Take Ada's: the digit of her option, then the rationale, then Enter.
    const adaOption = options.filter({ hasText: ANNOTATORS[0].name });
    const key = (await adaOption.locator('kbd').first().textContent()) ?? '';
    await page.keyboard.press(key);
    expect(await adaOption.getAttribute('aria-pressed')).toBe('true');
    // The only row is decided: the rationale has the keys now.
    await page.getByLabel('Why (for the adjudication log)').and(page.locator(':focus')).waitFor();
    await page.keyboard.type('Safety outweighs helpfulness: A refuses to help break in.');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.getByText('Nothing waits for adjudication.').waitFor();
  });

  it('builds a snapshot whose DPO file, downloaded in the browser, matches the manifest and loads as a trainer would', async () => {
    await page.goto(`${harness.baseUrl}/projects/${pairwiseId}/snapshots`);
    // Ties kept with a flag; pairs under half the judgments kept with a flag too.
    await page.getByLabel('Ties').selectOption('flag');
    await page.getByLabel('Minimum agreement').fill('0.5');
    await page.getByLabel('Pairs below it').selectOption('flag');
    await page.getByRole('button', { name: 'Create snapshot' }).click();
    await page.getByRole('status').filter({ hasText: 'Snapshot v1 is saved' }).waitFor();
    await page.getByText('0.5: pairs below it kept, with the flag “low-agreement”').waitFor();
    const list = await api<{ snapshots: { id: string }[] }>(
      'GET',
      `/api/projects/${pairwiseId}/snapshots`,
      managerToken,
    );
    const snapshotId = list.snapshots[0]!.id;
    const manifest = await api<{
      training: Record<string, unknown>;
      files: { format: string; dimension?: string; path: string; sha256: string; rows: number }[];
    }>('GET', `/api/snapshots/${snapshotId}/manifest`, managerToken);
    expect(manifest.training).toEqual({
      ties: 'flag',
      minAgreement: 0.5,
      lowAgreement: 'flag',
      rankingPairs: 'all',
    });
    const dpo = manifest.files.find((f) => f.format === 'dpo' && f.dimension === undefined)!;
    expect(dpo).toBeDefined();
    // The page offers the file, titled in words, with the hash it will be checked against.
    const dpoFile = page.locator('.file').filter({ hasText: 'DPO pairs · preference · overall' });
    await dpoFile.getByText(dpo.sha256).waitFor();
    await shot('05-snapshot');
    await page.emulateMedia({ colorScheme: 'dark' });
    // The buttons fade to their dark colours: shot once the transitions have run.
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    await shot('05-snapshot-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Downloaded by its link, with the manager's session, as a person does.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dpoFile.getByRole('link', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Assistant-preferences-v1-dpo-preference.jsonl');
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    expect(createHash('sha256').update(body).digest('hex')).toBe(dpo.sha256);

    const records = body
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // Every pair has a winner: the four they agreed on and the one the manager decided.
    expect(records).toHaveLength(PAIRS.length);
    for (const record of records) {
      for (const key of ['prompt', 'chosen', 'rejected'] as const) {
        const value = record[key];
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        expect(text.trim().length, key).toBeGreaterThan(0);
      }
      expect(JSON.stringify(record.chosen)).not.toBe(JSON.stringify(record.rejected));
    }
    const wifi = records.find((r) => JSON.stringify(r.prompt).includes('unlock my neighbour'));
    expect(JSON.stringify(wifi?.chosen)).toContain("can't help");
  });

  /** A project from a template over the API, with its items and one annotator. */
  async function projectWith(template: string, name: string, items: readonly unknown[]) {
    const created = await api<{ id: string }>('POST', '/api/projects', managerToken, {
      name,
      template,
      policy: { overlap: 1, goldRate: 0 },
    });
    await api(
      'POST',
      `/api/projects/${created.id}/items`,
      managerToken,
      items.map((data) => ({ data })),
    );
    await api('POST', `/api/projects/${created.id}/members`, managerToken, {
      userId: ids.get(ANNOTATORS[0].email),
      role: 'annotator',
    });
    return created.id;
  }

  it('ranks responses per rubric dimension from the keyboard, with a tie', async () => {
    const projectId = await projectWith(
      'ranking-rubric',
      'Response ranking',
      RANKING_ITEMS.map((i) => i.data),
    );
    const worker = await openWorkspace(ANNOTATORS[0], projectId);
    const count = await labelUntilDone(worker, async (w, labelled) => {
      const prompt = w.locator('.conversation');
      await prompt.waitFor();
      const text = (await prompt.textContent()) ?? '';
      const item = RANKING_ITEMS.find((i) => text.includes(i.marker))!;
      expect(item, text).toBeDefined();
      // Accuracy as planned; helpfulness, safety and tone kept in the item's order; overall as planned.
      for (const key of item.keys) await w.keyboard.press(key);
      for (const key of ['c', 'c', 'c']) await w.keyboard.press(key);
      for (const key of item.keys.slice(0, -1)) await w.keyboard.press(key);
      if (labelled === 0) {
        // The held response is marked in the list and on its card; the tie shows as "=".
        await w.locator('.ranking__item--selected').waitFor();
        await w.locator('.response--selected').waitFor();
        await screenshot(w, 'llm-02-ranking-workspace');
      }
      await w.keyboard.press('c');
      await expect
        .poll(() => w.evaluate(() => document.activeElement?.id ?? ''))
        .toBe('answer-text-ranking-justification');
      await w.keyboard.type(
        'The held-up answer is accurate and complete; the others are wrong or empty.',
      );
      await w.keyboard.press('Control+Enter');
    });
    expect(count).toBe(RANKING_ITEMS.length);

    const stored = await annotations(projectId);
    expect(stored).toHaveLength(RANKING_ITEMS.length);
    for (const a of stored) {
      const count = (a.value.ranking as { ranks: number[] }).ranks.length;
      const item = RANKING_ITEMS.find((i) => i.ranks.length === count)!;
      const kept = item.ranks.map((_, i) => i + 1);
      expect(a.value).toEqual({
        ranking: {
          ranks: item.ranks,
          dimensions: {
            accuracy: { ranks: item.ranks },
            helpfulness: { ranks: kept },
            safety: { ranks: kept },
            tone: { ranks: kept },
          },
          justification:
            'The held-up answer is accurate and complete; the others are wrong or empty.',
        },
      });
    }
    await worker.context().close();
  }, 90_000);

  it('labels the steps of a solution, its first error and its final answer from the keyboard', async () => {
    const projectId = await projectWith(
      'process-reward',
      'Maths step labels',
      STEPS_ITEMS.map((i) => i.data),
    );
    const worker = await openWorkspace(ANNOTATORS[0], projectId);
    const count = await labelUntilDone(worker, async (w, labelled) => {
      const question = w.locator('.steps-view__question');
      await question.waitFor();
      const text = (await question.textContent()) ?? '';
      const item = STEPS_ITEMS.find((i) => text.includes(i.marker))!;
      expect(item, text).toBeDefined();
      for (const key of item.keys) await w.keyboard.press(key);
      if (labelled === 0 || item.firstError !== null) {
        await w.locator('.step--first-error').or(w.locator('.step--current')).first().waitFor();
        await screenshot(
          w,
          `llm-03-steps-workspace${item.firstError === null ? '' : '-first-error'}`,
        );
      }
      await w.keyboard.press('Enter');
    });
    expect(count).toBe(STEPS_ITEMS.length);

    const stored = await annotations(projectId);
    const items = await db()
      .selectFrom('items')
      .select(['id', 'data'])
      .where('project_id', '=', projectId)
      .execute();
    expect(stored).toHaveLength(STEPS_ITEMS.length);
    for (const a of stored) {
      const data = items.find((i) => i.id === a.item_id)?.data ?? '';
      const item = STEPS_ITEMS.find((i) => data.includes(i.marker))!;
      expect(a.value).toEqual({
        steps: { steps: item.labels, firstError: item.firstError, final: item.final },
      });
    }
    await worker.context().close();
  }, 90_000);
  it('shows the manager the agreement of the pairwise field per dimension on the Quality tab', async () => {
    const report = await api<{
      threshold: number;
      llm: {
        field: string;
        type: string;
        krippendorff_alpha: number | null;
        distribution: { A: number; B: number; tie: number };
        dimensions: { dimension: string; krippendorff_alpha: number | null; units: number }[];
      }[];
    }>('GET', `/api/projects/${pairwiseId}/quality`, managerToken);
    const pairwise = report.llm.find((f) => f.type === 'pairwise')!;
    expect(pairwise.dimensions.length).toBeGreaterThan(1);
    await page.goto(`${harness.baseUrl}/projects/${pairwiseId}/quality`);
    const section = page.getByRole('region', { name: 'LLM feedback agreement' });
    await section.waitFor();
    // Every dimension's α, as the server measured it, in the table under the chart.
    const alpha = (a: number | null) =>
      a === null ? '—' : a.toFixed(3).replace(/^-0\.000$/, '0.000');
    for (const d of pairwise.dimensions) {
      const row = section.locator(`tr[data-dimension="${d.dimension}"]`);
      await row.waitFor();
      expect(await row.locator('td').nth(1).textContent()).toBe(alpha(d.krippendorff_alpha));
      expect(await row.locator('td').nth(3).textContent()).toBe(String(d.units));
    }
    // The chart of α per dimension is drawn, the A/B/tie split is told in words.
    await section.locator('.chart canvas, .chart svg').first().waitFor();
    const { A, B, tie } = pairwise.distribution;
    await section.getByText(`A better: ${A}`).waitFor();
    await section.getByText(`B better: ${B}`).waitFor();
    await section.getByText(`Tie: ${tie}`).waitFor();
    await section.getByText('Dimensions traded against each other').waitFor();
    await shot('quality');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('quality-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
