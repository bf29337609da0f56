import type { Selectable } from 'kysely';
import {
  alphaOfState,
  applyUnit,
  emptyCoincidenceState,
  fleissKappa,
  gwetAC1,
  ratingTable,
  type CoincidenceState,
  type Label,
  type Rating,
  type RatingTable,
} from '@concord/core/agreement';
import { accuracyBySessionTime, bernoulliCusum, type SessionBucket } from '@concord/core/drift';
import type { AppContext } from '../context.js';
import type { ProjectsTable } from '../db/schema.js';
import type { ProjectConfig } from '@concord/core/config';
import { parseConfig, parsePolicy } from '../presenters/project.js';
import {
  agreementKeys,
  hasExtract,
  keysNeedItemData,
  type AgreementKey,
} from './agreement-keys.js';
import { llmFieldQuality, type LlmFieldQuality } from './llm-quality.js';
import { parseQualityState } from './record-annotation.js';
import {
  sharedItemData,
  spansAlerts,
  spansFieldQuality,
  type SpansFieldQuality,
} from './spans-quality.js';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface QualityAlert {
  readonly kind:
    | 'low-agreement'
    | 'gold-drift'
    | 'low-gold-accuracy'
    | 'fatigue'
    | 'adjudication-backlog'
    | 'defect-rate';
  readonly severity: 'warning' | 'critical';
  readonly userId: string | null;
  readonly message: string;
}

