import {
  annotatorAgreementMatrix,
  cohenKappa,
  contingency,
  RatingTableBuilder,
  seededRandom,
  type RatingTable,
} from '@concord/core/agreement';

/** Random ratings: each item rated by a few annotators, some twice (the later rating counts). */
function randomTable(annotators: number, levels: number, items: number, seed: number) {
  const random = seededRandom(seed);
  const builder = new RatingTableBuilder<number>();
  for (let u = 0; u < items; u++) {
    const raters = 2 + Math.floor(random() * 6);
    for (let r = 0; r < raters; r++) {
      // A skewed choice of level, so κ is not near 0 for every pair.
      const level = Math.floor(random() ** 2 * levels);
      builder.add(u, `ann-${Math.floor(random() * annotators)}`, level);
    }
  }
  return builder.build();
}

/** Every pair that shares an item, computed one pair at a time with contingency and cohenKappa. */
function pairByPair(table: RatingTable<number>, weights: 'identity' | 'linear') {
  const pairs = [];
  for (let x = 0; x < table.annotators.length; x++) {
    for (let y = x + 1; y < table.annotators.length; y++) {
      const annotators = [table.annotators[x]!, table.annotators[y]!] as const;
      const { items, counts, levels } = contingency(table, { annotators });
      if (items === 0) continue;
      let same = 0;
      for (let c = 0; c < levels.length; c++) same += counts[c * levels.length + c]!;
      const kappa = cohenKappa(table, { annotators, weights });
      pairs.push({ a: annotators[0], b: annotators[1], items, agreement: same / items, kappa });
    }
  }
  const order = (k: number) => (Number.isNaN(k) ? Infinity : k);
  return pairs.sort((p, q) => order(p.kappa) - order(q.kappa) || p.items - q.items);
}

describe('annotatorAgreementMatrix', () => {
  it.each([
    ['dense pair tables (6 annotators, 4 levels)', 6, 4, 3000],
    ['per-pair tables when A²k² is large (100 annotators, 30 levels)', 100, 30, 800],
  ])('equals Cohen κ computed pair by pair: %s', (_name, annotators, levels, items) => {
    const table = randomTable(annotators, levels, items, annotators);
    for (const weights of ['identity', 'linear'] as const) {
      const matrix = annotatorAgreementMatrix(table, { weights });
      const expected = pairByPair(table, weights);
      expect(matrix.pairs.length).toBe(expected.length);
      const byName = new Map(expected.map((pair) => [`${pair.a}|${pair.b}`, pair]));
      for (const pair of matrix.pairs) {
        const other = byName.get(`${pair.a}|${pair.b}`)!;
        expect(pair.items).toBe(other.items);
        expect(pair.agreement).toBeCloseTo(other.agreement, 14);
        if (Number.isNaN(other.kappa)) expect(pair.kappa).toBeNaN();
        else expect(pair.kappa).toBeCloseTo(other.kappa, 12);
        const x = table.annotators.indexOf(pair.a);
        const y = table.annotators.indexOf(pair.b);
        const a = table.annotators.length;
        expect(matrix.shared[x * a + y]).toBe(pair.items);
        expect(matrix.shared[y * a + x]).toBe(pair.items);
        expect(matrix.kappa[y * a + x]).toBe(matrix.kappa[x * a + y]);
      }
      // Weakest κ first (NaN last), then fewer shared items.
      const kappas = matrix.pairs.map((pair) => (Number.isNaN(pair.kappa) ? Infinity : pair.kappa));
      expect(kappas).toEqual([...kappas].sort((p, q) => p - q));
    }
  });
});
