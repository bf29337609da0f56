import type { Kysely } from 'kysely';
import { spansAgreement } from '@concord/core/agreement';
import { spansOf, type ProjectConfig } from '@concord/core/config';
import type { DB } from '../db/schema.js';
import type { LatestValue } from './llm-quality.js';
import type { QualityAlert } from './project-quality.js';

/*
 * The quality report's part for spans fields: token-level Krippendorff α and pooled pairwise
 * span F1 (exact and overlap; overall and per label), and attribute agreement. The tokens come
 * from the item's text, which the live coincidence matrices never see (an agreement key's units
 * are read from the annotations alone), so this part is computed with the other secondary
 * statistics from the latest counted values and the texts of the items two or more annotators
 * did, and cached with them until the next annotation.
 */

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Item ids per query (well under SQLite's and PostgreSQL's bound-parameter limits). */
const CHUNK = 500;

export interface SpansFieldQuality {
  readonly field: string;
  readonly type: 'spans';
  readonly overlap: 'none' | 'nested' | 'any';
  /** Nominal α over (item, token) units, label or O; null when spans may nest or overlap (see perLabel). */
  readonly krippendorff_alpha: number | null;
  /** Pairable (item, token) units. */
  readonly units: number;
  readonly items: number;
  readonly pairs: number;
  readonly exact_f1: number | null;
  readonly overlap_f1: number | null;
  readonly attribute_agreement: number | null;
  readonly perLabel: readonly {
    readonly label: string;
    /** Binary α over (item, token) units: inside a span of the label or not. */
    readonly krippendorff_alpha: number | null;
    readonly exact_f1: number | null;
    readonly overlap_f1: number | null;
    readonly spans: number;
  }[];
}

/** The parsed `data` of the items two or more of `latest`'s annotators did, by item id. */
export async function sharedItemData(
  db: Kysely<DB>,
  latest: readonly Pick<LatestValue, 'item'>[],
): Promise<Map<string, unknown>> {
  const annotators = new Map<string, number>();
  for (const l of latest) annotators.set(l.item, (annotators.get(l.item) ?? 0) + 1);
  const shared = [...annotators].filter(([, n]) => n >= 2).map(([item]) => item);
  const data = new Map<string, unknown>();
  for (let i = 0; i < shared.length; i += CHUNK) {
    const rows = await db
      .selectFrom('items')
      .select(['id', 'data'])
      .where('id', 'in', shared.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) data.set(r.id, JSON.parse(r.data) as unknown);
  }
  return data;
}

/**
 * The agreement of every spans field of a project over its latest counted values; `data` is
 * {@link sharedItemData} of them (read once for this and for the live keys' over-time α).
 */
export function spansFieldQuality(
  config: ProjectConfig,
  latest: readonly LatestValue[],
  data: ReadonlyMap<string, unknown>,
): SpansFieldQuality[] {
  const fields = config.fields.filter((f) => f.type === 'spans');
  if (fields.length === 0) return [];
  return fields.map((field) => {
    const textOf = (item: string | number) => {
      const d = data.get(String(item));
      const text =
        typeof d === 'object' && d !== null ? (d as Record<string, unknown>)[field.source] : null;
      return typeof text === 'string' ? text : null;
    };
    const a = spansAgreement(
      latest
        .filter((l) => data.has(l.item))
        .map((l) => ({
          item: l.item,
          annotator: l.annotator,
          spans: spansOf(l.value[field.name]),
        })),
      textOf,
      {
        labels: field.labels.map((l) => l.value),
        overlap: field.overlap,
        attributes: field.attributes,
      },
    );
    return {
      field: field.name,
      type: 'spans' as const,
      overlap: field.overlap,
      krippendorff_alpha: finite(a.tokenAlpha),
      units: a.tokenUnits,
      items: a.items,
      pairs: a.pairs,
      exact_f1: finite(a.exactF1),
      overlap_f1: finite(a.overlapF1),
      attribute_agreement: finite(a.attributeAgreement),
      perLabel: a.perLabel.map((l) => ({
        label: l.label,
        krippendorff_alpha: finite(l.tokenAlpha),
        exact_f1: finite(l.exactF1),
        overlap_f1: finite(l.overlapF1),
        spans: l.spans,
      })),
    };
  });
}

/**
 * Low-agreement alerts of spans fields (from 10 items on, as for the other fields): the token α,
 * or where spans may nest the lowest label's binary α, below the policy's threshold.
 */
export function spansAlerts(
  spans: readonly SpansFieldQuality[],
  threshold: number,
): QualityAlert[] {
  const alerts: QualityAlert[] = [];
  for (const s of spans) {
    if (s.items < 10) continue;
    const worst = s.perLabel
      .filter((l) => l.krippendorff_alpha !== null)
      .sort((a, b) => a.krippendorff_alpha! - b.krippendorff_alpha!)[0];
    const alpha = s.krippendorff_alpha ?? worst?.krippendorff_alpha ?? null;
    if (alpha === null || alpha >= threshold) continue;
    const what =
      s.krippendorff_alpha !== null ? `token-level α` : `token-level α of ${worst!.label}`;
    alerts.push({
      kind: 'low-agreement',
      severity: alpha < 0.667 ? 'critical' : 'warning',
      userId: null,
      message: `Agreement on ${s.field} is ${what} = ${alpha.toFixed(2)} over ${s.items} items (exact span F1 ${s.exact_f1?.toFixed(2) ?? '–'}), below the ${threshold} the policy asks for. Compare the labels with the lowest F1 and sharpen where a span starts and ends.`,
    });
  }
  return alerts;
}
