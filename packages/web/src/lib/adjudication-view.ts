// What a reviewer sees of one contested item: for every row of the answer, who said what; the
// computed decision and why it was not enough; the starting point of their own decision; and the
// server's refusal split into messages per row, for the rationale, and general ones.

import { formatLlmValue } from './llm-summary';
import { formatSpansValue } from './spans-summary';
import type { LabelDefinition, LlmField, ProjectConfig, QualityPolicy } from '@concord/core/config';
import type { Decision, ItemLabel } from '../api/quality';
import { formatApiError, validationIssues } from '../api/errors';
import {
  answerRows,
  humanize,
  labelTitle,
  rowKeyOfPath,
  rowValue,
  scalePoints,
} from './annotation-draft';
import type { AnswerRow, Draft } from './annotation-draft';
import type { AdjudicationPress, AdjudicationResult, AdjudicationState } from './adjudication-keys';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a draft, so rowValue can read any row out of it. */
export function asDraft(value: unknown): Draft {
  return isRecord(value) ? value : {};
}

/** The row's name for people: "Sentiment", "Quality · fluency". */
export function rowTitle(row: AnswerRow): string {
  const field =
    row.field.title !== undefined && row.field.title !== ''
      ? row.field.title
      : humanize(row.field.name);
  return row.kind === 'rating' && row.dimension !== null
    ? `${field} · ${humanize(row.dimension)}`
    : field;
}

/** One row's part of a value, in words: label titles, a score with its anchor, the text. */
export function formatRowValue(row: AnswerRow, value: unknown, missing = '—'): string {
  const part = rowValue(asDraft(value), row);
  if (part === undefined || part === null || part === '') return missing;
  switch (row.kind) {
    case 'choice': {
      const titleOf = (v: unknown) => {
        const label = row.field.labels.find((l) => l.value === v);
        return label === undefined ? String(v) : labelTitle(label);
      };
      if (Array.isArray(part)) return part.length === 0 ? 'none' : part.map(titleOf).join(', ');
      return titleOf(part);
    }
    case 'rating': {
      const score = typeof part === 'number' ? String(part) : JSON.stringify(part);
      const anchor = row.field.anchors?.[score];
      return anchor === undefined ? score : `${score} (${anchor})`;
    }
    case 'text':
      return typeof part === 'string' ? part : JSON.stringify(part);
    case 'llm':
      return row.field.type === 'spans' ? formatSpansValue(part) : formatLlmValue(row.field, part);
  }
}

/**
 * "Sentiment: negative; Quality · fluency: 4": a whole value in one line; `missing` stands for a
 * row without a value (a tied field of a computed decision: "no majority").
 */
export function formatValue(config: ProjectConfig, value: unknown, missing = '—'): string {
  return answerRows(config)
    .map((row) => `${rowTitle(row)}: ${formatRowValue(row, value, missing)}`)
    .join('; ');
}

/** As formatValue, without the row's name when the project asks for one thing only. */
export function formatValueShort(config: ProjectConfig, value: unknown): string {
  const rows = answerRows(config);
  const only = rows.length === 1 ? rows[0] : undefined;
  return only === undefined ? formatValue(config, value) : formatRowValue(only, value);
}

export interface RowOption {
  readonly value: string | number;
  readonly title: string;
  /** What the label means, from the taxonomy; null when it says nothing. */
  readonly definition: string | null;
  /** The digit that picks it, or null. */
  readonly key: string | null;
  /** The annotators who gave it. */
  readonly voters: readonly string[];
}

/** The choices of a choice or rating row, each with the names of those who chose it. */
export function rowOptions(row: AnswerRow, labels: readonly ItemLabel[]): RowOption[] {
  const said = (option: string | number) =>
    labels
      .filter((l) => {
        const part = rowValue(asDraft(l.value), row);
        return Array.isArray(part) ? part.includes(option) : part === option;
      })
      .map((l) => l.name);
  if (row.kind === 'choice') {
    return row.field.labels.map((entry, i) => {
      const label: LabelDefinition = entry;
      return {
        value: label.value,
        title: labelTitle(label),
        definition: label.definition ?? null,
        key: i < 9 ? String(i + 1) : null,
        voters: said(label.value),
      };
    });
  }
  if (row.kind === 'rating') {
    return scalePoints(row.field).map((point) => ({
      value: point.value,
      title: point.anchor === null ? String(point.value) : `${point.value} · ${point.anchor}`,
      definition: null,
      key: point.key,
      voters: said(point.value),
    }));
  }
  return [];
}

