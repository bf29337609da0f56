import { createHash } from 'node:crypto';
import { DIALECTS, buildTestApp, type TestApp } from '../test/harness.js';
import { setUpProgram, workThroughQueue, type Api, type NextResponse } from '../test/program.js';

// Issue 5 over the REST contract: pairwise preference with dimensions, from import to the DPO
// file a trainer loads, with the manifest's hashes.

interface ManifestFile {
  format: string;
  field?: string;
  dimension?: string;
  path: string;
  rows: number;
  sha256: string;
}

const PROMPTS = [
  {
    prompt: 'How do I reverse a list in Python?',
    responses: ['Use `xs[::-1]` or `xs.reverse()`.', 'You cannot.'],
  },
  { prompt: 'Say hello politely.', responses: ['Go away.', 'Hello, nice to meet you!'] },
  { prompt: 'What is 2 + 2?', responses: ['4', 'Four, because 2 + 2 = 4.'] },
  {
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Capital of France?' },
    ],
    responses: ['Paris.', 'Lyon.'],
  },
];

/** Each annotator's overall choice per prompt (index), and the safety choice. */
const CHOICES: Record<number, { choice: string; safety: string }[]> = {
  0: [
    { choice: 'A', safety: 'tie' },
    { choice: 'B', safety: 'B' },
    { choice: 'tie', safety: 'tie' },
    { choice: 'A', safety: 'tie' },
  ],
  1: [
    { choice: 'A', safety: 'tie' },
    { choice: 'B', safety: 'B' },
    { choice: 'tie', safety: 'tie' },
    { choice: 'A', safety: 'A' },
  ],
};

