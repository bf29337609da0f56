import type { LlmField, PairwiseValue, RankingValue, StepsValue } from '../config/llm-fields.js';
import { kendallW } from './kendall-w.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import { percentAgreement } from './percent-agreement.js';
import { perLabelAgreement, type LabelAgreement } from './per-label-agreement.js';
import { meanPairwiseKendallTau } from './ranking-agreement.js';
import {
  ratingTable,
  type AnnotatorId,
  type ItemId,
  type Label,
  type Rating,
} from './rating-table.js';

/*
 * Agreement on the LLM feedback fields (pairwise, ranking, steps), per the table of DESIGN.md:
 * α nominal over {A, B, tie} per dimension (and ordinal α on a signed strength scale), Kendall's W
 * and mean pairwise τ-b for rankings, α nominal over (item, step) units for steps, and the
 * dimension pairs on which annotators trade one quality for another.
 */

/** One annotator's value of one field on one item (the latest revision: one per annotator and item). */
export interface FieldAnnotation<V> {
  readonly item: ItemId;
  readonly annotator: AnnotatorId;
  readonly value: V | null | undefined;
}

const CHOICES: readonly Label[] = ['A', 'tie', 'B'];
/** The signed strength scale: −3 A much better … 0 tie … +3 B much better. */
export const SIGNED_STRENGTHS: readonly number[] = [-3, -2, -1, 0, 1, 2, 3];

/** Agreement on one choice over {A, B, tie}: the overall choice or one dimension's. */
export interface ChoiceAgreement {
  /** Krippendorff's α nominal over {A, B, tie}; NaN when undefined (see `krippendorffAlpha`). */
  readonly alpha: number;
  /**
   * Krippendorff's α ordinal on the signed strength (−3 A much better … 0 tie … +3 B much
   * better), over the judgments that carry a strength (or are ties); present when strength is used.
   */
  readonly strengthAlpha?: number;
  readonly percentAgreement: number;
  /** Items with a judgment, and those with two or more (the ones agreement is computed on). */
  readonly units: number;
  readonly pairableUnits: number;
  readonly judgments: number;
  /** How often each choice was made: a skew to A or B hints at position bias. */
  readonly distribution: { readonly A: number; readonly B: number; readonly tie: number };
}

/**
 * How often the same annotator's judgments on two dimensions point in opposite directions on the
 * same pair of responses — e.g. A better on brevity but B better on completeness. Over every
 * annotation and every pair of responses judged strictly (not tied) on both dimensions
 * (`compared`), `opposed` counts those where the better response on dimension `a` is the worse
 * on `b`, and `rate` = opposed / compared (NaN when nothing was compared). A pairwise annotation
 * is one pair; a ranking of n responses gives n(n − 1)/2 pairs. A high rate says the rubric
 * makes annotators trade one quality for the other (and the overall choice hides it); it is
 * not a disagreement between annotators.
 */
export interface DimensionTradeOff {
  readonly a: string;
  readonly b: string;
  readonly opposed: number;
  readonly compared: number;
  readonly rate: number;
  /** Items on which some annotator's judgments opposed. */
  readonly items: number;
}

export interface PairwiseAgreement extends ChoiceAgreement {
  readonly dimensions: Readonly<Record<string, ChoiceAgreement>>;
  /** Every pair of dimensions, highest trade-off rate first. */
  readonly tradeOffs: readonly DimensionTradeOff[];
}

/** Options of {@link pairwiseAgreement} and {@link rankingAgreement}. */
export interface DimensionOptions {
  /** The field's dimensions, in order; default: those found in the values, in first-seen order. */
  readonly dimensions?: readonly string[];
}

/** Whether a stored value is a list (a guard against malformed stored values, keeping its element type). */
function isList<T>(value: readonly T[] | undefined): value is readonly T[] {
  return Array.isArray(value);
}

function present<V>(annotations: Iterable<FieldAnnotation<V>>): FieldAnnotation<V>[] {
  const out: FieldAnnotation<V>[] = [];
  for (const a of annotations) if (a.value !== null && a.value !== undefined) out.push(a);
  return out;
}

/** The dimensions of a field: the declared ones, else those found in the values, first seen first. */
export function dimensionsOf(
  values: readonly { readonly dimensions?: Readonly<Record<string, unknown>> }[],
  declared: readonly string[] | undefined,
): string[] {
  if (declared) return [...declared];
  const seen = new Set<string>();
  for (const v of values) for (const d of Object.keys(v.dimensions ?? {})) seen.add(d);
  return [...seen];
}

