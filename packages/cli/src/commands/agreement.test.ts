import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../test/run-cli.js';

/*
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
 * 12 units, values 1–5 with missing data. Published: nominal α = 0.743, ordinal 0.815,
 * interval 0.849, ratio 0.797. Typed in here as a wide CSV.
 */
const KRIPPENDORFF_2011 = `item,A,B,C,D
1,1,1,,1
2,2,2,3,2
3,3,3,3,3
4,3,3,3,3
5,2,2,2,2
6,1,2,3,4
7,4,4,4,4
8,1,1,2,1
9,2,2,2,2
10,,5,5,5
11,,,1,1
12,,3,,
`;

describe('concord agreement', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concord-agreement-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reproduces Krippendorff (2011) from a wide CSV with missing cells', async () => {
    const result = await run('agreement', file('k.csv', KRIPPENDORFF_2011), '--wide', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown> & {
      krippendorff_alpha: Record<string, number>;
    };
    expect(report.units).toBe(12);
    expect(report.annotators).toBe(4);
    expect(report.krippendorff_alpha.nominal).toBeCloseTo(0.743, 3);
    expect(report.krippendorff_alpha.ordinal).toBeCloseTo(0.815, 3);
    expect(report.krippendorff_alpha.interval).toBeCloseTo(0.849, 3);
    expect(report.krippendorff_alpha.ratio).toBeCloseTo(0.797, 3);
    expect(report.fleiss_kappa).toBeNull(); // items carry different numbers of ratings
    expect(report).toHaveProperty('gwet_ac1');
    expect(report).toHaveProperty('percent_agreement');
    expect(report).not.toHaveProperty('cohen_kappa'); // four annotators
  });

  it('reads the same ratings from long CSV (extra columns ignored, any column order) and JSONL', async () => {
    const long = ['label,item,annotator,note'];
    const jsonl: string[] = [];
    KRIPPENDORFF_2011.trim()
      .split('\n')
      .slice(1)
      .forEach((line) => {
        const [item, ...cells] = line.split(',');
        cells.forEach((cell, i) => {
          const annotator = 'ABCD'[i]!;
          long.push(`${cell},${item},${annotator},"free, text"`);
          jsonl.push(JSON.stringify({ item, annotator, label: cell === '' ? null : Number(cell) }));
        });
      });
    const fromCsv = JSON.parse(
      (await run('agreement', file('long.csv', long.join('\n')), '--json')).stdout,
    ) as { krippendorff_alpha: { nominal: number } };
    const fromJsonl = JSON.parse(
      (await run('agreement', file('long.jsonl', jsonl.join('\n')), '--json')).stdout,
    ) as { krippendorff_alpha: { nominal: number } };
    expect(fromCsv.krippendorff_alpha.nominal).toBeCloseTo(0.7434210526, 9);
    expect(fromJsonl).toEqual(fromCsv);
  });

  it('adds Cohen κ (unweighted, linear, quadratic) and Scott π for two annotators', async () => {
    // irr::anxiety raters 1 and 2 (Shrout & Fleiss data as shipped with R irr), first 20 subjects;
    // R irr kappa2 / scikit-learn: unweighted 0.1194968553, linear 0.1891891892, quadratic 0.2967651195.
    const r1 = [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3];
    const r2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
    const csv = ['item,r1,r2', ...r1.map((v, i) => `${i + 1},${v},${r2[i]}`)].join('\n');
    const report = JSON.parse(
      (await run('agreement', file('anx.csv', csv), '--wide', '--json')).stdout,
    ) as Record<string, number>;
    expect(report.cohen_kappa).toBeCloseTo(0.1194968553, 9);
    expect(report.cohen_kappa_linear).toBeCloseTo(0.1891891892, 9);
    expect(report.cohen_kappa_quadratic).toBeCloseTo(0.2967651195, 9);
    expect(report).toHaveProperty('scott_pi');
  });

  it('prints a readable report with a verdict, and --fail-below exits 1 under the threshold', async () => {
    const path = file('k.csv', KRIPPENDORFF_2011);
    const text = await run('agreement', path, '--wide');
    expect(text.stdout).toContain('Krippendorff α, nominal    0.743');
    expect(text.stdout).toContain('Per label');
    expect(text.stdout).toContain('Weakest annotator pairs');
    expect(text.stdout).toMatch(/Verdict: not reliable enough\. α = 0\.743 < 0\.80/);
    expect((await run('agreement', path, '--wide', '--fail-below')).code).toBe(1);
    expect(
      (await run('agreement', path, '--wide', '--fail-below', '--threshold', '0.7')).code,
    ).toBe(0);
  });

  it('names the file and line of a malformed row, and says what was expected', async () => {
    const csv = await run('agreement', file('bad.csv', 'item,annotator,label\na,x,pos\nb,x\n'));
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/bad\.csv:3: 2 cells; expected at least 3/);
    const header = await run('agreement', file('nohdr.csv', 'doc,person,label\na,x,pos\n'));
    expect(header.stderr).toMatch(
      /nohdr\.csv:1: the header must name the item, annotator and label columns; missing item, annotator/,
    );
    const jsonl = await run(
      'agreement',
      file('bad.jsonl', '{"item":1,"annotator":"x","label":"a"}\n\n{"item":1,"annotator":"y",\n'),
    );
    expect(jsonl.stderr).toMatch(/bad\.jsonl:3: not valid JSON/);
    const field = await run(
      'agreement',
      file('field.jsonl', '{"item":1,"annotator":"","label":"a"}\n'),
    );
    expect(field.stderr).toMatch(
      /field\.jsonl:1: "annotator" must be a non-empty string or a number/,
    );
    const missing = await run('agreement', join(dir, 'nope.csv'));
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('nope.csv: no such file');
  });
});
