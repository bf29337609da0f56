import {
  pairwiseAgreement,
  rankingAgreement,
  stepsAgreement,
  type ChoiceAgreement,
  type DimensionTradeOff,
  type FieldAnnotation,
  type RankingSummary,
} from '@concord/core/agreement';
import type { PairwiseValue, ProjectConfig, RankingValue, StepsValue } from '@concord/core/config';

/*
 * The quality report's part for LLM feedback fields: agreement per preference dimension (and the
 * dimensions annotators trade against each other), Kendall's W and τ for rankings, α over
 * (item, step) units for step labels. Computed from the latest counted values in the same pass
 * as the other secondary statistics, and cached with them until the next annotation.
 */

const finite = (x: number | undefined): number | null =>
  x !== undefined && Number.isFinite(x) ? x : null;

/** One annotator's latest counted value of a whole item. */
export interface LatestValue {
  readonly item: string;
  readonly annotator: string;
  readonly value: Readonly<Record<string, unknown>>;
}

function choice(c: ChoiceAgreement) {
  return {
    krippendorff_alpha: finite(c.alpha),
    ...(c.strengthAlpha !== undefined ? { strength_alpha: finite(c.strengthAlpha) } : {}),
    percent_agreement: finite(c.percentAgreement),
    units: c.pairableUnits,
    /** How often A, B and tie were chosen: a lean to A or B hints at position bias. */
    distribution: c.distribution,
  };
}

function ranking(r: RankingSummary) {
  return { items: r.items, kendall_w: finite(r.meanKendallW), mean_tau: finite(r.meanTau) };
}

function tradeOffs(list: readonly DimensionTradeOff[]) {
  return list.map((t) => ({
    a: t.a,
    b: t.b,
    rate: finite(t.rate),
    opposed: t.opposed,
    compared: t.compared,
    items: t.items,
  }));
}

function pairwiseQuality(name: string, a: ReturnType<typeof pairwiseAgreement>) {
  return {
    field: name,
    type: 'pairwise' as const,
    ...choice(a),
    dimensions: Object.entries(a.dimensions).map(([dimension, c]) => ({ dimension, ...choice(c) })),
    tradeOffs: tradeOffs(a.tradeOffs),
  };
}

function rankingQuality(name: string, a: ReturnType<typeof rankingAgreement>) {
  return {
    field: name,
    type: 'ranking' as const,
    ...ranking(a),
    dimensions: Object.entries(a.dimensions).map(([dimension, r]) => ({
      dimension,
      ...ranking(r),
    })),
    tradeOffs: tradeOffs(a.tradeOffs),
  };
}

function stepsQuality(name: string, a: ReturnType<typeof stepsAgreement>) {
  return {
    field: name,
    type: 'steps' as const,
    krippendorff_alpha: finite(a.alpha),
    percent_agreement: finite(a.percentAgreement),
    units: a.pairableUnits,
    perLabel: a.perLabel,
    final: {
      krippendorff_alpha: finite(a.final.alpha),
      percent_agreement: finite(a.final.percentAgreement),
    },
    firstError: {
      krippendorff_alpha: finite(a.firstError.alpha),
      percent_agreement: finite(a.firstError.percentAgreement),
    },
  };
}

export type LlmFieldQuality =
  | ReturnType<typeof pairwiseQuality>
  | ReturnType<typeof rankingQuality>
  | ReturnType<typeof stepsQuality>;

/** The agreement of every pairwise, ranking and steps field of a project. */
export function llmFieldQuality(
  config: ProjectConfig,
  latest: readonly LatestValue[],
): LlmFieldQuality[] {
  const out: LlmFieldQuality[] = [];
  for (const field of config.fields) {
    const annotations = <V>(): FieldAnnotation<V>[] =>
      latest.map((l) => ({
        item: l.item,
        annotator: l.annotator,
        value: l.value[field.name] as V | undefined,
      }));
    const dimensions =
      (field.type === 'pairwise' || field.type === 'ranking') && field.dimensions
        ? { dimensions: field.dimensions }
        : {};
    if (field.type === 'pairwise')
      out.push(
        pairwiseQuality(
          field.name,
          pairwiseAgreement(annotations<PairwiseValue>(), {
            ...dimensions,
            strength: field.strength,
          }),
        ),
      );
    else if (field.type === 'ranking')
      out.push(
        rankingQuality(field.name, rankingAgreement(annotations<RankingValue>(), dimensions)),
      );
    else if (field.type === 'steps')
      out.push(
        stepsQuality(
          field.name,
          stepsAgreement(annotations<StepsValue>(), { labels: field.labels.map((l) => l.value) }),
        ),
      );
  }
  return out;
}