/** What one coincidence state says: α, percent agreement, per-label specific agreement, the split matrix. */
function fromCoincidences(key: AgreementKey, state: CoincidenceState) {
  const k = state.levels.length;
  const m = state.matrix;
  let n = 0;
  let diagonal = 0;
  const perLabel = state.levels.map((label, c) => {
    let nc = 0;
    for (let d = 0; d < k; d++) nc += m[c * k + d]!;
    n += nc;
    diagonal += m[c * k + c]!;
    return {
      label,
      pairableValues: round(nc),
      specificAgreement: nc > 0 ? m[c * k + c]! / nc : null,
    };
  });
  return {
    key: key.key,
    field: key.field,
    dimension: key.dimension,
    metric: key.metric,
    units: state.units,
    krippendorff_alpha: finite(alphaOfState(state, key.metric)),
    ...(key.kind === 'rating'
      ? { krippendorff_alpha_interval: finite(alphaOfState(state, 'interval')) }
      : {}),
    percent_agreement: n > 0 ? diagonal / n : null,
    perLabel,
    disagreement: { levels: state.levels, counts: m.map(round) },
  };
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;

export interface AnnotatorQuality {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  /** Items annotated (first revisions). */
  readonly annotations: number;
  readonly revisions: number;
  readonly goldAnswers: number;
  /** Mean gold score of first answers on gold items; null before any gold. */
  readonly goldAccuracy: number | null;
  /** Share of their production answers (primary field) equal to the item's final value. */
  readonly agreementWithConsensus: number | null;
  readonly medianActiveMs: number | null;
  readonly drift: { readonly firstAlarm: number | null; readonly alarms: number } | null;
  readonly fatigue: readonly {
    readonly bucket: string;
    readonly total: number;
    readonly accuracy: number | null;
  }[];
}

interface SecondaryStats {
  /** Agreement of the pairwise, ranking and steps fields (per dimension, W and τ, per step). */
  readonly llm: readonly LlmFieldQuality[];
  /** Agreement of the spans fields: token α and pairwise span F1. */
  readonly spans: readonly SpansFieldQuality[];
  readonly byKey: Map<
    string,
    {
      fleiss_kappa: number | null;
      gwet_ac1: number | null;
      overTime: { date: string; krippendorff_alpha: number | null; units: number }[];
    }
  >;
  readonly annotators: AnnotatorQuality[];
  readonly alerts: QualityAlert[];
}

/** Per project: the secondary statistics, recomputed only when the annotation count moved. */
const cache = new Map<string, { annotations: number; stats: SecondaryStats }>();

/**
 * The live quality report of a project. α, percent agreement, per-label agreement and the
 * disagreement matrix come from the coincidence matrices kept up to date by every submission
 * (no re-read); Fleiss' κ, AC1, agreement over time and the per-annotator figures (gold
 * accuracy, agreement with consensus, time per item, CUSUM drift and session fatigue) come from
 * one pass over the project's annotations, cached until the next annotation arrives.
 */
export async function projectQuality(ctx: AppContext, project: Selectable<ProjectsTable>) {
  const config = parseConfig(project);
  const policy = parsePolicy(project);
  const keys = agreementKeys(config);
  const row = await ctx.db
    .selectFrom('quality_state')
    .select(['state', 'annotations', 'updated_at'])
    .where('project_id', '=', project.id)
    .executeTakeFirst();
  const state = parseQualityState(row?.state, config);
  const annotations = Number(row?.annotations ?? 0);

  let cached = cache.get(project.id);
  if (!cached || cached.annotations !== annotations) {
    cached = { annotations, stats: await secondaryStats(ctx, project.id, config, keys) };
    cache.set(project.id, cached);
  }
  const { stats } = cached;

  const fields = keys.map((key) => ({
    ...fromCoincidences(key, state.keys[key.key]!),
    ...stats.byKey.get(key.key),
  }));
  const primary = fields[0] ?? null;
  const alerts: QualityAlert[] = [...stats.alerts];
  for (const f of fields) {
    if (
      f.krippendorff_alpha !== null &&
      f.units >= 10 &&
      f.krippendorff_alpha < policy.agreementThreshold
    ) {
      alerts.push({
        kind: 'low-agreement',
        severity: f.krippendorff_alpha < 0.667 ? 'critical' : 'warning',
        userId: null,
        message: `Agreement on ${f.key} is α = ${f.krippendorff_alpha.toFixed(2)} over ${f.units} items, below the ${policy.agreementThreshold} the policy asks for. Look at the most frequent split and sharpen that decision rule.`,
      });
    }
  }
  alerts.push(...spansAlerts(stats.spans, policy.agreementThreshold));
  const queue = await ctx.db
    .selectFrom('decisions')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('project_id', '=', project.id)
    .groupBy('status')
    .execute();
  const pending = Number(queue.find((q) => q.status === 'needs_adjudication')?.n ?? 0);
  const decided = Number(queue.find((q) => q.status === 'decided')?.n ?? 0);
  if (pending > 0) {
    alerts.push({
      kind: 'adjudication-backlog',
      severity: 'warning',
      userId: null,
      message: `${pending} items wait for adjudication.`,
    });
  }
  const review = await reviewStats(ctx, project.id);
  const cost = await costStats(ctx, project.id, policy.hourlyRate);
  if (review.reviewed >= 10 && review.defectRate > 0.05) {
    alerts.push({
      kind: 'defect-rate',
      severity: 'warning',
      userId: null,
      message: `QA rejects ${(review.defectRate * 100).toFixed(1)} % of reviewed work (target ≤ 1 %); the most common defect is ${review.byErrorType[0]?.errorType ?? 'unknown'}.`,
    });
  }
  return {
    projectId: project.id,
    review,
    cost,
    updatedAt: row?.updated_at ?? null,
    annotations,
    threshold: policy.agreementThreshold,
    agreement: primary,
    fields,
    annotators: stats.annotators,
    llm: stats.llm,
    spans: stats.spans,
    adjudication: { pending, decided },
    alerts,
  };
}

async function secondaryStats(
  ctx: AppContext,
  projectId: string,
  config: ProjectConfig,
  keys: readonly AgreementKey[],
): Promise<SecondaryStats> {
  const rows = await ctx.db
    .selectFrom('annotations as a')
    .innerJoin('items as i', 'i.id', 'a.item_id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('decisions as d', 'd.item_id', 'a.item_id')
    .select([
      'a.item_id',
      'a.user_id',
      'u.email',
      'u.name',
      'a.value',
      'a.revision',
      'a.counted',
      'a.gold_score',
      'a.active_ms',
      'a.created_at',
      'i.kind',
      'd.value as decision',
    ])
    .where('a.project_id', '=', projectId)
    .orderBy('a.created_at')
    .execute();

  // Latest counted value per (item, annotator) on production items: the units of agreement.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows)
    if (r.kind === 'production' && Number(r.counted) === 1)
      latest.set(`${r.item_id}|${r.user_id}`, r);
  // The latest values of each item, and the day its last one came in.
  const byItem = new Map<string, { values: Record<string, unknown>[]; day: string }>();
  for (const r of latest.values()) {
    const day = r.created_at.slice(0, 10);
    const item = byItem.get(r.item_id);
    const value = JSON.parse(r.value) as Record<string, unknown>;
    if (item === undefined) byItem.set(r.item_id, { values: [value], day });
    else {
      item.values.push(value);
      if (item.day < day) item.day = day;
    }
  }
  // Spans fields: their units are the tokens of the item's text, read once for both uses.
  const latestValues = [...latest.values()].map((r) => ({
    item: r.item_id,
    annotator: r.user_id,
    value: JSON.parse(r.value) as Record<string, unknown>,
  }));
  const itemData = keysNeedItemData(config)
    ? await sharedItemData(ctx.db, latestValues)
    : new Map<string, unknown>();
  const byKey: SecondaryStats['byKey'] = new Map();
  for (const key of keys) {
    const ratings: Rating<Label>[] = [];
    const completedOn = new Map<string, string>();
    // Each unit of each item (an item, or one step of it) is a rated unit of its own.
    for (const [itemId, { values, day }] of byItem)
      key.units(values, itemData.get(itemId)).forEach((unit, u) => {
        const unitId = `${itemId}|${u}`;
        unit.forEach((value, annotator) => ratings.push({ item: unitId, annotator, value }));
        if (unit.length > 0) completedOn.set(unitId, day);
      });
    const table = ratings.length > 0 ? ratingTable(ratings, { levels: key.levels }) : null;
    // Agreement over time: α of the items completed up to each day (cumulative).
    const days = [...new Set(completedOn.values())].sort();
    const overTime = days.slice(-60).map((date) => {
      const upTo = ratings.filter((r) => (completedOn.get(String(r.item)) ?? '') <= date);
      const t = ratingTable(upTo, { levels: key.levels });
      let units = 0;
      for (let u = 0; u < t.items.length; u++)
        if (t.offsets[u + 1]! - t.offsets[u]! >= 2) units += 1;
      return {
        date,
        krippendorff_alpha: finite(alphaOfState(stateOf(t, key.levels), key.metric)),
        units,
      };
    });
    byKey.set(key.key, {
      fleiss_kappa: table ? finiteOrNull(fleissKappa(table)) : null,
      gwet_ac1: table ? finite(gwetAC1(table)) : null,
      overTime,
    });
  }

  const alerts: QualityAlert[] = [];
  const users = new Map<string, (typeof rows)[number][]>();
  for (const r of rows) {
    const own = users.get(r.user_id);
    if (own) own.push(r);
    else users.set(r.user_id, [r]);
  }
  const annotators = [...users].map(([userId, own]): AnnotatorQuality => {
    const firstRevisions = own.filter((r) => Number(r.revision) === 1);
    const gold = firstRevisions.filter((r) => r.gold_score !== null);
    const goldAccuracy =
      gold.length > 0 ? gold.reduce((s, r) => s + Number(r.gold_score), 0) / gold.length : null;
    const withDecision = own.filter((r) => r.kind === 'production' && r.decision !== null);
    const primary = keys.find(hasExtract);
    const agreeing = primary
      ? withDecision.filter((r) => {
          const mine = primary.extract(JSON.parse(r.value) as Record<string, unknown>);
          const final = primary.extract(JSON.parse(r.decision!) as Record<string, unknown>);
          return mine !== null && mine === final;
        }).length
      : 0;
    const times = firstRevisions.map((r) => Number(r.active_ms)).sort((a, b) => a - b);
    const errors = gold.map((r) => Number(r.gold_score) < 1);
    const cusum =
      errors.length > 0
        ? bernoulliCusum(errors, { targetErrorRate: 0.1, alarmErrorRate: 0.3, threshold: 2.5 })
        : null;
    const fatigue: SessionBucket[] =
      gold.length > 0 ? accuracyBySessionTime(sessionOutcomes(own)) : [];
    const who = own[0]!;
    if (cusum?.firstAlarm) {
      alerts.push({
        kind: 'gold-drift',
        severity: 'critical',
        userId,
        message: `${who.name}'s gold errors rose above the 10 % target (CUSUM alarm at gold answer ${cusum.firstAlarm}). Review their recent work and retrain.`,
      });
    }
    if (goldAccuracy !== null && gold.length >= 5 && goldAccuracy < 0.7) {
      alerts.push({
        kind: 'low-gold-accuracy',
        severity: 'warning',
        userId,
        message: `${who.name} answers ${(goldAccuracy * 100).toFixed(0)} % of gold correctly over ${gold.length} gold items.`,
      });
    }
    const late = fatigue.find((b) => b.fromMinute >= 90 && b.total >= 5);
    const early = fatigue.find((b) => b.fromMinute === 0 && b.total >= 5);
    if (late && early && early.accuracy - late.accuracy >= 0.15) {
      alerts.push({
        kind: 'fatigue',
        severity: 'warning',
        userId,
        message: `${who.name}'s gold accuracy falls from ${(early.accuracy * 100).toFixed(0)} % early in a session to ${(late.accuracy * 100).toFixed(0)} % after ${late.fromMinute} minutes: suggest breaks.`,
      });
    }
    return {
      userId,
      name: who.name,
      email: who.email,
      annotations: firstRevisions.length,
      revisions: own.length - firstRevisions.length,
      goldAnswers: gold.length,
      goldAccuracy,
      agreementWithConsensus: withDecision.length > 0 ? agreeing / withDecision.length : null,
      medianActiveMs: times.length > 0 ? times[Math.floor((times.length - 1) / 2)]! : null,
      drift: cusum ? { firstAlarm: cusum.firstAlarm, alarms: cusum.alarms.length } : null,
      fatigue: fatigue.map((b) => ({
        bucket: b.bucket,
        total: b.total,
        accuracy: finite(b.accuracy),
      })),
    };
  });
  const llm = llmFieldQuality(config, latestValues);
  const spans = spansFieldQuality(config, latestValues, itemData);
  return { byKey, annotators, alerts, llm, spans };
}

function finiteOrNull(x: number | null): number | null {
  return x === null ? null : finite(x);
}

function stateOf(table: RatingTable<Label>, levels: readonly Label[]): CoincidenceState {
  const state = emptyCoincidenceState(levels);
  for (let u = 0; u < table.items.length; u++) {
    const values: Label[] = [];
    for (let p = table.offsets[u]!; p < table.offsets[u + 1]!; p++)
      values.push(table.levels[table.values[p]!]!);
    applyUnit(state, values, 1);
  }
  return state;
}

/** Gold outcomes with minutes into the annotator's session (a gap of 30 minutes starts a new session). */
function sessionOutcomes(
  own: readonly { created_at: string; gold_score: number | null; revision: number }[],
) {
  const out: { minutesIntoSession: number; correct: boolean }[] = [];
  let sessionStart = 0;
  let last = -Infinity;
  for (const r of own) {
    const t = Date.parse(r.created_at);
    if (t - last > 30 * 60_000) sessionStart = t;
    last = t;
    if (r.gold_score !== null && Number(r.revision) === 1)
      out.push({
        minutesIntoSession: (t - sessionStart) / 60_000,
        correct: Number(r.gold_score) >= 1,
      });
  }
  return out;
}

/** QA review: sampled, reviewed, defect rate by error type and by annotator. */
async function reviewStats(ctx: AppContext, projectId: string) {
  const rows = await ctx.db
    .selectFrom('reviews as r')
    .innerJoin('users as u', 'u.id', 'r.annotator_id')
    .select([
      'r.status',
      'r.error_type',
      'r.annotator_id',
      'u.name',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('r.project_id', '=', projectId)
    .groupBy(['r.status', 'r.error_type', 'r.annotator_id', 'u.name'])
    .execute();
  const count = (status: string) =>
    rows.filter((r) => r.status === status).reduce((s, r) => s + Number(r.n), 0);
  const accepted = count('accepted');
  const rejected = count('rejected');
  const reviewed = accepted + rejected;
  const byErrorType = new Map<string, number>();
  const byAnnotator = new Map<
    string,
    { userId: string; name: string; reviewed: number; rejected: number }
  >();
  for (const r of rows) {
    if (r.status === 'pending') continue;
    const entry = byAnnotator.get(r.annotator_id) ?? {
      userId: r.annotator_id,
      name: r.name,
      reviewed: 0,
      rejected: 0,
    };
    entry.reviewed += Number(r.n);
    if (r.status === 'rejected') {
      entry.rejected += Number(r.n);
      byErrorType.set(
        r.error_type ?? 'other',
        (byErrorType.get(r.error_type ?? 'other') ?? 0) + Number(r.n),
      );
    }
    byAnnotator.set(r.annotator_id, entry);
  }
  return {
    sampled: reviewed + count('pending'),
    pending: count('pending'),
    reviewed,
    accepted,
    rejected,
    defectRate: reviewed > 0 ? rejected / reviewed : 0,
    byErrorType: [...byErrorType]
      .map(([errorType, n]) => ({ errorType, rejected: n, share: n / Math.max(1, rejected) }))
      .sort((a, b) => b.rejected - a.rejected),
    byAnnotator: [...byAnnotator.values()].map((a) => ({
      ...a,
      defectRate: a.reviewed > 0 ? a.rejected / a.reviewed : 0,
    })),
  };
}

/**
 * Cost from active time at the policy's hourly rate: annotation, QA review and rework (the
 * annotation time of rejected work), and the cost per accepted label (counted, not rejected).
 */
async function costStats(ctx: AppContext, projectId: string, hourlyRate: number) {
  const annotation = await ctx.db
    .selectFrom('annotations')
    .select((eb) => [eb.fn.sum<number>('active_ms').as('ms'), eb.fn.countAll<number>().as('n')])
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  const qa = await ctx.db
    .selectFrom('reviews')
    .select((eb) => eb.fn.sum<number>('active_ms').as('ms'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  const rework = await ctx.db
    .selectFrom('reviews as r')
    .innerJoin('annotations as a', 'a.id', 'r.annotation_id')
    .select((eb) => [eb.fn.sum<number>('a.active_ms').as('ms'), eb.fn.countAll<number>().as('n')])
    .where('r.project_id', '=', projectId)
    .where('r.status', '=', 'rejected')
    .executeTakeFirstOrThrow();
  const accepted = await ctx.db
    .selectFrom('annotations as a')
    .innerJoin('items as i', 'i.id', 'a.item_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.project_id', '=', projectId)
    .where('a.counted', '=', 1)
    .where('a.revision', '=', 1)
    .where('i.kind', '=', 'production')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('reviews as r')
            .select('r.id')
            .whereRef('r.annotation_id', '=', 'a.id')
            .where('r.status', '=', 'rejected'),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  const hours = (ms: unknown) => Number(ms ?? 0) / 3_600_000;
  const annotationHours = hours(annotation.ms);
  const qaHours = hours(qa.ms);
  const reworkHours = hours(rework.ms);
  const total = (annotationHours + qaHours) * hourlyRate;
  const acceptedLabels = Number(accepted.n);
  return {
    hourlyRate,
    annotationHours,
    qaHours,
    reworkHours,
    total,
    acceptedLabels,
    costPerAcceptedLabel: acceptedLabels > 0 ? total / acceptedLabels : null,
    qaShare: total > 0 ? (qaHours * hourlyRate) / total : 0,
    reworkShare: total > 0 ? (reworkHours * hourlyRate) / total : 0,
  };
}
