import { rankingItemAgreement } from '../agreement/llm-agreement.js';
import { rankingComparisons, responseStrengths } from '../aggregation/llm-aggregation.js';
import type { Comparison } from '../aggregation/bradley-terry.js';
import type { ChatMessage } from '../config/llm-item-data.js';
import { isRecord } from '../config/llm-item-data.js';
import type { PairwiseField, RankingField, StepsField } from '../config/llm-fields.js';
import { REASONING_ERROR_LABELS } from '../config/llm-fields.js';

/*
 * Training-ready records from a snapshot's final labels, in the shapes post-training libraries
 * read (Hugging Face TRL's preference, reward-model, process-reward and chat formats):
 *   DPO pairs            {prompt, chosen, rejected, margin, agreement}
 *   reward-model ranking {prompt, responses, ranks, scores, agreement}
 *   process reward       {prompt, completions, labels, step_labels, first_error, final_label}
 *   chat fine-tuning     {messages}
 *   red-team             {attack, response, category, succeeded, harm, severity, refusal}
 * Each record keeps `item_id` so the snapshot manifest's lineage reaches it.
 */

/** One snapshot item as the record builders see it. */
export interface SnapshotEntry {
  readonly itemId: string;
  readonly data: unknown;
  /** The item's final value (field name → value), or null when it has none yet. */
  readonly final: Readonly<Record<string, unknown>> | null;
  /** The counted annotators' values of the whole item, for margins and agreement. */
  readonly annotations: readonly Readonly<Record<string, unknown>>[];
}

/** What becomes of a pair the annotators called a tie, or one below the agreement bar. */
export type ExclusionRule = 'exclude' | 'flag';

export interface PreferenceOptions {
  /** A per-dimension export: the dimension's judgments instead of the overall ones. */
  readonly dimension?: string;
  /** Ties have no chosen response: excluded (default) or kept with the flag `tie` (A as chosen). */
  readonly ties?: ExclusionRule;
  /** Pairs whose agreement is below this share are excluded or flagged (`lowAgreementRule`). */
  readonly minAgreement?: number;
  readonly lowAgreementRule?: ExclusionRule;
  /** Which pairs a ranking yields: every ordered pair (default), or the best against each other. */
  readonly rankingPairs?: 'all' | 'best-vs-rest';
}

type Conversation = readonly ChatMessage[];

/** A DPO pair: strings for a single prompt, message lists for a conversation (TRL's two formats). */
export interface DpoRecord {
  readonly item_id: string;
  readonly prompt: string | Conversation;
  readonly chosen: string | Conversation;
  readonly rejected: string | Conversation;
  /** Bradley–Terry log-odds that the chosen response is preferred, from the annotators' judgments. */
  readonly margin: number | null;
  /** Share of the annotators' judgments of this pair that agree with it (ties count half). */
  readonly agreement: number | null;
  readonly dimension?: string;
  /** Why a kept record deserves care: `tie`, `low-agreement`. */
  readonly flags?: readonly string[];
}

/** The prompt of an item: its `prompt` text, or its conversation up to the responses. */
export function promptOf(data: unknown): string | Conversation | null {
  if (!isRecord(data)) return null;
  if (typeof data.prompt === 'string' && data.prompt.trim() !== '') return data.prompt;
  if (Array.isArray(data.messages) && data.messages.length > 0)
    return data.messages as Conversation;
  if (typeof data.question === 'string' && data.question.trim() !== '') return data.question;
  return null;
}

function responsesOf(data: unknown): readonly string[] {
  return isRecord(data) && Array.isArray(data.responses)
    ? data.responses.map((r) => (typeof r === 'string' ? r : JSON.stringify(r)))
    : [];
}

/** A response as a completion: text for a text prompt, an assistant turn for a conversation. */
function completion(prompt: string | Conversation, response: string): string | Conversation {
  return typeof prompt === 'string' ? response : [{ role: 'assistant', content: response }];
}

function judgmentOf(
  value: unknown,
  dimension: string | undefined,
): Readonly<Record<string, unknown>> | null {
  if (!isRecord(value)) return null;
  if (dimension === undefined) return value;
  const dims = value.dimensions;
  return isRecord(dims) && isRecord(dims[dimension]) ? dims[dimension] : null;
}