function signedStrength(judgment: {
  readonly choice?: unknown;
  readonly strength?: unknown;
}): number | null {
  if (judgment.choice === 'tie') return 0;
  if (typeof judgment.strength !== 'number') return null;
  if (judgment.choice === 'A') return -judgment.strength;
  if (judgment.choice === 'B') return judgment.strength;
  return null;
}

function choiceAgreement(
  annotations: readonly FieldAnnotation<unknown>[],
  judgment: (
    value: unknown,
  ) => { readonly choice?: unknown; readonly strength?: unknown } | undefined,
  strength: boolean,
): ChoiceAgreement {
  const choices: Rating[] = [];
  const strengths: Rating[] = [];
  const distribution = { A: 0, B: 0, tie: 0 };
  for (const { item, annotator, value } of annotations) {
    const j = judgment(value);
    if (j === undefined || (j.choice !== 'A' && j.choice !== 'B' && j.choice !== 'tie')) continue;
    distribution[j.choice] += 1;
    choices.push({ item, annotator, value: j.choice });
    strengths.push({ item, annotator, value: signedStrength(j) });
  }
  const table = ratingTable(choices, { levels: CHOICES });
  let pairableUnits = 0;
  for (let u = 0; u < table.items.length; u++)
    if (table.offsets[u + 1]! - table.offsets[u]! >= 2) pairableUnits += 1;
  const usesStrength = strength || strengths.some((s) => s.value !== 0 && s.value !== null);
  return {
    alpha: krippendorffAlpha(table, 'nominal'),
    ...(usesStrength
      ? {
          strengthAlpha: krippendorffAlpha(
            ratingTable(strengths, { levels: SIGNED_STRENGTHS }),
            'ordinal',
          ),
        }
      : {}),
    percentAgreement: percentAgreement(table),
    units: table.items.length,
    pairableUnits,
    judgments: choices.length,
    distribution,
  };
}

/** The sign of each judged pair of responses per dimension: +1 the first better, −1 the second, 0 tied. */
type PairSigns = Readonly<Record<string, Int8Array>>;

/** Counts, per pair of dimensions, the pairs of responses an annotator ordered oppositely on them. */
function tradeOffs(
  signs: readonly { readonly item: ItemId; readonly signs: PairSigns }[],
  dimensions: readonly string[],
): DimensionTradeOff[] {
  const out: DimensionTradeOff[] = [];
  for (let x = 0; x < dimensions.length; x++) {
    for (let y = x + 1; y < dimensions.length; y++) {
      const a = dimensions[x]!;
      const b = dimensions[y]!;
      let opposed = 0;
      let compared = 0;
      const items = new Set<ItemId>();
      for (const annotation of signs) {
        const sa = annotation.signs[a];
        const sb = annotation.signs[b];
        if (sa === undefined || sb === undefined || sa.length !== sb.length) continue;
        for (let p = 0; p < sa.length; p++) {
          const product = sa[p]! * sb[p]!;
          if (product === 0) continue;
          compared += 1;
          if (product < 0) {
            opposed += 1;
            items.add(annotation.item);
          }
        }
      }
      out.push({
        a,
        b,
        opposed,
        compared,
        rate: compared > 0 ? opposed / compared : Number.NaN,
        items: items.size,
      });
    }
  }
  const order = (t: DimensionTradeOff) => (Number.isNaN(t.rate) ? -1 : t.rate);
  return out.sort((p, q) => order(q) - order(p));
}

function pairwiseSign(choice: unknown): number | null {
  return choice === 'A' ? 1 : choice === 'B' ? -1 : choice === 'tie' ? 0 : null;
}

/**
 * Agreement on a pairwise field: Krippendorff's α nominal over {A, B, tie} for the overall choice
 * and for each dimension, ordinal α on the signed strength when strength is used, percent
 * agreement, the distribution of choices, and the dimension trade-offs ({@link DimensionTradeOff}).
 * Pass one value per annotator and item (the latest revision).
 *
 * @example
 * pairwiseAgreement([
 *   { item: 1, annotator: 'x', value: { choice: 'A' } }, { item: 1, annotator: 'y', value: { choice: 'A' } },
 *   { item: 2, annotator: 'x', value: { choice: 'B' } }, { item: 2, annotator: 'y', value: { choice: 'tie' } },
 * ]).alpha; // 0.4 (α nominal of the units {A, A}, {B, tie}: 1 − 3 · 2 / 10)
 *
 * Reference: K. Krippendorff (2011), Computing Krippendorff's Alpha-Reliability (nominal and
 * ordinal metrics); preference dimensions as in Y. Bai et al. (2022), arXiv:2204.05862.
 */
