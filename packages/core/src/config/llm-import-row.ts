import { validateAnnotationValue, type ValueIssue } from './annotation-value.js';
import { isRecord, normalizeLlmItem, validateLlmItemData } from './llm-item-data.js';
import type { LlmField } from './llm-fields.js';
import type { ProjectConfig } from './project-config.js';
import { spansItemIssues } from './spans-value.js';

/** Keys an import row has beside its data. */
const ROW_KEYS = new Set(['data', 'meta', 'gold', 'priority', 'qualification']);
/** Keys of the usual LLM feedback shapes, which a row may carry without a `data` wrapper. */
const SHAPE_KEYS = [
  'prompt',
  'messages',
  'responses',
  'chosen',
  'rejected',
  'question',
  'problem',
  'steps',
];

function llmFields(config: ProjectConfig): LlmField[] {
  return config.fields.filter(
    (f): f is LlmField => f.type === 'pairwise' || f.type === 'ranking' || f.type === 'steps',
  );
}

/**
 * Prepares one import row of a project with pairwise, ranking or steps fields: a row in a usual
 * shape without the `{"data": …}` wrapper (`{prompt, chosen, rejected}`, `{messages, responses}`,
 * an HH-RLHF transcript pair, `{question, steps, answer}`) is wrapped; its data is turned into the
 * contract's shape ({@link normalizeLlmItem}) and checked against every LLM field. A chosen/rejected
 * pair's stated preference goes to `meta.preference` (never shown, never a label), and the chosen
 * response is put first on odd lines and second on even ones, so the file's order does not teach
 * annotators a position. Rows of other projects come back as they are.
 *
 * @example
 * prepareImportRow(config, { prompt: 'Hi', chosen: 'Hello!', rejected: 'Go away.' }, 1);
 * // { row: { data: { prompt: 'Hi', responses: ['Hello!', 'Go away.'] },
 * //          meta: { preference: { chosen: 0, rejected: 1 } } }, issues: [] }
 */
export function prepareImportRow(
  config: ProjectConfig,
  row: unknown,
  line: number,
): { readonly row: unknown; readonly issues: readonly ValueIssue[] } {
  const fields = llmFields(config);
  if (fields.length === 0 || !isRecord(row)) return { row, issues: [] };
  let wrapped: Record<string, unknown> = row;
  if (row.data === undefined && SHAPE_KEYS.some((k) => k in row)) {
    const data: Record<string, unknown> = {};
    const outer: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) (ROW_KEYS.has(key) ? outer : data)[key] = value;
    wrapped = { ...outer, data };
  }
  if (!isRecord(wrapped.data)) return { row: wrapped, issues: [] };
  const normalized = normalizeLlmItem(wrapped.data, { rejectedFirst: line % 2 === 0 });
  if (!normalized.ok) return { row: wrapped, issues: normalized.issues };
  const meta = isRecord(wrapped.meta) ? wrapped.meta : wrapped.meta === undefined ? {} : null;
  const prepared: Record<string, unknown> = {
    ...wrapped,
    data: normalized.data,
    ...(normalized.preference && meta !== null
      ? { meta: { ...meta, preference: normalized.preference } }
      : {}),
  };
  const issues = fields.flatMap((field) => validateLlmItemData(field, normalized.data, 'data'));
  return { row: prepared, issues };
}

/** A problem of one import row: its line (1-based, or the position in a JSON array) and what. */
export interface ImportRowProblem {
  readonly line: number;
  readonly message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every problem of one import row `{"data", "meta"?, "gold"?, "priority"?, "qualification"?}`,
 * each naming the part it is about (`gold.sentiment: must be one of positive, neutral,
 * negative`). The server's import and the web upload's preview both check with this, so they say
 * the same thing. The row is prepared first ({@link prepareImportRow}) for LLM feedback projects.
 */
export function checkImportRow(
  config: ProjectConfig,
  source: unknown,
  line: number,
): ImportRowProblem[] {
  const { row, issues } = prepareImportRow(config, source, line);
  if (!isObject(row))
    return [{ line, message: 'expected an object {"data": {...}, "meta": {...}, "gold": {...}}' }];
  const problems: ImportRowProblem[] = issues.map((i) => ({
    line,
    message: `${i.path}: ${i.message}`,
  }));
  if (!isObject(row.data) || Object.keys(row.data).length === 0)
    problems.push({ line, message: 'data: required, a non-empty object' });
  else
    for (const i of spansItemIssues(
      config.fields.filter((f) => f.type === 'spans'),
      row.data,
      'data',
    ))
      problems.push({ line, message: `${i.path}: ${i.message}` });
  if (row.meta !== undefined && !isObject(row.meta))
    problems.push({ line, message: 'meta: must be an object' });
  if (
    row.priority !== undefined &&
    (typeof row.priority !== 'number' ||
      !Number.isInteger(row.priority) ||
      Math.abs(row.priority) > 1_000_000)
  )
    problems.push({ line, message: 'priority: must be a whole number (higher is served first)' });
  if (row.qualification !== undefined && typeof row.qualification !== 'boolean')
    problems.push({ line, message: 'qualification: must be true or false' });
  if (row.gold !== undefined && row.gold !== null) {
    for (const issue of validateAnnotationValue(config, row.gold, 'gold', row.data))
      problems.push({ line, message: `${issue.path}: ${issue.message}` });
  } else if (row.qualification === true) {
    problems.push({ line, message: 'qualification: a qualification item needs a gold answer' });
  }
  for (const key of Object.keys(row))
    if (!ROW_KEYS.has(key))
      problems.push({
        line,
        message: `${key}: unknown column (use data, meta, gold, priority, qualification)`,
      });
  return problems;
}