/** The comparisons of one pairwise judgment between responses 0 (A) and 1 (B). */
function pairwiseComparisons(choice: unknown): Comparison[] {
  if (choice === 'A') return [{ winner: 0, loser: 1 }];
  if (choice === 'B') return [{ winner: 1, loser: 0 }];
  if (choice === 'tie') return [{ winner: 0, loser: 1, tie: true }];
  return [];
}

/** Every judgment of a pair as a preference: 1 for i over j, 0 for j over i, 0.5 for a tie. */
function pairPreferences(
  field: PairwiseField | RankingField,
  judgments: readonly Readonly<Record<string, unknown>>[],
  i: number,
  j: number,
): number[] {
  const out: number[] = [];
  for (const judgment of judgments) {
    if (field.type === 'pairwise') {
      const c = judgment.choice;
      if (c === 'tie') out.push(0.5);
      else if (c === 'A' || c === 'B') out.push((c === 'A') === (i === 0) ? 1 : 0);
    } else if (Array.isArray(judgment.ranks)) {
      const ri: unknown = (judgment.ranks as unknown[])[i];
      const rj: unknown = (judgment.ranks as unknown[])[j];
      if (typeof ri !== 'number' || typeof rj !== 'number') continue;
      out.push(ri < rj ? 1 : ri > rj ? 0 : 0.5);
    }
  }
  return out;
}

/**
 * DPO pairs of one item from a pairwise or ranking field's final value. A pairwise item gives one
 * pair (the preferred response as chosen); a ranking gives every pair the final ranks order
 * strictly (or the best response against each other). Responses with identical text never form a
 * pair. `margin` is the Bradley–Terry log-odds of chosen over rejected fitted to the annotators'
 * judgments (with one virtual tie per pair, so it is finite); `agreement` the share of those
 * judgments that order the pair as the record does.
 *
 * @example
 * dpoRecords(prefField, { itemId: 'i1', data: { prompt: 'Hi', responses: ['Hello!', 'Go away'] },
 *   final: { pref: { choice: 'A' } }, annotations: [{ pref: { choice: 'A' } }, { pref: { choice: 'A' } }] });
 * // [{ item_id: "i1", prompt: "Hi", chosen: "Hello!", rejected: "Go away", margin: 1.609… (ln 5), agreement: 1 }]
 */
export function dpoRecords(
  field: PairwiseField | RankingField,
  entry: SnapshotEntry,
  options: PreferenceOptions = {},
): DpoRecord[] {
  const prompt = promptOf(entry.data);
  const responses = responsesOf(entry.data);
  const final = judgmentOf(entry.final?.[field.name], options.dimension);
  if (prompt === null || final === null || responses.length < 2) return [];
  const judgments = entry.annotations
    .map((a) => judgmentOf(a[field.name], options.dimension))
    .filter((j): j is Readonly<Record<string, unknown>> => j !== null);

  // The pairs the final value orders, as [chosen, rejected, tied].
  const pairs: [number, number, boolean][] = [];
  if (field.type === 'pairwise') {
    if (final.choice === 'A') pairs.push([0, 1, false]);
    else if (final.choice === 'B') pairs.push([1, 0, false]);
    else if (final.choice === 'tie') pairs.push([0, 1, true]);
  } else if (Array.isArray(final.ranks) && final.ranks.length === responses.length) {
    const ranks = final.ranks as readonly number[];
    const best = Math.min(...ranks);
    for (let i = 0; i < ranks.length; i++)
      for (let j = 0; j < ranks.length; j++) {
        if (i === j) continue;
        if (options.rankingPairs === 'best-vs-rest' && ranks[i] !== best) continue;
        if (ranks[i]! < ranks[j]!) pairs.push([i, j, false]);
        else if (ranks[i] === ranks[j] && i < j && options.rankingPairs !== 'best-vs-rest')
          pairs.push([i, j, true]);
      }
  }

  const comparisons: Comparison[] =
    field.type === 'pairwise'
      ? judgments.flatMap((j) => pairwiseComparisons(j.choice))
      : judgments.flatMap((j) =>
          Array.isArray(j.ranks) && j.ranks.length === responses.length
            ? rankingComparisons(j.ranks as number[])
            : [],
        );
  const strengths =
    comparisons.length > 0
      ? responseStrengths(responses.length, comparisons, { virtualTies: 1 }).strengths
      : null;

  const records: DpoRecord[] = [];
  for (const [c, r, tied] of pairs) {
    if (responses[c] === responses[r]) continue; // nothing to learn from identical texts
    if (tied && (options.ties ?? 'exclude') === 'exclude') continue;
    const prefs = pairPreferences(field, judgments, c, r);
    const agreement = prefs.length === 0 ? null : prefs.reduce((s, p) => s + p, 0) / prefs.length;
    const flags: string[] = [];
    if (tied) flags.push('tie');
    if (
      options.minAgreement !== undefined &&
      agreement !== null &&
      agreement < options.minAgreement
    ) {
      if ((options.lowAgreementRule ?? 'exclude') === 'exclude') continue;
      flags.push('low-agreement');
    }
    const sc = strengths?.[c];
    const sr = strengths?.[r];
    records.push({
      item_id: entry.itemId,
      prompt,
      chosen: completion(prompt, responses[c]!),
      rejected: completion(prompt, responses[r]!),
      margin: sc !== undefined && sr !== undefined && sc > 0 && sr > 0 ? Math.log(sc / sr) : null,
      agreement,
      ...(options.dimension !== undefined ? { dimension: options.dimension } : {}),
      ...(flags.length > 0 ? { flags } : {}),
    });
  }
  return records;
}

