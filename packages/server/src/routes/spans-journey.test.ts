import { createHash, randomBytes } from 'node:crypto';
import { DIALECTS, buildTestApp, type TestApp } from '../test/harness.js';
import { setUpProgram, workThroughQueue, type Api, type NextResponse } from '../test/program.js';

// Issue 6's spans field over the REST contract: clinical notes imported, two annotators mark
// entities, the quality report gives token α and span F1, a snapshot exports spans and CoNLL.

interface ManifestFile {
  format: string;
  field?: string;
  path: string;
  sha256: string;
}

/** "😷" is one code point but two UTF-16 units: offsets after it differ between the two. */
const NOTES = [
  '😷 Denies chest pain, takes metoprolol.',
  'History of asthma; CXR clear.',
  'No fever.',
];

/** Code-point span of the first `phrase` in `text`. */
function at(text: string, phrase: string, label: string, attributes?: string[]) {
  const start = [...text.slice(0, text.indexOf(phrase))].length;
  return {
    start,
    end: start + [...phrase].length,
    label,
    ...(attributes ? { attributes } : {}),
  };
}

/** What each annotator marks on each note: they differ only on "CXR" (TEST for annotator 0). */
function spansOf(note: string, who: number) {
  if (note === NOTES[0])
    return [at(note, 'chest pain', 'PROBLEM', ['negated']), at(note, 'metoprolol', 'DRUG')];
  if (note === NOTES[1])
    return [
      at(note, 'asthma', 'PROBLEM', ['historical']),
      ...(who === 0 ? [at(note, 'CXR', 'TEST')] : []),
    ];
  return [at(note, 'fever', 'PROBLEM', ['negated'])];
}

