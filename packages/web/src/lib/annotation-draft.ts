// The answer an annotator is building for one item, before it is sent: one entry per field of
// the project, shaped as the server takes it. The fields are laid out as rows the keyboard moves
// through: one per choice field, one per rated dimension (or one for a rating without any), one
// per text field. The server validates again; the checks here come from core's
// validateAnnotationValue, so both say the same thing.

import { validateAnnotationValue } from '@concord/core/config';
import type {
  ChoiceField,
  FieldConfig,
  LabelDefinition,
  ProjectConfig,
  RatingField,
  TextField,
} from '@concord/core/config';
import {
  llmAnswerProblems,
  llmAnswerValue,
  llmRowKeys,
  newLlmAnswer,
  rowKeyOfIssue,
} from './llm-answer';
import type { LlmAnswer, WidgetField } from './llm-answer';

/**
 * The answer so far: field name → value in the shape of the submitted value; for a pairwise,
 * ranking or steps field, the answer its widget is building (an LlmAnswer, turned into the value
 * by buildValue) — or, in a reviewer's decision, a value taken as it is.
 */
export type Draft = Readonly<Record<string, unknown>>;

export const EMPTY_DRAFT: Draft = {};

/** A field answered with a widget of its own (pairwise, ranking, steps, spans). */
function isLlmField(field: FieldConfig): field is WidgetField {
  return (
    field.type === 'pairwise' ||
    field.type === 'ranking' ||
    field.type === 'steps' ||
    field.type === 'spans'
  );
}

/** The answer an LLM field's widget is building in the draft; null when the entry is a plain value. */
export function llmAnswerOf(draft: Draft, field: WidgetField): LlmAnswer | null {
  const entry = draft[field.name];
  return typeof entry === 'object' &&
    entry !== null &&
    (entry as { kind?: unknown }).kind === field.type &&
    typeof (entry as { active?: unknown }).active === 'number'
    ? (entry as LlmAnswer)
    : null;
}

/**
 * The draft an item starts from: nothing answered, and a fresh answer per pairwise, ranking or
 * steps field — a ranking over the item's responses, a label per step of the item.
 */
export function newDraft(config: ProjectConfig, data: unknown): Draft {
  const draft: Record<string, unknown> = {};
  for (const field of config.fields)
    if (isLlmField(field)) draft[field.name] = newLlmAnswer(field, data);
  return draft;
}

export type AnswerRow =
  | { readonly kind: 'choice'; readonly key: string; readonly field: ChoiceField }
  | {
      readonly kind: 'rating';
      readonly key: string;
      readonly field: RatingField;
      /** The rated dimension, or null for a rating field without dimensions. */
      readonly dimension: string | null;
    }
  | { readonly kind: 'text'; readonly key: string; readonly field: TextField }
  /** A pairwise, ranking, steps or spans field: one row, answered with its own widget. */
  | { readonly kind: 'llm'; readonly key: string; readonly field: WidgetField };

/** The rows of a project's answer form, in the order of its fields. */
export function answerRows(config: ProjectConfig): AnswerRow[] {
  return config.fields.flatMap((field): AnswerRow[] => {
    switch (field.type) {
      case 'choice':
        return [{ kind: 'choice', key: field.name, field }];
      case 'rating': {
        const dimensions = field.dimensions ?? [];
        if (dimensions.length === 0)
          return [{ kind: 'rating', key: field.name, field, dimension: null }];
        return dimensions.map((dimension) => ({
          kind: 'rating' as const,
          key: `${field.name}.${dimension}`,
          field,
          dimension,
        }));
      }
      case 'text':
        return [{ kind: 'text', key: field.name, field }];
      case 'pairwise':
      case 'ranking':
      case 'steps':
      case 'spans':
        return [{ kind: 'llm', key: field.name, field }];
    }
  });
}

/** The key that picks the label at `index`: 1–9, none past the ninth. */
export function choiceKey(index: number): string | null {
  return index >= 0 && index < 9 ? String(index + 1) : null;
}

export interface ScalePoint {
  readonly value: number;
  /** The digit that picks it, or null when the scale is too long for digits. */
  readonly key: string | null;
  /** Its name, e.g. "very poor", from the field's anchors. */
  readonly anchor: string | null;
}