/** A reward-model ranking record: every response with its final rank (1 = best). */
export interface RankingRecord {
  readonly item_id: string;
  readonly prompt: string | Conversation;
  readonly responses: readonly string[];
  readonly ranks: readonly number[];
  /** Bradley–Terry strengths from the annotators' rankings (summing to 1), or null without any. */
  readonly scores: readonly number[] | null;
  /** Kendall's W of the annotators' rankings of this item (null with fewer than two). */
  readonly agreement: number | null;
  readonly dimensions?: Readonly<Record<string, readonly number[]>>;
}

/**
 * The reward-model record of one ranking item: the final ranks, Bradley–Terry scores and the
 * annotators' concordance (Kendall's W), with per-dimension final ranks when the field has any.
 */
export function rankingRecord(field: RankingField, entry: SnapshotEntry): RankingRecord | null {
  const prompt = promptOf(entry.data);
  const responses = responsesOf(entry.data);
  const final = entry.final?.[field.name];
  if (prompt === null || !isRecord(final) || !Array.isArray(final.ranks)) return null;
  if (final.ranks.length !== responses.length) return null;
  const rankings = entry.annotations
    .map((a) => a[field.name])
    .filter(isRecord)
    .map((v) => v.ranks)
    .filter(
      (r): r is number[] =>
        Array.isArray(r) && r.length === responses.length && r.every((x) => typeof x === 'number'),
    );
  const comparisons = rankings.flatMap((r) => rankingComparisons(r));
  const dimensions: Record<string, readonly number[]> = {};
  if (isRecord(final.dimensions))
    for (const [d, v] of Object.entries(final.dimensions))
      if (isRecord(v) && Array.isArray(v.ranks)) dimensions[d] = v.ranks as number[];
  return {
    item_id: entry.itemId,
    prompt,
    responses,
    ranks: final.ranks as number[],
    scores:
      comparisons.length > 0
        ? responseStrengths(responses.length, comparisons, { virtualTies: 1 }).strengths
        : null,
    agreement: rankings.length >= 2 ? rankingItemAgreement(entry.itemId, rankings).kendallW : null,
    ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
  };
}

/** A process-reward record: TRL's stepwise-supervision shape plus our step labels. */
export interface ProcessRewardRecord {
  readonly item_id: string;
  readonly prompt: string;
  /** The steps of the solution, as text. */
  readonly completions: readonly string[];
  /** Per step: true when its final label is not an error label. */
  readonly labels: readonly boolean[];
  readonly step_labels: readonly (string | null)[];
  readonly first_error: number | null;
  readonly final_label: string | null;
  readonly answer?: string;
}

/**
 * The process-reward record of one steps item: one label per step from the final value, and the
 * boolean per step that reward-model trainers read (false from the field's error labels on;
 * the reasoning defaults are `incorrect` and `incomplete`).
 */
