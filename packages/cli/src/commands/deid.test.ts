import { run } from '../test/run-cli.js';
import { useTempFiles } from '../test/temp-files.js';

type Scores = Record<'overlap' | 'coverage' | 'exact', { recall: number; precision: number }>;

describe('concord deid', () => {
  const file = useTempFiles('concord-deid-');

  it('--detect prints one line per record with code-point offsets', async () => {
    const input = file(
      'notes.jsonl',
      [
        JSON.stringify({ id: 'a', text: 'Mail jane@example.com today' }),
        // the emoji is 2 UTF-16 units but 1 code point: the phone starts at 7, not 8
        JSON.stringify({ id: 7, text: '😀 call 212-555-0123 now' }),
      ].join('\n') + '\n',
    );
    const result = await run('deid', '--detect', input);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: unknown; spans: { confidence: number }[] });
    expect(lines).toMatchObject([
      { id: 'a', spans: [{ start: 5, end: 21, category: 'EMAIL_ADDRESS' }] },
      { id: 7, spans: [{ start: 7, end: 19, category: 'PHONE_NUMBER' }] },
    ]);
    for (const line of lines) {
      expect(line.spans).toHaveLength(1);
      expect(Object.keys(line.spans[0]!).sort()).toEqual([
        'category',
        'confidence',
        'end',
        'start',
      ]);
      expect(line.spans[0]!.confidence).toBeGreaterThan(0);
    }
  });

  it('--detect reports a bad line as FILE:LINE and exits 2', async () => {
    const input = file('bad.jsonl', '{"id":1,"text":"ok"}\n{"id":2}\n');
    const result = await run('deid', '--detect', input);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${input}:2:`);
  });

  it('--eval scores a gold JSONL per category and overall', async () => {
    const gold = file(
      'gold.jsonl',
      [
        // found exactly
        { id: 1, text: 'Mail jane@example.com today', spans: [[5, 21, 'EMAIL_ADDRESS']] },
        // the gold span is wider than the detected number: overlap and coverage, not exact
        { id: 2, text: '😀 call 212-555-0123 now', spans: [[2, 19, 'PHONE_NUMBER']] },
        // a gold name found from its context ("seen by")
        { id: 3, text: 'Seen by Alice', spans: [[8, 13, 'PERSON']] },
      ]
        .map(({ id, text, spans }) =>
          JSON.stringify({
            id,
            text,
            spans: spans.map(([start, end, category]) => ({ start, end, category })),
          }),
        )
        .join('\n'),
    );
    const result = await run('deid', '--eval', gold, '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      records: number;
      charactersPerSecond: number;
      byCategory: Record<string, Scores>;
      overall: Scores;
    };
    expect(report.records).toBe(3);
    expect(report.charactersPerSecond).toBeGreaterThan(0);
    expect(report.byCategory.EMAIL_ADDRESS!.exact.recall).toBe(1);
    expect(report.byCategory.PHONE_NUMBER!.overlap.recall).toBe(1);
    expect(report.byCategory.PHONE_NUMBER!.exact.recall).toBe(0);
    expect(report.byCategory.PERSON!.exact.recall).toBe(1);
    expect(report.overall.overlap.recall).toBe(1);
    expect(report.overall.exact.recall).toBeCloseTo(2 / 3);

    const text = await run('deid', '--eval', gold);
    expect(text.stdout).toMatch(/^overall\s+3\s+3\s/m);
    expect(text.stdout).toContain('characters/s');
  });

  it('--eval reads the presidio-research JSON array (full_text, entity_type, *_position)', async () => {
    const gold = file(
      'synth.json',
      JSON.stringify([
        {
          full_text: 'Write to jane@example.com',
          spans: [{ entity_type: 'EMAIL_ADDRESS', start_position: 9, end_position: 25 }],
        },
        {
          full_text: 'My name is Ann',
          spans: [{ entity_type: 'PERSON', start_position: 11, end_position: 14 }],
        },
      ]),
    );
    const result = await run('deid', '--eval', gold, '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      records: number;
      byCategory: Record<string, Scores>;
    };
    expect(report.records).toBe(2);
    expect(report.byCategory.EMAIL_ADDRESS!.exact.recall).toBe(1);
    expect(report.byCategory.PERSON!.exact.recall).toBe(1);
  });

  it('--eval rejects a gold span outside its text with FILE:LINE and exit 2', async () => {
    const gold = file(
      'bad.jsonl',
      JSON.stringify({ id: 1, text: 'short', spans: [{ start: 0, end: 9, category: 'PERSON' }] }),
    );
    const result = await run('deid', '--eval', gold);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${gold}:1:`);
  });
});
