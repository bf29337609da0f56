// Reading a field's coincidence matrix and per-label agreement: where annotators split, and which
// labels they apply least consistently. Disagreement concentrates on a few boundaries between
// labels; the largest off-diagonal cells name the decision rules the guidelines are missing.

import type { FieldAgreement, LabelAgreement } from '../api/quality';

export interface MatrixCell {
  /** Row and column in `levels`. */
  readonly row: number;
  readonly column: number;
  readonly count: number;
  /** On the diagonal: both values of the pair were the same label. */
  readonly diagonal: boolean;
}

/** Every cell of the k×k coincidence matrix (row-major counts); missing counts read as 0. */
export function matrixCells(disagreement: FieldAgreement['disagreement']): MatrixCell[] {
  const k = disagreement.levels.length;
  const cells: MatrixCell[] = [];
  for (let row = 0; row < k; row++) {
    for (let column = 0; column < k; column++) {
      const count = disagreement.counts[row * k + column] ?? 0;
      cells.push({
        row,
        column,
        count: Number.isFinite(count) ? count : 0,
        diagonal: row === column,
      });
    }
  }
  return cells;
}

export interface Split {
  readonly a: string | number;
  readonly b: string | number;
  /** Disagreeing pairs between the two labels (the matrix is symmetric: one half). */
  readonly pairs: number;
  /** Share of all disagreeing pairs of the field. */
  readonly share: number;
}

/**
 * The boundaries annotators split on most, largest first: each unordered pair of different labels
 * with its count of disagreeing pairs. Pairs that never split are left out.
 */
export function topSplits(disagreement: FieldAgreement['disagreement'], limit = 3): Split[] {
  const { levels, counts } = disagreement;
  const k = levels.length;
  const splits: { a: string | number; b: string | number; pairs: number }[] = [];
  let total = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const pairs = ((counts[i * k + j] ?? 0) + (counts[j * k + i] ?? 0)) / 2;
      if (pairs <= 0) continue;
      total += pairs;
      splits.push({ a: levels[i] ?? i, b: levels[j] ?? j, pairs });
    }
  }
  return splits
    .sort((x, y) => y.pairs - x.pairs || String(x.a).localeCompare(String(y.a)))
    .slice(0, limit)
    .map((s) => ({ ...s, share: total > 0 ? s.pairs / total : 0 }));
}

/** Labels in use, weakest specific agreement first; labels nobody has used yet apart. */
export function labelsWeakestFirst(perLabel: readonly LabelAgreement[]): {
  readonly measured: readonly (LabelAgreement & { readonly specificAgreement: number })[];
  readonly unused: readonly (string | number)[];
} {
  const measured = perLabel
    .filter(
      (l): l is LabelAgreement & { specificAgreement: number } =>
        l.specificAgreement !== null && l.pairableValues > 0,
    )
    .sort(
      (x, y) =>
        x.specificAgreement - y.specificAgreement || String(x.label).localeCompare(String(y.label)),
    );
  const unused = perLabel
    .filter((l) => l.specificAgreement === null || l.pairableValues === 0)
    .map((l) => l.label);
  return { measured, unused };
}

/** A count of the matrix for people: whole numbers as such, fractions (overlap > 2) to one decimal. */
export function formatPairs(pairs: number): string {
  const rounded = Math.round(pairs * 10) / 10;
  return Number.isInteger(rounded) ? rounded.toLocaleString('en-US') : rounded.toFixed(1);
}