describe.each(DIALECTS)('LLM preference journey on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
  });
  afterEach(() => t.close());

  it('labels pairwise preferences per dimension and exports DPO pairs a trainer can load, hashed in the manifest', async () => {
    const p = await setUpProgram(t.app, {
      annotators: 2,
      policy: { overlap: 2 },
      config: {
        fields: [
          {
            name: 'pref',
            type: 'pairwise',
            dimensions: ['helpfulness', 'safety'],
            justification: 'optional',
          },
        ],
      },
    });
    const imported = await p.manager.ok<{ imported: number }>(
      'POST',
      `/api/projects/${p.projectId}/items`,
      PROMPTS.map((data) => ({ data })),
    );
    expect(imported.imported).toBe(4);

    const label = (annotator: Api, who: number) =>
      workThroughQueue(annotator, p.projectId, async (next) => {
        const index = PROMPTS.findIndex(
          (d) => JSON.stringify(d.responses) === JSON.stringify(next.item.data.responses),
        );
        const { choice, safety } = CHOICES[who]![index]!;
        const bad = await annotator.call<{ error: { details: { path: string }[] } }>(
          'POST',
          `/api/assignments/${next.assignment.id}/submit`,
          { value: { pref: { choice: 'C' } }, clientId: `bad-${index}` },
        );
        expect(bad.status).toBe(400);
        expect(bad.body.error.details[0]!.path).toBe('body.value.pref.choice');
        await annotator.ok('POST', `/api/assignments/${next.assignment.id}/submit`, {
          value: {
            pref: {
              choice,
              dimensions: { helpfulness: { choice }, safety: { choice: safety } },
              justification: 'Compared both answers for accuracy and tone.',
            },
          },
          clientId: `${who}-${index}`,
          activeMs: 20_000,
        });
      });
    await Promise.all(p.annotators.map((a, i) => label(a, i)));

    // The item where the two disagree on safety (A vs tie) waits for a reviewer.
    const quality = await p.manager.ok<{
      adjudication: { pending: number };
      fields: { key: string; krippendorff_alpha: number | null }[];
      llm: {
        field: string;
        krippendorff_alpha: number | null;
        dimensions: { dimension: string; krippendorff_alpha: number | null }[];
        tradeOffs: { a: string; b: string; rate: number | null; compared: number }[];
      }[];
    }>('GET', `/api/projects/${p.projectId}/quality`);
    expect(quality.adjudication.pending).toBe(1);
    // Live α per key, kept incrementally: the overall choice agrees on every item; safety's units
    // {tie,tie} {B,B} {tie,tie} {tie,A} give α = 1 − (8 − 1)·2 / (8² − 5² − 2² − 1²) = 10/17
    // (Krippendorff 2011, nominal α from the coincidence matrix).
    const alpha = Object.fromEntries(quality.fields.map((f) => [f.key, f.krippendorff_alpha]));
    expect(alpha.pref).toBe(1);
    expect(alpha['pref.safety']).toBeCloseTo(10 / 17, 12);
    // The batch figures of the same field agree with the live ones.
    const [pref] = quality.llm;
    expect(pref!.krippendorff_alpha).toBe(1);
    expect(pref!.dimensions.find((d) => d.dimension === 'safety')!.krippendorff_alpha).toBeCloseTo(
      10 / 17,
      12,
    );
    // Nobody judged one response better on helpfulness and the other on safety.
    expect(pref!.tradeOffs).toEqual([
      expect.objectContaining({ a: 'helpfulness', b: 'safety', rate: 0, compared: 3 }),
    ]);

    const { id } = await p.manager.ok<{ id: string }>(
      'POST',
      `/api/projects/${p.projectId}/snapshots`,
      { training: { ties: 'exclude' } },
    );
    const manifest = await p.manager.ok<{ training: { ties: string }; files: ManifestFile[] }>(
      'GET',
      `/api/snapshots/${id}/manifest`,
    );
    expect(manifest.training.ties).toBe('exclude');
    expect(
      manifest.files
        .filter((f) => f.format === 'dpo' || f.format === 'chat')
        .map((f) => [f.format, f.field, f.dimension ?? null]),
    ).toEqual([
      ['dpo', 'pref', null],
      ['dpo', 'pref', 'helpfulness'],
      ['dpo', 'pref', 'safety'],
      ['chat', 'pref', null],
    ]);

    const download = async (file: ManifestFile) => {
      const res = await t.app.inject({
        method: 'GET',
        url: file.path,
        headers: { authorization: `Bearer ${p.manager.token}` },
      });
      expect(res.statusCode).toBe(200);
      expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(file.sha256);
      return res.body === ''
        ? []
        : res.body
            .trimEnd()
            .split('\n')
            .map((l) => JSON.parse(l) as Record<string, unknown>);
    };
    const dpo = await download(manifest.files.find((f) => f.format === 'dpo' && !f.dimension)!);
    // As a trainer loads it: every record has a prompt, a chosen and a rejected answer, distinct.
    // Items 0 and 1 are decided (A, B); 2 is a tie (excluded); 3 waits for adjudication.
    expect(dpo).toHaveLength(2);
    for (const r of dpo) {
      expect(r.prompt).toBeTruthy();
      expect(r.chosen).toBeTruthy();
      expect(r.rejected).toBeTruthy();
      expect(r.chosen).not.toEqual(r.rejected);
      expect(r.agreement).toBe(1);
      expect(r.margin as number).toBeCloseTo(Math.log(5), 6);
    }
    expect(dpo.map((r) => [r.prompt, r.chosen])).toEqual([
      [PROMPTS[0]!.prompt, PROMPTS[0]!.responses[0]],
      [PROMPTS[1]!.prompt, PROMPTS[1]!.responses[1]],
    ]);
    const chat = await download(manifest.files.find((f) => f.format === 'chat')!);
    expect(chat.map((r) => r.messages)).toEqual([
      [
        { role: 'user', content: PROMPTS[0]!.prompt },
        { role: 'assistant', content: PROMPTS[0]!.responses[0] },
      ],
      [
        { role: 'user', content: PROMPTS[1]!.prompt },
        { role: 'assistant', content: PROMPTS[1]!.responses[1] },
      ],
    ]);
    const missing = await p.manager.call('GET', `/api/snapshots/${id}/export?format=prm`);
    expect(missing.status).toBe(400);
  });

  it('checks rankings and step labels against the item, and exports reward-model and process-reward files', async () => {
    const p = await setUpProgram(t.app, {
      annotators: 2,
      policy: { overlap: 2 },
      config: {
        fields: [
          { name: 'order', type: 'ranking', allowTies: true },
          { name: 'steps', type: 'steps' },
        ],
      },
    });
    // Two fields that read different parts of the data: the item carries both.
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, [
      {
        data: {
          prompt: 'Solve 2 + 2 × 3',
          responses: ['8', '12', '8, since × binds first'],
          question: 'Solve 2 + 2 × 3',
          steps: ['2 × 3 = 6', '2 + 6 = 8'],
          answer: '8',
        },
      },
    ]);
    for (const [i, a] of p.annotators.entries()) {
      const next = await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
      const url = `/api/assignments/${next.assignment.id}/submit`;
      const wrong = await a.call<{ error: { details: { path: string; message: string }[] } }>(
        'POST',
        url,
        {
          value: {
            order: { ranks: [1, 2] },
            steps: { steps: ['correct-necessary'], firstError: null, final: 'correct' },
          },
          clientId: `wrong-${i}`,
        },
      );
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.details.map((d) => d.path)).toEqual([
        'body.value.order.ranks',
        'body.value.steps.steps',
      ]);
      await a.ok('POST', url, {
        value: {
          order: { ranks: i === 0 ? [2, 3, 1] : [1, 3, 1] },
          steps: {
            steps: ['correct-necessary', 'correct-necessary'],
            firstError: null,
            final: 'correct',
          },
        },
        clientId: `ok-${i}`,
      });
    }
    const { id } = await p.manager.ok<{ id: string }>(
      'POST',
      `/api/projects/${p.projectId}/snapshots`,
    );
    const manifest = await p.manager.ok<{ files: ManifestFile[] }>(
      'GET',
      `/api/snapshots/${id}/manifest`,
    );
    const lines = async (format: string) => {
      const file = manifest.files.find((f) => f.format === format)!;
      const res = await t.app.inject({
        method: 'GET',
        url: file.path,
        headers: { authorization: `Bearer ${p.manager.token}` },
      });
      expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(file.sha256);
      return res.body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    };
    const [reward] = await lines('reward');
    // Response 3 is first for both; 1 is second for one and tied first for the other.
    expect(reward).toMatchObject({ responses: ['8', '12', '8, since × binds first'] });
    expect((reward!.ranks as number[])[1]).toBe(3);
    const [prm] = await lines('prm');
    expect(prm).toMatchObject({
      prompt: 'Solve 2 + 2 × 3',
      completions: ['2 × 3 = 6', '2 + 6 = 8'],
      labels: [true, true],
      first_error: null,
      final_label: 'correct',
    });
  });

  it('imports the usual preference shapes: {prompt, chosen, rejected} and HH-RLHF transcripts', async () => {
    const p = await setUpProgram(t.app, {
      annotators: 1,
      config: { fields: [{ name: 'pref', type: 'pairwise' }] },
    });
    const result = await p.manager.ok<{ imported: number }>(
      'POST',
      `/api/projects/${p.projectId}/items`,
      [
        { prompt: 'Hi', chosen: 'Hello!', rejected: 'Go away.' },
        {
          chosen: '\n\nHuman: Name a colour\n\nAssistant: Blue.',
          rejected: '\n\nHuman: Name a colour\n\nAssistant: No.',
        },
      ],
    );
    expect(result.imported).toBe(2);
    const page = await p.manager.ok<{ items: { data: unknown; meta: unknown }[] }>(
      'GET',
      `/api/projects/${p.projectId}/items`,
    );
    expect(page.items.map((i) => [i.data, i.meta])).toEqual([
      [
        { prompt: 'Hi', responses: ['Hello!', 'Go away.'] },
        { preference: { chosen: 0, rejected: 1 } },
      ],
      [
        { messages: [{ role: 'user', content: 'Name a colour' }], responses: ['No.', 'Blue.'] },
        { preference: { chosen: 1, rejected: 0 } },
      ],
    ]);
    const bad = await p.manager.call<{ error: { details: { line: number; message: string }[] } }>(
      'POST',
      `/api/projects/${p.projectId}/items`,
      [{ data: { prompt: 'x', responses: ['one'] } }],
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]!.message).toMatch(/^data\.responses: /);
  });
});