/** One annotator's value of a pairwise, ranking or steps field, for the reviewer to take as the decision. */
export interface LlmOption {
  /** The field's value as the annotator submitted it, justification included (spans: the list). */
  readonly value: Readonly<Record<string, unknown>> | readonly unknown[];
  /** The value in words: "A much better (accuracy A, safety tie)". */
  readonly title: string;
  readonly justification: string | null;
  /** The digit that takes it, or null past the ninth. */
  readonly key: string | null;
  readonly voter: string;
}

/**
 * The values the annotators gave an LLM field, one option per annotator: a preference, a ranking
 * or step labels come with their own justification, so the decision takes one of them whole.
 */
export function llmOptions(row: AnswerRow, labels: readonly ItemLabel[]): LlmOption[] {
  if (row.kind !== 'llm') return [];
  if (row.field.type === 'spans') {
    // Spans: each annotator's list, taken whole.
    const name = row.field.name;
    return labels
      .flatMap((label) => {
        const value = asDraft(label.value)[name];
        return Array.isArray(value) ? [{ value, voter: label.name }] : [];
      })
      .map(({ value, voter }, i) => ({
        value,
        title: formatSpansValue(value),
        justification: null,
        key: i < 9 ? String(i + 1) : null,
        voter,
      }));
  }
  const field: LlmField = row.field;
  return labels
    .flatMap((label) => {
      const value = asDraft(label.value)[field.name];
      if (!isRecord(value)) return [];
      const why = value.justification;
      return [
        {
          value,
          title: formatLlmValue(field, value),
          justification: typeof why === 'string' && why.trim() !== '' ? why : null,
          key: null,
          voter: label.name,
        },
      ];
    })
    .map((option, i) => ({ ...option, key: i < 9 ? String(i + 1) : null }));
}

/** Whether two values are the same (JSON of the same shape, keys in any order). */
export function sameValue(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : isRecord(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical(v[k])]),
          )
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * An annotator's value taken as the decision of an LLM row, by key or by click: the next row
 * with choices becomes active, or after the last one the rationale.
 */
export function chooseLlmOption(
  state: AdjudicationState,
  rows: readonly AnswerRow[],
  index: number,
  value: Readonly<Record<string, unknown>> | readonly unknown[],
): AdjudicationResult {
  const row = rows[index];
  if (row?.kind !== 'llm') return { state, command: null, handled: false };
  const draft = { ...state.draft, [row.field.name]: value };
  const next = rows.findIndex((r, i) => i > index && r.kind !== 'text');
  return next === -1
    ? { state: { draft, active: index }, command: { kind: 'focus-rationale' }, handled: true }
    : { state: { draft, active: next }, command: null, handled: true };
}

/**
 * A digit on an LLM row takes that annotator's value (the keys of the other rows are
 * interpretAdjudicationKey's); null when the key is not one for an LLM row.
 */
export function llmOptionKey(
  state: AdjudicationState,
  rows: readonly AnswerRow[],
  labels: readonly ItemLabel[],
  press: AdjudicationPress,
): AdjudicationResult | null {
  const row = rows[state.active];
  const plain = !(press.ctrlKey || press.metaKey || press.altKey);
  if (row?.kind !== 'llm' || press.inRationale || press.inField || !plain) return null;
  if (!/^[1-9]$/.test(press.key)) return null;
  const option = llmOptions(row, labels).find((o) => o.key === press.key);
  return option === undefined
    ? { state, command: null, handled: true }
    : chooseLlmOption(state, rows, state.active, option.value);
}

/**
 * Where the reviewer starts: the computed decision's values that stand (a tied field, stored as
 * null, is left for them to choose), for the fields of the config only. A computed preference,
 * ranking or step labelling stands only when it is one of the annotators' values (`labels`):
 * the decision of such a field is one annotator's value whole, justification included.
 */