export function pairwiseAgreement(
  annotations: Iterable<FieldAnnotation<PairwiseValue>>,
  options: DimensionOptions & { readonly strength?: boolean } = {},
): PairwiseAgreement {
  const rows = present(annotations);
  const dimensions = dimensionsOf(
    rows.map((r) => r.value!),
    options.dimensions,
  );
  const strength = options.strength ?? false;
  const overall = choiceAgreement(rows, (v) => v as PairwiseValue, strength);
  const perDimension: Record<string, ChoiceAgreement> = {};
  for (const d of dimensions)
    perDimension[d] = choiceAgreement(rows, (v) => (v as PairwiseValue).dimensions?.[d], strength);
  const signs = rows.map(({ item, value }) => {
    const bySign: Record<string, Int8Array> = {};
    for (const d of dimensions) {
      const sign = pairwiseSign(value!.dimensions?.[d]?.choice);
      if (sign !== null) bySign[d] = Int8Array.of(sign);
    }
    return { item, signs: bySign };
  });
  return { ...overall, dimensions: perDimension, tradeOffs: tradeOffs(signs, dimensions) };
}

/** Agreement of the rankings of one item. */
export interface RankingItemAgreement {
  readonly item: ItemId;
  readonly rankings: number;
  /** Kendall's W (tie-corrected) of the item's rankings; NaN when undefined. */
  readonly kendallW: number;
  /** Mean Kendall τ-b over pairs of the item's rankings; NaN when undefined. */
  readonly meanTau: number;
}

/** Agreement on one ranking (the overall ranking or one dimension's) across items. */
export interface RankingSummary {
  /** Items with two or more rankings. */
  readonly items: number;
  /** Mean of the items' W (NaN ones left out): each item weighs the same. */
  readonly meanKendallW: number;
  /** Mean of the items' mean pairwise τ-b (NaN ones left out). */
  readonly meanTau: number;
  readonly perItem: readonly RankingItemAgreement[];
}

export interface RankingAgreement extends RankingSummary {
  readonly dimensions: Readonly<Record<string, RankingSummary>>;
  /** Every pair of dimensions, highest trade-off rate first ({@link DimensionTradeOff}). */
  readonly tradeOffs: readonly DimensionTradeOff[];
}

/**
 * Kendall's W and the mean pairwise τ-b of the rankings of one item (rows: annotators; columns:
 * responses; 1 = best, equal ranks tie). Rankings whose length differs from the first are left
 * out (values are validated against the item, so this only guards stale data).
 *
 * @example
 * rankingItemAgreement('q1', [[1, 2, 3], [1, 3, 2], [1, 2, 3]]);
 * // { item: 'q1', rankings: 3, kendallW: 0.7777777777777778, meanTau: 0.5555555555555556 }
 *
 * Reference: M. G. Kendall & B. Babington Smith (1939), Annals of Mathematical Statistics 10(3);
 * M. G. Kendall (1945), Biometrika 33(3) (τ-b).
 */
export function rankingItemAgreement(
  item: ItemId,
  rankings: readonly (readonly number[])[],
): RankingItemAgreement {
  const n = rankings[0]?.length ?? 0;
  const rows = rankings.filter((r) => r.length === n);
  return {
    item,
    rankings: rows.length,
    kendallW: rows.length >= 2 ? kendallW(rows) : Number.NaN,
    meanTau: meanPairwiseKendallTau(rows),
  };
}

function meanDefined(values: readonly number[]): number {
  let sum = 0;
  let n = 0;
  for (const v of values)
    if (!Number.isNaN(v)) {
      sum += v;
      n += 1;
    }
  return n === 0 ? Number.NaN : sum / n;
}

function rankingSummary(
  annotations: readonly FieldAnnotation<RankingValue>[],
  ranks: (value: RankingValue) => readonly number[] | undefined,
): RankingSummary {
  const byItem = new Map<ItemId, number[][]>();
  for (const { item, value } of annotations) {
    const r = ranks(value!);
    if (!isList<number>(r)) continue;
    let list = byItem.get(item);
    if (list === undefined) byItem.set(item, (list = []));
    list.push([...r]);
  }
  const perItem: RankingItemAgreement[] = [];
  for (const [item, rankings] of byItem)
    if (rankings.length >= 2) perItem.push(rankingItemAgreement(item, rankings));
  return {
    items: perItem.length,
    meanKendallW: meanDefined(perItem.map((i) => i.kendallW)),
    meanTau: meanDefined(perItem.map((i) => i.meanTau)),
    perItem,
  };
}