/**
 * The points of a rating scale with their keys: on a scale within 0–9 the digit is the value
 * itself (press 4 for 4); on another scale of up to nine points the digits count the points
 * from 1; a longer scale is rated with the arrow keys.
 */
export function scalePoints(field: RatingField): ScalePoint[] {
  const points: ScalePoint[] = [];
  const count = field.max - field.min + 1;
  const digitsAreValues = field.min >= 0 && field.max <= 9;
  for (let value = field.min; value <= field.max; value++) {
    const position = value - field.min;
    const key = digitsAreValues ? String(value) : count <= 9 ? String(position + 1) : null;
    points.push({ value, key, anchor: field.anchors?.[String(value)] ?? null });
  }
  return points;
}

/** The label's words for people: its title, else its value. */
export function labelTitle(label: LabelDefinition): string {
  return label.title !== undefined && label.title !== '' ? label.title : label.value;
}

/** "helpfulness" → "Helpfulness", "technical_issue" → "Technical issue". */
export function humanize(name: string): string {
  const words = name.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The row's current value: a label, labels, a score or text; undefined when not answered. */
export function rowValue(draft: Draft, row: AnswerRow): unknown {
  const value = draft[row.field.name];
  if (row.kind === 'rating' && row.dimension !== null) {
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)[row.dimension]
      : undefined;
  }
  return value;
}

/** Picks a label: a single-choice field takes it; a multiple-choice field toggles it. */
export function pickLabel(draft: Draft, field: ChoiceField, label: string): Draft {
  if (!field.multiple) return { ...draft, [field.name]: label };
  const current = Array.isArray(draft[field.name]) ? (draft[field.name] as string[]) : [];
  const next = current.includes(label)
    ? current.filter((l) => l !== label)
    : // Kept in the order of the labels, whatever the order they were pressed in.
      field.labels.map((l) => l.value).filter((l) => l === label || current.includes(l));
  return { ...draft, [field.name]: next };
}

export function setScore(draft: Draft, row: AnswerRow, score: number): Draft {
  if (row.kind !== 'rating') return draft;
  const { field, dimension } = row;
  const clamped = Math.min(field.max, Math.max(field.min, Math.round(score)));
  if (dimension === null) return { ...draft, [field.name]: clamped };
  const scores = (draft[field.name] ?? {}) as Record<string, number>;
  return { ...draft, [field.name]: { ...scores, [dimension]: clamped } };
}

/** One step up or down the scale; from no score, the first step lands on the middle. */
export function stepScore(draft: Draft, row: AnswerRow, step: 1 | -1): Draft {
  if (row.kind !== 'rating') return draft;
  const current = rowValue(draft, row);
  if (typeof current !== 'number') {
    return setScore(draft, row, Math.ceil((row.field.min + row.field.max) / 2));
  }
  return setScore(draft, row, current + step);
}

export function setText(draft: Draft, field: TextField, text: string): Draft {
  return { ...draft, [field.name]: text };
}

/** Empties one row: its label(s), its score or its text. An LLM field clears its own rows (⌫ there). */
export function clearRow(draft: Draft, row: AnswerRow): Draft {
  if (row.kind === 'llm') return draft;
  const next: Record<string, unknown> = { ...draft };
  if (row.kind === 'rating' && row.dimension !== null) {
    const scores = { ...((draft[row.field.name] ?? {}) as Record<string, number>) };
    delete scores[row.dimension];
    next[row.field.name] = scores;
  } else {
    delete next[row.field.name];
  }
  return next;
}

/**
 * The value to submit: empty text and empty score sets are left out; a multiple-choice field
 * with nothing picked is sent as [] — "none of these apply" is an answer.
 */
export function buildValue(config: ProjectConfig, draft: Draft): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of config.fields) {
    const entry = draft[field.name];
    const answer = isLlmField(field) ? llmAnswerOf(draft, field) : null;
    if (isLlmField(field) && answer !== null) {
      const built = llmAnswerValue(field, answer);
      if (built !== undefined) value[field.name] = built;
    } else if (field.type === 'choice' && field.multiple) {
      value[field.name] = Array.isArray(entry) ? entry : [];
    } else if (typeof entry === 'string' && entry.trim() === '') {
      continue;
    } else if (
      typeof entry === 'object' &&
      entry !== null &&
      !Array.isArray(entry) &&
      Object.keys(entry).length === 0
    ) {
      continue;
    } else if (entry !== undefined) {
      value[field.name] = entry;
    }
  }
  return value;
}

