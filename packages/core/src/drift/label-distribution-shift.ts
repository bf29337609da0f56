import { chiSquareSurvival } from './special-functions.js';

/** Label counts of one batch. */
export type LabelCounts = ReadonlyMap<string | number, number>;

/**
 * Counts labels.
 *
 * @example
 * countLabels(['a', 'b', 'a']); // Map { 'a' => 2, 'b' => 1 }
 *
 * Reference: a frequency table, the input of {@link populationStabilityIndex} and
 * {@link labelDistributionChiSquare}.
 */
export function countLabels(labels: Iterable<string | number>): Map<string | number, number> {
  const counts = new Map<string | number, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}

function union(a: LabelCounts, b: LabelCounts): (string | number)[] {
  return [...new Set([...a.keys(), ...b.keys()])];
}

function total(counts: LabelCounts): number {
  let sum = 0;
  for (const value of counts.values()) sum += value;
  return sum;
}

/**
 * Population stability index between a reference batch and a new one:
 * PSI = Σ (aᵢ − eᵢ) ln(aᵢ / eᵢ) over labels, with eᵢ, aᵢ the shares of label i before and after.
 * A share of 0 is replaced by `floor` (default 1e-4) so that a label that appears or vanishes
 * counts heavily but finitely. Common reading: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 large.
 * NaN when either batch is empty.
 *
 * @example
 * populationStabilityIndex(new Map([['a', 50], ['b', 50]]), new Map([['a', 80], ['b', 20]]));
 * // 0.3·ln(1.6) + 0.3·ln(2.5) = 0.4158883083359672
 *
 * Reference: N. Siddiqi (2006), Credit Risk Scorecards, Wiley, ch. 8 (stability index and its
 * thresholds); B. Yurdakul (2018), Statistical properties of population stability index, PhD
 * thesis, Western Michigan University.
 */
export function populationStabilityIndex(
  before: LabelCounts,
  after: LabelCounts,
  options: { readonly floor?: number } = {},
): number {
  const floor = options.floor ?? 1e-4;
  const nBefore = total(before);
  const nAfter = total(after);
  if (nBefore === 0 || nAfter === 0) return Number.NaN;
  let psi = 0;
  for (const label of union(before, after)) {
    const e = Math.max((before.get(label) ?? 0) / nBefore, floor);
    const a = Math.max((after.get(label) ?? 0) / nAfter, floor);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

/** A χ² test of homogeneity. */
export interface ChiSquareResult {
  readonly statistic: number;
  /** Degrees of freedom: labels seen in either batch − 1. */
  readonly degreesOfFreedom: number;
  readonly pValue: number;
}

/**
 * Pearson's χ² test that two batches share one label distribution (the 2 × K contingency table
 * of batch by label, without continuity correction). NaN statistic and p-value when a batch is
 * empty or only one label occurs.
 *
 * @example
 * labelDistributionChiSquare(new Map([['a', 50], ['b', 50]]), new Map([['a', 80], ['b', 20]]));
 * // { statistic: 19.78021978021978, degreesOfFreedom: 1, pValue: 8.68771167700004e-6 }
 *
 * Reference: K. Pearson (1900), Philosophical Magazine 50(302):157–175; as scipy.stats
 * `chi2_contingency(table, correction=False)`.
 */
export function labelDistributionChiSquare(
  before: LabelCounts,
  after: LabelCounts,
): ChiSquareResult {
  const labels = union(before, after).filter(
    (label) => (before.get(label) ?? 0) + (after.get(label) ?? 0) > 0,
  );
  const nBefore = total(before);
  const nAfter = total(after);
  const n = nBefore + nAfter;
  const df = labels.length - 1;
  if (nBefore === 0 || nAfter === 0 || df < 1)
    return { statistic: Number.NaN, degreesOfFreedom: Math.max(df, 0), pValue: Number.NaN };
  let statistic = 0;
  for (const label of labels) {
    const b = before.get(label) ?? 0;
    const a = after.get(label) ?? 0;
    const column = a + b;
    const expectedBefore = (column * nBefore) / n;
    const expectedAfter = (column * nAfter) / n;
    statistic +=
      (b - expectedBefore) ** 2 / expectedBefore + (a - expectedAfter) ** 2 / expectedAfter;
  }
  return { statistic, degreesOfFreedom: df, pValue: chiSquareSurvival(statistic, df) };
}
