// Property test: the coincidence-matrix α equals α computed the slow way, straight from
// Krippendorff's definition over pairs of values (Krippendorff 2011, eq. 1–3), on random tables
// with missing values. The slow way shares no code with the implementation.
import { krippendorffAlpha, ratingTableFromWide, seededRandom } from '@concord/core/agreement';

type Metric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

function slowAlpha(rows: (number | null)[][], metric: Metric): number {
  const units = rows
    .map((row) => row.filter((v): v is number => v !== null))
    .filter((u) => u.length >= 2);
  const values = units.flat();
  const n = values.length;
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const frequency = new Map(sorted.map((v) => [v, values.filter((x) => x === v).length]));
  const delta = (c: number, k: number): number => {
    if (c === k) return 0;
    if (metric === 'nominal') return 1;
    if (metric === 'interval') return (c - k) ** 2;
    if (metric === 'ratio') return ((c - k) / (c + k)) ** 2;
    const [lo, hi] = c < k ? [c, k] : [k, c];
    let between = 0;
    for (const g of sorted) if (g >= lo && g <= hi) between += frequency.get(g)!;
    return (between - (frequency.get(c)! + frequency.get(k)!) / 2) ** 2;
  };
  let observed = 0;
  for (const unit of units) {
    let sum = 0;
    for (let i = 0; i < unit.length; i++)
      for (let j = 0; j < unit.length; j++) if (i !== j) sum += delta(unit[i]!, unit[j]!);
    observed += sum / (unit.length - 1);
  }
  observed /= n;
  let expected = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j) expected += delta(values[i]!, values[j]!);
  expected /= n * (n - 1);
  return 1 - observed / expected;
}

describe("Krippendorff's alpha equals its definition over pairs of values", () => {
  it('on 60 random tables with missing values, for all four metrics (seeded PRNG)', () => {
    const random = seededRandom(1971);
    for (let trial = 0; trial < 60; trial++) {
      const annotators = 2 + Math.floor(random() * 4);
      const items = 3 + Math.floor(random() * 15);
      const levels = 2 + Math.floor(random() * 5);
      const rows = Array.from({ length: items }, () =>
        Array.from({ length: annotators }, () =>
          random() < 0.25 ? null : 1 + Math.floor(random() * levels),
        ),
      );
      const table = ratingTableFromWide(rows);
      for (const metric of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
        const slow = slowAlpha(rows, metric);
        if (Number.isNaN(slow)) expect(krippendorffAlpha(table, metric)).toBeNaN();
        else expect(krippendorffAlpha(table, metric)).toBeCloseTo(slow, 10);
      }
    }
  });
});