export function processRewardRecord(
  field: StepsField,
  entry: SnapshotEntry,
): ProcessRewardRecord | null {
  const data = entry.data;
  const final = entry.final?.[field.name];
  if (!isRecord(data) || !Array.isArray(data.steps) || !isRecord(final)) return null;
  const prompt = promptOf(data);
  if (typeof prompt !== 'string') return null;
  const stepLabels = Array.isArray(final.steps) ? (final.steps as (string | null)[]) : [];
  if (stepLabels.length !== data.steps.length) return null;
  const errors = new Set(field.errorLabels ?? REASONING_ERROR_LABELS);
  return {
    item_id: entry.itemId,
    prompt,
    completions: data.steps.map((s) => (typeof s === 'string' ? s : JSON.stringify(s))),
    labels: stepLabels.map((label) => label !== null && !errors.has(label)),
    step_labels: stepLabels,
    first_error: typeof final.firstError === 'number' ? final.firstError : null,
    final_label: typeof final.final === 'string' ? final.final : null,
    ...(typeof data.answer === 'string' ? { answer: data.answer } : {}),
  };
}

/** A chat fine-tuning record: the conversation and the assistant turn to learn. */
export interface ChatRecord {
  readonly item_id: string;
  readonly messages: Conversation;
}

/**
 * A chat fine-tuning record from an item's conversation (or prompt) and the assistant answer to
 * learn: the chosen response of a preference, or a written text (a rewrite, an ideal refusal).
 */
export function chatRecord(entry: SnapshotEntry, assistant: string): ChatRecord | null {
  const prompt = promptOf(entry.data);
  if (prompt === null || assistant.trim() === '') return null;
  const turns: Conversation =
    typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt;
  return { item_id: entry.itemId, messages: [...turns, { role: 'assistant', content: assistant }] };
}

/** The chosen response of a pairwise or ranking item's final value, or null (a tie, no value). */
export function chosenResponse(
  field: PairwiseField | RankingField,
  entry: SnapshotEntry,
): string | null {
  const responses = responsesOf(entry.data);
  const final = entry.final?.[field.name];
  if (!isRecord(final)) return null;
  if (field.type === 'pairwise')
    return final.choice === 'A'
      ? (responses[0] ?? null)
      : final.choice === 'B'
        ? (responses[1] ?? null)
        : null;
  if (!Array.isArray(final.ranks)) return null;
  const ranks = final.ranks as number[];
  const best = Math.min(...ranks);
  const top = ranks.flatMap((r, i) => (r === best ? [i] : []));
  return top.length === 1 ? (responses[top[0]!] ?? null) : null;
}

/** A red-team record: the attack, the model's response, the triage and the ideal refusal. */
export interface RedTeamRecord {
  readonly item_id: string;
  readonly attack: string | Conversation;
  readonly response: string | null;
  /** The final label of every non-text field (attack category, succeeded, harm, severity…). */
  readonly triage: Readonly<Record<string, unknown>>;
  /** The refusal to train on: the final value's, else the first annotator's that wrote one. */
  readonly refusal: string | null;
  /** Every distinct refusal the annotators wrote. */
  readonly refusals: readonly string[];
}

/**
 * The red-team record of one item: the attack (prompt or conversation), the model's response,
 * the triage labels of the final value, and the ideal refusal written in `refusalField`.
 */
export function redTeamRecord(
  entry: SnapshotEntry,
  refusalField: string,
  triageFields: readonly string[],
): RedTeamRecord | null {
  const attack = promptOf(entry.data);
  if (attack === null) return null;
  const data = entry.data as Record<string, unknown>;
  const triage: Record<string, unknown> = {};
  for (const name of triageFields) triage[name] = entry.final?.[name] ?? null;
  const written = entry.annotations
    .map((a) => a[refusalField])
    .filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  const finalRefusal = entry.final?.[refusalField];
  return {
    item_id: entry.itemId,
    attack,
    response: typeof data.response === 'string' ? data.response : null,
    triage,
    refusal:
      typeof finalRefusal === 'string' && finalRefusal.trim() !== ''
        ? finalRefusal
        : (written[0] ?? null),
    refusals: [...new Set(written)],
  };
}
