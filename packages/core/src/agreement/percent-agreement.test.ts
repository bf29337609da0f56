import { percentAgreement, RatingTableBuilder, seededRandom } from '@concord/core/agreement';

/** `numerator / denominator` (BigInts) as the nearest double, up to 2⁻⁸⁰ relative. */
function ratio(numerator: bigint, denominator: bigint): number {
  return Number((numerator << 80n) / denominator) / 2 ** 80;
}

describe('percentAgreement precision', () => {
  it('is within 1e-15 of the exact value on 1,000,000 items with 1–6 ratings each (integer sums per number of ratings)', () => {
    const items = 1_000_000;
    const k = 4;
    const random = seededRandom(2026);
    const builder = new RatingTableBuilder<number>();
    // Per number of ratings m: items and agreeing ordered pairs Σ n(n − 1), exactly.
    const itemsByM = new Map<number, bigint>();
    const agreeingByM = new Map<number, bigint>();
    for (let u = 0; u < items; u++) {
      const m = 1 + Math.floor(random() * 6);
      const counts = new Array<number>(k).fill(0);
      for (let r = 0; r < m; r++) {
        const level = random() < 0.6 ? 0 : Math.floor(random() * k);
        counts[level]! += 1;
        builder.add(u, r, level);
      }
      if (m < 2) continue;
      itemsByM.set(m, (itemsByM.get(m) ?? 0n) + 1n);
      const agreeing = counts.reduce((sum, n) => sum + n * (n - 1), 0);
      agreeingByM.set(m, (agreeingByM.get(m) ?? 0n) + BigInt(agreeing));
    }
    // Mean over items of agreeing / (m(m − 1)) = Σₘ Sₘ / (m(m − 1)) / Σₘ Nₘ, as one fraction.
    let numerator = 0n;
    let denominator = 1n;
    for (const [m, agreeing] of agreeingByM) {
      const pairs = BigInt(m * (m - 1));
      numerator = numerator * pairs + agreeing * denominator;
      denominator *= pairs;
    }
    const counted = [...itemsByM.values()].reduce((sum, n) => sum + n, 0n);
    const exact = ratio(numerator, denominator * counted);
    expect(Math.abs(percentAgreement(builder.build()) - exact)).toBeLessThan(1e-15);
  });
});