export function initialDraft(
  config: ProjectConfig,
  decided: unknown,
  labels: readonly ItemLabel[] = [],
): Draft {
  const value = asDraft(decided);
  const draft: Record<string, unknown> = {};
  for (const field of config.fields) {
    const entry = value[field.name];
    if (entry === null || entry === undefined) continue;
    if (field.type === 'pairwise' || field.type === 'ranking' || field.type === 'steps') {
      const same = labels
        .map((l) => asDraft(l.value)[field.name])
        .find((given) => sameValue(given, entry));
      if (same !== undefined) draft[field.name] = same;
    } else if (field.type === 'rating' && isRecord(entry)) {
      const scores = Object.fromEntries(
        Object.entries(entry).filter(([, score]) => typeof score === 'number'),
      );
      if (Object.keys(scores).length > 0) draft[field.name] = scores;
    } else {
      draft[field.name] = entry;
    }
  }
  return draft;
}

export const METHOD_LABELS: Readonly<Record<string, string>> = {
  majority: 'Majority vote',
  adjudication: 'Adjudicated',
  'dawid-skene': 'Dawid–Skene',
  undecided: 'Undecided',
};

export function methodLabel(method: string): string {
  return METHOD_LABELS[method] ?? humanize(method);
}

/** Why the computed decision was not good enough: a tie, or support below the policy's bar. */
export function whyQueued(
  config: ProjectConfig,
  decision: Decision,
  policy: QualityPolicy,
): string {
  const value = asDraft(decision.value);
  const tiedField = (name: string, type: string, multiple: boolean) =>
    (type === 'choice' && !multiple && name in value && value[name] === null) ||
    // A preference with no majority overall is stored with a null choice.
    (type === 'pairwise' &&
      isRecord(value[name]) &&
      (value[name] as { choice?: unknown }).choice === null);
  const tied = config.fields
    .filter((f) => tiedField(f.name, f.type, f.type === 'choice' && f.multiple))
    .map((f) => (f.title !== undefined && f.title !== '' ? f.title : humanize(f.name)));
  if (tied.length > 0) {
    return `Annotators tied on ${tied.join(' and ')}: no label has a majority.`;
  }
  const share = Math.round(decision.confidence * 100);
  return `Only ${share} % of annotators back the computed answer; the policy sends anything under ${Math.round(policy.adjudicationThreshold * 100)} % to a reviewer.`;
}

export interface DecisionErrors {
  /** By row key ("sentiment", "quality.fluency"). */
  readonly rows: Readonly<Record<string, string>>;
  readonly rationale: string | null;
  readonly general: readonly string[];
}

/** A refused decision, split so every message lands next to what it is about; none dropped. */
export function splitDecisionErrors(error: unknown, rows: readonly AnswerRow[]): DecisionErrors {
  const issues = validationIssues(error);
  if (issues.length === 0) return { rows: {}, rationale: null, general: [formatApiError(error)] };
  const byRow: Record<string, string> = {};
  let rationale: string | null = null;
  const general: string[] = [];
  for (const issue of issues) {
    if (/^(body\.)?rationale$/.test(issue.path)) {
      rationale ??= issue.message;
      continue;
    }
    const key = rowKeyOfPath(issue.path);
    const row = rows.find(
      (r) =>
        r.key === key ||
        r.field.name === key ||
        // A pairwise, ranking or steps value is one row: its parts' problems are the row's.
        (r.kind === 'llm' &&
          (key.startsWith(`${r.field.name}.`) || key.startsWith(`${r.field.name}[`))),
    );
    if (row !== undefined && /^(body\.)?value/.test(issue.path)) byRow[row.key] ??= issue.message;
    else general.push(`${issue.path.replace(/^body\./, '')}: ${issue.message}`);
  }
  return { rows: byRow, rationale, general };
}

/** The rationale the server takes: at least 3 characters once trimmed, at most 5000. */
export function rationaleProblem(rationale: string): string | null {
  const text = rationale.trim();
  if (text.length === 0) return 'Say why you decided this, for the adjudication log.';
  if (text.length < 3) return 'Say why in a few words (at least 3 characters).';
  if (text.length > 5000)
    return `Keep it under 5,000 characters (${text.length.toLocaleString('en-US')} now).`;
  return null;
}