/** "body.value.quality.fluency" or "value.topics[2]" → the row key "quality.fluency" / "topics". */
export function rowKeyOfPath(path: string): string {
  return path.replace(/^(body\.)?value\.?/, '').replace(/\[\d+\]$/, '');
}

/**
 * The row a problem of core's or the server's validation belongs to: "quality.fluency" for
 * `value.quality.fluency`; for an LLM field being answered, the row of its widget the path names
 * (`pref.dimensions.safety`, `steps.steps[2]`), else the field.
 */
export function problemRowKey(config: ProjectConfig, draft: Draft, path: string): string {
  const key = rowKeyOfPath(path);
  const name = /^[^.[]*/.exec(key)?.[0] ?? key;
  const field = config.fields.find((f) => f.name === name);
  if (field === undefined || !isLlmField(field)) return key;
  const answer = llmAnswerOf(draft, field);
  return answer === null ? field.name : rowKeyOfIssue(llmRowKeys(field, answer), name, path);
}

/**
 * What keeps the answer from being sent, by row key; {} when it can be sent. With the item's
 * data, rankings and step labels are checked against its responses and steps, as the server does.
 */
export function draftProblems(
  config: ProjectConfig,
  draft: Draft,
  itemData?: unknown,
): Readonly<Record<string, string>> {
  const problems: Record<string, string> = {};
  const answered = new Set<string>();
  // An LLM field being answered says what is missing in the words of its widget's rows.
  for (const field of config.fields) {
    const answer = isLlmField(field) ? llmAnswerOf(draft, field) : null;
    if (!isLlmField(field) || answer === null) continue;
    answered.add(field.name);
    Object.assign(problems, llmAnswerProblems(field, answer, itemData));
  }
  const value = buildValue(config, draft);
  for (const issue of validateAnnotationValue(config, value, 'value', itemData)) {
    const key = problemRowKey(config, draft, issue.path);
    if (answered.has(/^[^.[]*/.exec(key)?.[0] ?? key)) continue;
    problems[key] ??= issue.message === 'required' ? 'needs an answer' : issue.message;
  }
  return problems;
}

/** Whether a problem's key belongs to the row: its own, its field's, or one of an LLM widget's rows. */
function problemOnRow(row: AnswerRow, key: string): boolean {
  if (key === row.key || key === row.field.name) return true;
  return (
    row.kind === 'llm' &&
    (key.startsWith(`${row.field.name}.`) || key.startsWith(`${row.field.name}[`))
  );
}

/** The first row, from the top, that has a problem; where the keyboard cursor goes on Enter. */
export function firstProblemRow(
  rows: readonly AnswerRow[],
  problems: Readonly<Record<string, string>>,
): number {
  const keys = Object.keys(problems);
  return rows.findIndex((row) => keys.some((key) => problemOnRow(row, key)));
}

/**
 * After a refused Enter: an LLM field's keys go to the first of its rows with a problem, where
 * the message shows.
 */
export function toFirstProblem(
  draft: Draft,
  row: AnswerRow | undefined,
  problems: Readonly<Record<string, string>>,
): Draft {
  if (row?.kind !== 'llm') return draft;
  const answer = llmAnswerOf(draft, row.field);
  if (answer === null) return draft;
  const at = llmRowKeys(row.field, answer).findIndex((key) => problems[key] !== undefined);
  // The steps' first-error key comes after their rows and is no row of its own.
  const rowCount = llmRowKeys(row.field, answer).length - (row.field.type === 'steps' ? 1 : 0);
  if (at === -1 || at >= rowCount || at === answer.active) return draft;
  const moved: LlmAnswer =
    answer.kind === 'ranking'
      ? { ...answer, active: at, selected: null }
      : { ...answer, active: at };
  return { ...draft, [row.field.name]: moved };
}
