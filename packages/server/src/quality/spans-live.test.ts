import { spansAgreement } from '@concord/core/agreement';
import { spansOf } from '@concord/core/config';
import { DIALECTS, buildTestApp, type TestApp } from '../test/harness.js';
import { addReviewer, setUpProgram, workThroughQueue, type Api } from '../test/program.js';

/*
 * A spans field's token α kept live by every submission and rejection (the item's text read on
 * the submit path's existing data read), equal to core's spansAgreement over the stored values
 * that still count: nominal α over token labels for a flat field, binary α per label for a field
 * whose spans may nest.
 */

const NOTES = Array.from(
  { length: 8 },
  (_, i) =>
    `Patient ${i} denies chest pain; has asthma and takes ${i % 2 ? 'aspirin' : 'insulin'}.`,
);
const LABELS = ['PROBLEM', 'DRUG'];

/** Code-point span of `phrase` in `text`. */
function at(text: string, phrase: string, label: string) {
  const start = text.indexOf(phrase);
  return { start, end: start + phrase.length, label };
}

/** Annotator `who`'s spans on the `n`-th note they see: they disagree on some. */
function marks(note: string, who: number, n: number) {
  const drug = note.includes('aspirin') ? 'aspirin' : 'insulin';
  const flat = [
    at(note, 'chest pain', 'PROBLEM'),
    ...((who + n) % 3 === 0 ? [] : [at(note, 'asthma', 'PROBLEM')]),
    at(note, drug, (who * n) % 4 === 1 ? 'PROBLEM' : 'DRUG'),
  ];
  const nested = [
    at(note, 'denies chest pain', 'PROBLEM'),
    ...((who + n) % 2 === 0 ? [at(note, 'chest', 'PROBLEM')] : []),
    at(note, drug, 'DRUG'),
  ];
  return { flat, nested };
}

describe.each(DIALECTS)('live token α of spans fields on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
  });
  afterEach(() => t.close());

  it('equals spansAgreement over the counted values after submissions and rejections', async () => {
    const p = await setUpProgram(t.app, {
      annotators: 3,
      policy: { overlap: 2, reviewRate: 1 },
      config: {
        fields: [
          { name: 'flat', type: 'spans', labels: LABELS },
          { name: 'nested', type: 'spans', labels: LABELS, overlap: 'nested' },
        ],
      },
    });
    const qa = await addReviewer(t.app, p);
    await p.manager.ok(
      'POST',
      `/api/projects/${p.projectId}/items`,
      NOTES.map((text) => ({ data: { text } })),
    );
    const labelAll = (annotator: Api, who: number) =>
      workThroughQueue(annotator, p.projectId, async (next, n) => {
        const text = (next.item.data as { text: string }).text;
        await annotator.ok('POST', `/api/assignments/${next.assignment.id}/submit`, {
          value: marks(text, who, n),
          clientId: `${next.assignment.id}-${who}`,
        });
      });
    await Promise.all(p.annotators.map((a, who) => labelAll(a, who)));
    // Reject a few answers: their tokens leave the live matrices.
    const queue = await qa.ok<{ reviews: { id: string }[] }>(
      'GET',
      `/api/projects/${p.projectId}/reviews?limit=200`,
    );
    for (const [i, review] of queue.reviews.entries())
      await qa.ok('POST', `/api/reviews/${review.id}`, {
        verdict: i % 4 === 0 ? 'reject' : 'accept',
        ...(i % 4 === 0 ? { errorType: 'wrong_label' } : {}),
      });

    // The batch reference: latest counted, non-rejected value per (item, annotator).
    const db = t.database.db;
    const rows = await db
      .selectFrom('annotations as a')
      .innerJoin('items as i', 'i.id', 'a.item_id')
      .select(['a.item_id', 'a.user_id', 'a.value', 'a.revision', 'i.data'])
      .where('a.project_id', '=', p.projectId)
      .where('a.counted', '=', 1)
      .orderBy('a.revision')
      .execute();
    const rejected = new Set(
      (
        await db
          .selectFrom('reviews')
          .select(['item_id', 'annotator_id'])
          .where('status', '=', 'rejected')
          .execute()
      ).map((r) => `${r.item_id}|${r.annotator_id}`),
    );
    expect(rejected.size).toBeGreaterThan(0);
    const latest = new Map<
      string,
      { item: string; annotator: string; value: Record<string, unknown> }
    >();
    const texts = new Map<string, string>();
    for (const r of rows) {
      texts.set(r.item_id, (JSON.parse(r.data) as { text: string }).text);
      if (rejected.has(`${r.item_id}|${r.user_id}`)) continue;
      latest.set(`${r.item_id}|${r.user_id}`, {
        item: r.item_id,
        annotator: r.user_id,
        value: JSON.parse(r.value) as Record<string, unknown>,
      });
    }
    const reference = (field: 'flat' | 'nested') =>
      spansAgreement(
        [...latest.values()].map((l) => ({ ...l, spans: spansOf(l.value[field]) })),
        (item) => texts.get(String(item)) ?? null,
        { labels: LABELS, overlap: field === 'flat' ? 'none' : 'nested' },
      );
    const flat = reference('flat');
    const nested = reference('nested');
    expect(flat.items).toBeGreaterThan(2);

    const quality = await p.manager.ok<{
      agreement: { key: string; krippendorff_alpha: number | null; units: number } | null;
      fields: { key: string; krippendorff_alpha: number | null; units: number }[];
    }>('GET', `/api/projects/${p.projectId}/quality`);
    expect(quality.agreement?.key).toBe('flat');
    expect(quality.agreement!.units).toBe(flat.tokenUnits);
    expect(quality.agreement!.krippendorff_alpha).toBeCloseTo(flat.tokenAlpha, 9);
    for (const label of nested.perLabel) {
      const live = quality.fields.find((f) => f.key === `nested.${label.label}`);
      expect(live?.units).toBe(nested.tokenUnits);
      expect(live!.krippendorff_alpha).toBeCloseTo(label.tokenAlpha, 9);
    }
  });
});