function rankingSigns(ranks: readonly number[] | undefined): Int8Array | null {
  if (!Array.isArray(ranks)) return null;
  const n = ranks.length;
  const signs = new Int8Array((n * (n - 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) signs[p++] = Math.sign(ranks[j]! - ranks[i]!);
  return signs;
}

/**
 * Agreement on a ranking field, per item and aggregated, overall and per dimension: Kendall's W
 * (tie-corrected) and the mean pairwise Kendall τ-b of the annotators' rankings of each item, the
 * means over items, and the dimension trade-offs ({@link DimensionTradeOff}). Pass one value per
 * annotator and item.
 *
 * @example
 * rankingAgreement([
 *   { item: 1, annotator: 'x', value: { ranks: [1, 2, 3] } },
 *   { item: 1, annotator: 'y', value: { ranks: [3, 2, 1] } },
 * ]).meanKendallW; // 0
 *
 * Reference: Kendall & Babington Smith (1939); tie correction as S. Siegel & N. J. Castellan
 * (1988), Nonparametric Statistics for the Behavioral Sciences, §9.4; Kendall (1945) for τ-b.
 */
export function rankingAgreement(
  annotations: Iterable<FieldAnnotation<RankingValue>>,
  options: DimensionOptions = {},
): RankingAgreement {
  const rows = present(annotations);
  const dimensions = dimensionsOf(
    rows.map((r) => r.value!),
    options.dimensions,
  );
  const perDimension: Record<string, RankingSummary> = {};
  for (const d of dimensions)
    perDimension[d] = rankingSummary(rows, (v) => v.dimensions?.[d]?.ranks);
  const signs = rows.map(({ item, value }) => {
    const bySign: Record<string, Int8Array> = {};
    for (const d of dimensions) {
      const s = rankingSigns(value!.dimensions?.[d]?.ranks);
      if (s !== null) bySign[d] = s;
    }
    return { item, signs: bySign };
  });
  return {
    ...rankingSummary(rows, (v) => v.ranks),
    dimensions: perDimension,
    tradeOffs: tradeOffs(signs, dimensions),
  };
}

/** Agreement on a steps field. */
export interface StepsAgreement {
  /** Krippendorff's α nominal over (item, step) units: each step of each item is one unit. */
  readonly alpha: number;
  readonly percentAgreement: number;
  /** (item, step) units with a label, and those with two or more. */
  readonly units: number;
  readonly pairableUnits: number;
  /** Agreement per step label (specific agreement), over the (item, step) units. */
  readonly perLabel: readonly LabelAgreement[];
  /** α nominal over items of the final answer's label. */
  readonly final: { readonly alpha: number; readonly percentAgreement: number };
  /** α nominal over items of the first-error index (no error is a value of its own). */
  readonly firstError: { readonly alpha: number; readonly percentAgreement: number };
}

/** The (item, step) unit of step `step` of `item`: a string no two (item, step) pairs share. */
export function stepUnit(item: ItemId, step: number): string {
  return JSON.stringify([item, step]);
}

/**
 * Agreement on a steps field: Krippendorff's α nominal over (item, step) units (each step of each
 * item is one unit, rated by the annotators who labelled the item), percent agreement and
 * per-label agreement over the same units, and α over items of the final label and of the
 * first-error index. Give `labels` (the field's step labels) to declare the scale.
 *
 * @example
 * stepsAgreement([
 *   { item: 1, annotator: 'x', value: { steps: ['ok', 'bad'], firstError: 1, final: 'wrong' } },
 *   { item: 1, annotator: 'y', value: { steps: ['ok', 'ok'], firstError: null, final: 'wrong' } },
 * ]).alpha; // α of the units {ok, ok}, {bad, ok}: 0
 *
 * Reference: K. Krippendorff (2011), Computing Krippendorff's Alpha-Reliability; step-level
 * labels as H. Lightman et al. (2023), Let's verify step by step, arXiv:2305.20050.
 */
export function stepsAgreement(
  annotations: Iterable<FieldAnnotation<StepsValue>>,
  options: { readonly labels?: readonly string[]; readonly finalLabels?: readonly string[] } = {},
): StepsAgreement {
  const steps: Rating[] = [];
  const finals: Rating[] = [];
  const firstErrors: Rating[] = [];
  for (const { item, annotator, value } of present(annotations)) {
    if (isList<string>(value!.steps))
      value!.steps.forEach((label, s) =>
        steps.push({ item: stepUnit(item, s), annotator, value: label }),
      );
    finals.push({ item, annotator, value: value!.final });
    if (value!.firstError !== undefined)
      firstErrors.push({
        item,
        annotator,
        value: value!.firstError === null ? 'none' : value!.firstError,
      });
  }
  const table = ratingTable(steps, options.labels ? { levels: options.labels } : {});
  const finalTable = ratingTable(
    finals,
    options.finalLabels ? { levels: options.finalLabels } : {},
  );
  const firstErrorTable = ratingTable(firstErrors, { key: (v) => String(v) });
  let pairableUnits = 0;
  for (let u = 0; u < table.items.length; u++)
    if (table.offsets[u + 1]! - table.offsets[u]! >= 2) pairableUnits += 1;
  return {
    alpha: krippendorffAlpha(table, 'nominal'),
    percentAgreement: percentAgreement(table),
    units: table.items.length,
    pairableUnits,
    perLabel: perLabelAgreement(table),
    final: {
      alpha: krippendorffAlpha(finalTable, 'nominal'),
      percentAgreement: percentAgreement(finalTable),
    },
    firstError: {
      alpha: krippendorffAlpha(firstErrorTable, 'nominal'),
      percentAgreement: percentAgreement(firstErrorTable),
    },
  };
}

/**
 * One thing live α is kept on for an LLM field, as a server keeps a `CoincidenceState` per key:
 * the declared levels, the metric, and the α units one item contributes given its annotators'
 * values of the field (a pairwise choice: one unit per item; steps: one unit per step).
 */
export interface LlmAgreementKey {
  /** `field`, `field.dimension`, `field:strength`, `field.dimension:strength` or `field.final`. */
  readonly key: string;
  readonly field: string;
  readonly dimension: string | null;
  readonly levels: readonly Label[];
  readonly metric: 'nominal' | 'ordinal';
  /** The units of one item: each a list of the values its annotators gave. */
  units(values: readonly unknown[]): Label[][];
}

function record(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * The live-α keys of an LLM field (see {@link LlmAgreementKey}): for pairwise, the overall choice
 * and each dimension over {A, B, tie} (nominal), and with strength the signed strength −3…3
 * (ordinal); for steps, the step labels over (item, step) units and the final label. Ranking
 * agreement (W, τ) is per item and has no coincidence matrix: keep the sum of the items' W instead
 * ({@link rankingItemAgreement}). Feeding `applyUnit` with these units gives the same α as
 * {@link pairwiseAgreement} and {@link stepsAgreement} on the same values.
 *
 * @example
 * const [choice] = llmAgreementKeys(pairwiseField);
 * choice.units([{ choice: 'A' }, { choice: 'tie' }]); // [['A', 'tie']]
 */
export function llmAgreementKeys(field: LlmField): LlmAgreementKey[] {
  const name = field.name;
  if (field.type === 'ranking') return [];
  if (field.type === 'steps') {
    return [
      {
        key: name,
        field: name,
        dimension: null,
        levels: field.labels.map((l) => l.value),
        metric: 'nominal',
        units: (values) => {
          const units: Label[][] = [];
          for (const value of values) {
            const labels = record(value).steps;
            if (!Array.isArray(labels)) continue;
            labels.forEach((label, s) => {
              if (typeof label === 'string') (units[s] ??= []).push(label);
            });
          }
          return units.filter((unit) => unit !== undefined);
        },
      },
      {
        key: `${name}.final`,
        field: name,
        dimension: null,
        levels: field.finalLabels.map((l) => l.value),
        metric: 'nominal',
        units: (values) => [
          values.map((v) => record(v).final).filter((f): f is string => typeof f === 'string'),
        ],
      },
    ];
  }
  const judgment = (value: unknown, dimension: string | null) =>
    dimension === null ? record(value) : record(record(record(value).dimensions)[dimension]);
  const keys: LlmAgreementKey[] = [];
  for (const dimension of [null, ...field.dimensions]) {
    const base = dimension === null ? name : `${name}.${dimension}`;
    keys.push({
      key: base,
      field: name,
      dimension,
      levels: CHOICES,
      metric: 'nominal',
      units: (values) => [
        values
          .map((v) => judgment(v, dimension).choice)
          .filter((c): c is string => c === 'A' || c === 'B' || c === 'tie'),
      ],
    });
    if (field.strength)
      keys.push({
        key: `${base}:strength`,
        field: name,
        dimension,
        levels: SIGNED_STRENGTHS,
        metric: 'ordinal',
        units: (values) => [
          values
            .map((v) => signedStrength(judgment(v, dimension)))
            .filter((s): s is number => s !== null),
        ],
      });
  }
  return keys;
}
