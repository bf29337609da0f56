import { validateLlmFieldValue } from './llm-field-value.js';
import type { FieldConfig, ProjectConfig } from './project-config.js';
import { validateSpansValue } from './spans-value.js';

/** A problem with a submitted value, located by path (`value.sentiment`). */
export interface ValueIssue {
  readonly path: string;
  readonly message: string;
}

/** What an annotator submits: one entry per field name. */
export type AnnotationValue = Readonly<Record<string, unknown>>;

function checkField(
  field: FieldConfig,
  value: unknown,
  path: string,
  issues: ValueIssue[],
  itemData: unknown,
): void {
  if (field.type === 'pairwise' || field.type === 'ranking' || field.type === 'steps') {
    issues.push(...validateLlmFieldValue(field, value, itemData, path));
    return;
  }
  const missing =
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0);
  if (missing) {
    if (field.required) issues.push({ path, message: 'required' });
    return;
  }
  switch (field.type) {
    case 'choice': {
      const allowed = new Set(field.labels.map((l) => l.value));
      if (field.multiple) {
        if (!Array.isArray(value))
          return void issues.push({ path, message: 'must be a list of labels' });
        const seen = new Set<unknown>();
        value.forEach((v, i) => {
          if (typeof v !== 'string' || !allowed.has(v))
            issues.push({
              path: `${path}[${i}]`,
              message: `"${String(v)}" is not one of the labels (${[...allowed].join(', ')})`,
            });
          else if (seen.has(v))
            issues.push({ path: `${path}[${i}]`, message: `"${v}" is given twice` });
          seen.add(v);
        });
      } else if (typeof value !== 'string' || !allowed.has(value)) {
        issues.push({ path, message: `must be one of ${[...allowed].join(', ')}` });
      }
      return;
    }
    case 'rating': {
      const checkScore = (score: unknown, at: string) => {
        if (
          typeof score !== 'number' ||
          !Number.isInteger(score) ||
          score < field.min ||
          score > field.max
        ) {
          issues.push({
            path: at,
            message: `must be a whole number from ${field.min} to ${field.max}`,
          });
        }
      };
      if (field.dimensions && field.dimensions.length > 0) {
        if (typeof value !== 'object' || Array.isArray(value))
          return void issues.push({
            path,
            message: `must be an object with a score for each of ${field.dimensions.join(', ')}`,
          });
        const scores = value as Record<string, unknown>;
        for (const dimension of field.dimensions) {
          if (scores[dimension] === undefined || scores[dimension] === null) {
            if (field.required) issues.push({ path: `${path}.${dimension}`, message: 'required' });
          } else checkScore(scores[dimension], `${path}.${dimension}`);
        }
        for (const key of Object.keys(scores))
          if (!field.dimensions.includes(key))
            issues.push({ path: `${path}.${key}`, message: 'is not a dimension of this field' });
      } else checkScore(value, path);
      return;
    }
    case 'spans':
      issues.push(...validateSpansValue(field, value, itemData, path));
      return;
    case 'text': {
      if (typeof value !== 'string') return void issues.push({ path, message: 'must be text' });
      const length = [...value].length;
      if (length < field.minLength)
        issues.push({
          path,
          message: `must be at least ${field.minLength} characters (has ${length})`,
        });
      if (length > field.maxLength)
        issues.push({
          path,
          message: `must be at most ${field.maxLength} characters (has ${length})`,
        });
      return;
    }
  }
}

/**
 * Checks an annotation value against the project's config: every required field present, every
 * value of the right type and within the field's labels or scale, no unknown fields.
 *
 * @example
 * validateAnnotationValue({ fields: [{ name: 'sentiment', type: 'choice', labels: [{ value: 'pos' }, { value: 'neg' }], multiple: false, required: true }] }, { sentiment: 'meh' });
 * // [{ path: 'value.sentiment', message: 'must be one of pos, neg' }]
 */
export function validateAnnotationValue(
  config: ProjectConfig,
  value: unknown,
  prefix = 'value',
  /**
   * The item's data: rankings and step labels are checked against its responses and steps, span
   * offsets against the length of its text.
   */
  itemData?: unknown,
): ValueIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [{ path: prefix, message: 'must be an object with one entry per field' }];
  const issues: ValueIssue[] = [];
  const record = value as Record<string, unknown>;
  for (const field of config.fields)
    checkField(field, record[field.name], `${prefix}.${field.name}`, issues, itemData);
  const known = new Set(config.fields.map((f) => f.name));
  for (const key of Object.keys(record))
    if (!known.has(key))
      issues.push({
        path: `${prefix}.${key}`,
        message: `is not a field of this project (fields: ${[...known].join(', ')})`,
      });
  return issues;
}
