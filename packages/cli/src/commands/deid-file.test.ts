import { run } from '../test/run-cli.js';
import { useTempFiles } from '../test/temp-files.js';

type Row = Record<string, unknown> & { deid?: Record<string, { category: string }[]> };

const rows = (stdout: string): Row[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Row);

describe('concord deid FILE (de-identify)', () => {
  const file = useTempFiles('concord-deid-file-');
  const jsonl = (name: string, records: unknown[]) =>
    file(name, records.map((r) => JSON.stringify(r)).join('\n') + '\n');

  it('replaces identifiers consistently across rows and runs, removes the patient key', async () => {
    const secret = file('secret', 'a-project-secret\n');
    const config = file(
      'project.json',
      JSON.stringify({
        phi: { knownIdentifiers: [{ key: 'name', category: 'PERSON' }] },
      }),
    );
    const input = jsonl('notes.jsonl', [
      {
        id: 1,
        text: 'Rose Bowman seen 03/05/2020, call 212-555-0123.',
        name: 'Rose Bowman',
        patient_id: 'p1',
      },
      { id: 2, text: 'Rose Bowman back 03/12/2020.', name: 'Rose Bowman', patient_id: 'p1' },
    ]);
    const args = ['deid', input, '--field', 'text', '--config', config, '--secret-file', secret];
    const first = await run(...args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const [a, b] = rows(first.stdout) as [Row, Row];
    expect(Object.keys(a)).toEqual(['id', 'text', 'patient']);
    expect(a.id).toBe(1);
    expect(a.patient).toMatch(/^P-/);
    expect(b.patient).toBe(a.patient);
    const text = a.text as string;
    expect(text).not.toMatch(/Rose|Bowman|03\/05\/2020|212-555-0123/);
    const name = /^(.*) seen/.exec(text)![1]!;
    expect(b.text).toMatch(new RegExp(`^${name} back \\d\\d/\\d\\d/\\d{4}\\.$`));
    // the 7 days between the visits survive the shift
    const date = (s: string) => {
      const [m, d, y] = /(\d\d)\/(\d\d)\/(\d{4})/.exec(s)!.slice(1).map(Number) as [
        number,
        number,
        number,
      ];
      return Date.UTC(y, m - 1, d) / 86_400_000;
    };
    expect(date(b.text as string) - date(text)).toBe(7);
    // a second run (re-import) gives the same output
    expect((await run(...args)).stdout).toBe(first.stdout);
  });

  it('de-identifies item rows {data, meta} and adds the replacement map with --map', async () => {
    process.env.CONCORD_DEID_SECRET = 'env-secret';
    try {
      const input = jsonl('items.jsonl', [
        { data: { note: 'Call 212-555-0123', lang: 'en' }, meta: { patient_id: 'p9', site: 'A' } },
      ]);
      const result = await run('deid', input, '--map');
      expect(result.code).toBe(0);
      const [row] = rows(result.stdout) as [Row];
      expect(row.meta).toEqual({ site: 'A', patient: (row.meta as { patient: string }).patient });
      expect((row.meta as { patient: string }).patient).toMatch(/^P-/);
      expect((row.data as { note: string }).note).toMatch(/^Call \d{3}-\d{3}-\d{4}$/);
      expect(row.deid!.note!.map((r) => r.category)).toEqual(['PHONE_NUMBER']);
      expect(row.deid!.lang).toEqual([]);
    } finally {
      delete process.env.CONCORD_DEID_SECRET;
    }
  });

  it('redacts with --redact and reads plain text with --text', async () => {
    const input = file('note.txt', 'Seen 3/5/2020, 92 yo, call 212-555-0123.\n');
    const result = await run('deid', input, '--text', '--redact');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Seen [DATE_TIME], [AGE] yo, call [PHONE_NUMBER].\n');
  });

  it('reads CRLF lines and a byte-order mark, skips blank lines', async () => {
    const secret = file('secret', 's');
    const input = file(
      'crlf.jsonl',
      '\uFEFF{"id":1,"text":"SSN 123-45-6789"}\r\n\r\n{"id":2,"text":"ok"}\r\n',
    );
    const result = await run('deid', input, '--secret-file', secret);
    expect(result.code).toBe(0);
    const [a, b] = rows(result.stdout) as [Row, Row];
    expect(a.text).toMatch(/^SSN 9\d\d-\d\d-\d{4}$/);
    expect(b).toEqual({ id: 2, text: 'ok' });
  });

  it('names a missing input, config or secret file (usage error)', async () => {
    const input = jsonl('a.jsonl', [{ id: 1, text: 'x' }]);
    const secret = file('secret', 's');
    const missing = input.replace(/a\.jsonl$/, 'nope');
    for (const args of [
      [missing, '--text', '--redact'],
      [input, '--config', missing, '--secret-file', secret],
      [input, '--secret-file', missing],
      ['--detect', missing],
    ]) {
      const result = await run('deid', ...args);
      expect(result.stderr).toContain(`${missing}: no such file`);
      expect(result.code).toBe(2);
    }
  });

  it('needs a secret for surrogates', async () => {
    const input = jsonl('a.jsonl', [{ id: 1, text: 'x' }]);
    const result = await run('deid', input);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CONCORD_DEID_SECRET');
  });

  it('names the line and field of a bad row, and the path of a bad config', async () => {
    const secret = file('secret', 's');
    const input = file('bad.jsonl', '{"id":1,"text":"ok"}\n{"id":2,"body":"x"}\n');
    const missing = await run('deid', input, '--field', 'text', '--secret-file', secret);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${input}:2: field "text": missing`);
    const broken = file('broken.jsonl', '{"id":1,"text":"ok"}\n{"id":2,\n');
    expect((await run('deid', broken, '--secret-file', secret)).stderr).toContain(
      `${broken}:2: not valid JSON`,
    );
    const config = file(
      'phi.json',
      JSON.stringify({ patterns: [{ name: 'x', category: 'PERSON', pattern: '(' }] }),
    );
    const bad = await run('deid', input, '--config', config, '--secret-file', secret);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${config}: patterns.0.pattern: not a valid regular expression`);
  });
});