describe.each(DIALECTS)('spans journey on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
  });
  afterEach(() => t.close());

  it('marks entities on notes, measures token α and span F1, and exports spans and CoNLL', async () => {
    const p = await setUpProgram(t.app, {
      annotators: 2,
      policy: { overlap: 2 },
      config: {
        fields: [
          {
            name: 'entities',
            type: 'spans',
            source: 'note',
            labels: ['PROBLEM', 'TREATMENT', 'TEST', 'DRUG'],
            attributes: ['negated', 'historical', 'hypothetical'],
          },
        ],
      },
    });
    // A row without the note is refused, naming the key the field reads.
    const refused = await p.manager.call<{ error: { details: { message: string }[] } }>(
      'POST',
      `/api/projects/${p.projectId}/items`,
      [{ data: { text: 'wrong key' } }],
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]!.message).toBe(
      'data.note: required: the text the spans field "entities" marks',
    );
    await p.manager.ok(
      'POST',
      `/api/projects/${p.projectId}/items`,
      NOTES.map((note) => ({ data: { note } })),
    );

    const label = (annotator: Api, who: number) =>
      workThroughQueue(annotator, p.projectId, async (next) => {
        const note = (next.item.data as { note: string }).note;
        const url = `/api/assignments/${next.assignment.id}/submit`;
        // An end past the note (counted in code points) is refused with its path.
        const length = [...note].length;
        const bad = await annotator.call<{
          error: { details: { path: string; message: string }[] };
        }>('POST', url, {
          value: { entities: [{ start: 0, end: length + 1, label: 'PROBLEM' }] },
          clientId: `bad-${who}-${note}`,
        });
        expect(bad.status).toBe(400);
        expect(bad.body.error.details).toEqual([
          {
            path: 'body.value.entities[0].end',
            message: `${length + 1} is past the end of the text (${length} characters)`,
          },
        ]);
        await annotator.ok('POST', url, {
          value: { entities: spansOf(note, who) },
          clientId: `${who}-${note}`,
          activeMs: 10_000,
        });
      });
    await Promise.all(p.annotators.map((a, i) => label(a, i)));

    const quality = await p.manager.ok<{
      agreement: { key: string; units: number; krippendorff_alpha: number | null } | null;
      adjudication: { pending: number; decided: number };
      spans: {
        field: string;
        krippendorff_alpha: number | null;
        units: number;
        items: number;
        exact_f1: number | null;
        overlap_f1: number | null;
        attribute_agreement: number | null;
        perLabel: { label: string; exact_f1: number | null }[];
      }[];
    }>('GET', `/api/projects/${p.projectId}/quality`);
    const [spans] = quality.spans;
    // Tokens (word or punctuation): 8 + 7 + 3 = 18 units; they differ only on "CXR" (TEST vs O).
    // o(O,O)=24 o(P,P)=8 o(D,D)=2 o(T,O)=o(O,T)=1; n_O=25 n_P=8 n_D=2 n_T=1, n=36:
    // α = 1 − (n − 1)·2 / (n² − Σ n_c²) = 1 − 70 / (1296 − 625 − 64 − 4 − 1) = 38/43 (Krippendorff 2011).
    expect(spans).toMatchObject({ field: 'entities', units: 18, items: 3 });
    expect(spans!.krippendorff_alpha).toBeCloseTo(38 / 43, 12);
    // Span F1 between the two: 4 shared spans of 5 + 4 → 8/9 (Hripcsak & Rothschild 2005).
    // The live α (kept by every submission, from the notes' tokens) is the same token α, primary.
    expect(quality.agreement).toMatchObject({ key: 'entities', units: 18 });
    expect(quality.agreement!.krippendorff_alpha).toBeCloseTo(38 / 43, 12);
    expect(spans!.exact_f1).toBeCloseTo(8 / 9, 12);
    expect(spans!.overlap_f1).toBeCloseTo(8 / 9, 12);
    expect(spans!.attribute_agreement).toBe(1);
    expect(spans!.perLabel.find((l) => l.label === 'TEST')!.exact_f1).toBe(0);
    expect(spans!.perLabel.find((l) => l.label === 'PROBLEM')!.exact_f1).toBe(1);
    // Consensus: with k = 2 a span one annotator marked stays (⌈2/2⌉ = 1); every note decided.
    expect(quality.adjudication).toEqual({ pending: 0, decided: 3 });

    // A reviewer settles "CXR" (one annotator's TEST): offsets are checked against the note.
    const page = await p.manager.ok<{ items: { id: string; data: { note: string } }[] }>(
      'GET',
      `/api/projects/${p.projectId}/items`,
    );
    const asthma = page.items.find((i) => i.data.note === NOTES[1])!;
    const tooFar = await p.manager.call<{
      error: { details: { path: string; message: string }[] };
    }>('POST', `/api/items/${asthma.id}/adjudicate`, {
      value: { entities: [{ start: 11, end: 40, label: 'PROBLEM' }] },
      rationale: 'Asthma only.',
    });
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.error.details).toEqual([
      {
        path: 'body.value.entities[0].end',
        message: '40 is past the end of the text (29 characters)',
      },
    ]);
    const settled = await p.manager.call('POST', `/api/items/${asthma.id}/adjudicate`, {
      value: {
        entities: [
          at(NOTES[1]!, 'asthma', 'PROBLEM', ['historical']),
          at(NOTES[1]!, 'CXR', 'TEST'),
        ],
      },
      rationale: 'A chest X-ray is a test (guideline: abbreviations count).',
    });
    expect(settled.status).toBe(204);

    const { id } = await p.manager.ok<{ id: string }>(
      'POST',
      `/api/projects/${p.projectId}/snapshots`,
    );
    const manifest = await p.manager.ok<{ files: ManifestFile[] }>(
      'GET',
      `/api/snapshots/${id}/manifest`,
    );
    const download = async (format: string) => {
      const file = manifest.files.find((f) => f.format === format && f.field === 'entities')!;
      const res = await t.app.inject({
        method: 'GET',
        url: file.path,
        headers: { authorization: `Bearer ${p.manager.token}` },
      });
      expect(res.statusCode).toBe(200);
      expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(file.sha256);
      return res;
    };
    const jsonl = await download('spans');
    expect(jsonl.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const records = jsonl.body
      .trimEnd()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            id: string;
            text: string;
            spans: { start: number; end: number; label: string; attributes: string[] }[];
            annotators: unknown[];
          },
      );
    expect(records.map((r) => r.text).sort()).toEqual([...NOTES].sort());
    const first = records.find((r) => r.text === NOTES[0])!;
    // Code points: "chest" starts at 9 ("😷" counts one), where UTF-16 would say 10.
    expect(first.spans).toEqual([
      { start: 9, end: 19, label: 'PROBLEM', attributes: ['negated'] },
      { start: 27, end: 37, label: 'DRUG', attributes: [] },
    ]);
    expect(first.spans.map((s) => [...first.text].slice(s.start, s.end).join(''))).toEqual([
      'chest pain',
      'metoprolol',
    ]);
    expect(first.annotators).toHaveLength(2);
    const second = records.find((r) => r.text === NOTES[1])!;
    expect(second.spans.map((s) => s.label)).toEqual(['PROBLEM', 'TEST']);

    const conll = await download('conll');
    expect(conll.headers['content-type']).toMatch(/^text\/plain/);
    expect(conll.headers['content-disposition']).toMatch(/\.conll"$/);
    const documents = conll.body.split('\n\n').filter((d) => d !== '');
    expect(documents).toHaveLength(3);
    expect(
      documents
        .find((d) => d.includes('metoprolol'))!
        .split('\n')
        .slice(1),
    ).toEqual([
      '😷\tO',
      'Denies\tO',
      'chest\tB-PROBLEM',
      'pain\tI-PROBLEM',
      ',\tO',
      'takes\tO',
      'metoprolol\tB-DRUG',
      '.\tO',
    ]);
    for (const d of documents) expect(d).toMatch(/^# id = itm_/);
  });

  it('exports spans on the original text of a PHI project to holders of phi:reveal, audited', async () => {
    await t.close();
    t = await buildTestApp(dialect, { vaultKey: randomBytes(32) });
    const p = await setUpProgram(t.app, {
      annotators: 1,
      policy: { overlap: 1 },
      config: {
        fields: [{ name: 'entities', type: 'spans', labels: ['PERSON', 'PROBLEM'] }],
        phi: { mode: 'surrogate' },
      },
    });
    // "😷" before the name: offsets after it count it once (code points) on both texts.
    const note = 'Mr. John Carter 😷 was admitted on 03/14/2021 with chest pain.';
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, [{ data: { text: note } }]);
    const next = await p.annotators[0]!.ok<NextResponse>(
      'GET',
      `/api/projects/${p.projectId}/next`,
    );
    const shown = (next.item.data as { text: string }).text;
    expect(shown).not.toContain('John Carter');
    // The annotator marks the surrogate name and the problem on the text they see.
    const nameEnd = [...shown.slice(0, shown.indexOf(' 😷'))].length;
    const marked = [
      { start: 4, end: nameEnd, label: 'PERSON' },
      at(shown, 'chest pain', 'PROBLEM'),
    ];
    await p.annotators[0]!.ok('POST', `/api/assignments/${next.assignment.id}/submit`, {
      value: { entities: marked },
      clientId: 'phi-spans',
    });
    const { id } = await p.manager.ok<{ id: string }>(
      'POST',
      `/api/projects/${p.projectId}/snapshots`,
    );
    const url = (format: string) => `/api/snapshots/${id}/export?format=${format}&original=1`;
    const get = (path: string) =>
      t.app.inject({
        method: 'GET',
        url: path,
        headers: { authorization: `Bearer ${p.manager.token}` },
      });

    // Without phi:reveal: refused, and nothing is audited.
    const refused = await p.manager.call<{ error: { code: string } }>('GET', url('spans'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CONCORD_ERR_FORBIDDEN');
    const wrongFormat = await p.manager.call(
      'GET',
      `/api/snapshots/${id}/export?format=jsonl&original=1`,
    );
    expect(wrongFormat.status).toBe(400);

    // The surrogate export as usual: the text annotators saw, their offsets.
    const plain = await get(`/api/snapshots/${id}/export?format=spans`);
    const [surrogate] = plain.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; spans: { start: number; end: number }[] });
    expect(surrogate!.text).toBe(shown);
    expect(surrogate!.spans.map((s) => [s.start, s.end])).toEqual(
      marked.map((s) => [s.start, s.end]),
    );

    await p.manager.ok('POST', `/api/projects/${p.projectId}/permissions`, {
      email: 'p-manager@example.org',
      permission: 'phi:reveal',
    });
    const res = await get(url('spans'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['repr-digest']).toBeUndefined();
    const [record] = res.body
      .trimEnd()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            text: string;
            spans: { start: number; end: number; label: string }[];
            annotators: { spans: { start: number; end: number }[] }[];
          },
      );
    expect(record!.text).toBe(note);
    // Offsets mapped back onto the original, in code points.
    const originals = record!.spans.map((s) => [...note].slice(s.start, s.end).join(''));
    expect(originals).toEqual(['John Carter', 'chest pain']);
    expect(record!.spans[1]).toMatchObject(at(note, 'chest pain', 'PROBLEM'));
    expect(record!.annotators[0]!.spans).toEqual(record!.spans);

    const conll = await get(url('conll'));
    expect(conll.statusCode).toBe(200);
    expect(conll.body).toContain('John\tB-PERSON\nCarter\tI-PERSON\n😷\tO\n');
    expect(conll.body).toContain('chest\tB-PROBLEM\npain\tI-PROBLEM\n');

    const events = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'payload'])
      .where('action', '=', 'phi.export')
      .execute();
    expect(events.map((e) => JSON.parse(e.payload) as unknown)).toEqual([
      { snapshotId: id, format: 'spans', field: 'entities' },
      { snapshotId: id, format: 'conll', field: 'entities' },
    ]);
  });
});
