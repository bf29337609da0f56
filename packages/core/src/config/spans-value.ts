import type { ValueIssue } from './annotation-value.js';
import { codePointLength, spanSourceText, type SpansField, type SpanValue } from './spans-field.js';

/** Most spans one annotation may hold for one field. */
export const MAX_SPANS = 10_000;

const SPAN_KEYS = ['start', 'end', 'label', 'attributes'];

const describe = (s: SpanValue) => `${s.label} ${s.start}–${s.end}`;

/**
 * Checks a spans value (not missing: the caller handles absent and empty values) against its
 * field and, when given, the item's data: each span `{start, end, label, attributes?}` with
 * whole-number code-point offsets, 0 ≤ start < end ≤ the text's length, a label of the field,
 * attributes of the field without repeats; the list sorted by start then longest first, no span
 * given twice, and overlaps only as the field's `overlap` allows. Without item data the offsets
 * are not checked against the text.
 *
 * @example
 * validateSpansValue(field, [{ start: 0, end: 412, label: 'PROBLEM' }], { text: '…400 characters…' }, 'value.entities');
 * // [{ path: 'value.entities[0].end', message: '412 is past the end of the text (400 characters)' }]
 */
export function validateSpansValue(
  field: SpansField,
  value: unknown,
  itemData: unknown,
  path: string,
): ValueIssue[] {
  const issues: ValueIssue[] = [];
  if (!Array.isArray(value))
    return [{ path, message: 'must be a list of spans {start, end, label, attributes?}' }];
  if (value.length > MAX_SPANS)
    return [{ path, message: `has ${value.length} spans; at most ${MAX_SPANS} are allowed` }];
  let length: number | null = null;
  if (itemData !== undefined) {
    const text = spanSourceText(field, itemData);
    if (text === null)
      return [{ path, message: `the item has no text at data.${field.source} to mark spans in` }];
    length = codePointLength(text);
  }
  const labels = field.labels.map((l) => l.value);
  const allowedLabels = new Set(labels);
  const allowedAttributes = new Set(field.attributes);
  /** The well-formed spans, with their index in the list. */
  const valid: { span: SpanValue; index: number }[] = [];
  value.forEach((raw: unknown, i) => {
    const at = `${path}[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return void issues.push({
        path: at,
        message: 'must be an object {start, end, label, attributes?}',
      });
    const span = raw as Record<string, unknown>;
    const before = issues.length;
    const { start, end, label, attributes } = span;
    const startOk = typeof start === 'number' && Number.isInteger(start) && start >= 0;
    if (!startOk)
      issues.push({ path: `${at}.start`, message: 'must be a whole number of at least 0' });
    if (typeof end !== 'number' || !Number.isInteger(end))
      issues.push({ path: `${at}.end`, message: 'must be a whole number' });
    else if (startOk && end <= start)
      issues.push({ path: `${at}.end`, message: `must be greater than start (${start})` });
    else if (length !== null && end > length)
      issues.push({
        path: `${at}.end`,
        message: `${end} is past the end of the text (${length} characters)`,
      });
    if (typeof label !== 'string' || !allowedLabels.has(label))
      issues.push({
        path: `${at}.label`,
        message: `${typeof label === 'string' ? `"${label}"` : 'must be a label; it'} is not one of the labels (${labels.join(', ')})`,
      });
    if (attributes !== undefined) {
      if (!Array.isArray(attributes))
        issues.push({ path: `${at}.attributes`, message: 'must be a list of attribute names' });
      else {
        const seen = new Set<unknown>();
        attributes.forEach((a: unknown, j) => {
          if (typeof a !== 'string' || !allowedAttributes.has(a))
            issues.push({
              path: `${at}.attributes[${j}]`,
              message:
                field.attributes.length === 0
                  ? 'this field has no attributes'
                  : `"${String(a)}" is not an attribute of this field (${field.attributes.join(', ')})`,
            });
          else if (seen.has(a))
            issues.push({ path: `${at}.attributes[${j}]`, message: `"${a}" is given twice` });
          seen.add(a);
        });
      }
    }
    for (const key of Object.keys(span))
      if (!SPAN_KEYS.includes(key))
        issues.push({
          path: `${at}.${key}`,
          message: `unknown key (a span has ${SPAN_KEYS.join(', ')})`,
        });
    if (issues.length === before) valid.push({ span: span as unknown as SpanValue, index: i });
  });
  checkOrderAndOverlap(field, valid, path, issues);
  return issues;
}

function checkOrderAndOverlap(
  field: SpansField,
  valid: readonly { span: SpanValue; index: number }[],
  path: string,
  issues: ValueIssue[],
): void {
  for (let k = 1; k < valid.length; k++) {
    const prev = valid[k - 1]!;
    const cur = valid[k]!;
    if (
      cur.span.start < prev.span.start ||
      (cur.span.start === prev.span.start && cur.span.end > prev.span.end)
    ) {
      issues.push({
        path: `${path}[${cur.index}]`,
        message: `out of order: spans are sorted by start, then longest first (${describe(cur.span)} comes after ${describe(prev.span)})`,
      });
      return; // overlaps are checked on a sorted list: sort first
    }
  }
  const seen = new Map<string, number>();
  for (const { span, index } of valid) {
    const key = `${span.start}:${span.end}:${span.label}`;
    const first = seen.get(key);
    if (first !== undefined)
      issues.push({
        path: `${path}[${index}]`,
        message: `the same span as ${path}[${first}] (${describe(span)})`,
      });
    else seen.set(key, index);
  }
  if (field.overlap === 'any') return;
  if (field.overlap === 'none') {
    for (let k = 1; k < valid.length; k++) {
      const prev = valid[k - 1]!;
      const cur = valid[k]!;
      if (cur.span.start < prev.span.end)
        issues.push({
          path: `${path}[${cur.index}]`,
          message: `overlaps ${path}[${prev.index}] (${describe(cur.span)} and ${describe(prev.span)}); this field does not allow overlapping spans`,
        });
    }
    return;
  }
  // nested: with spans sorted by start then longest first, the open spans form a stack; a span
  // crosses the innermost open one when it ends after it.
  const open: { span: SpanValue; index: number }[] = [];
  for (const cur of valid) {
    while (open.length > 0 && open[open.length - 1]!.span.end <= cur.span.start) open.pop();
    const top = open[open.length - 1];
    if (top && cur.span.end > top.span.end) {
      issues.push({
        path: `${path}[${cur.index}]`,
        message: `crosses ${path}[${top.index}] (${describe(cur.span)} and ${describe(top.span)}); spans may be nested but may not cross`,
      });
      continue;
    }
    open.push(cur);
  }
}

/**
 * Problems of an item's data for the spans fields of a project: each field's `data[source]`
 * must be a string (the text its spans mark). Checked at import.
 *
 * @example
 * spansItemIssues([{ name: 'entities', source: 'note' }], { text: '…' }, 'data');
 * // [{ path: 'data.note', message: 'required: the text the spans field "entities" marks' }]
 */
export function spansItemIssues(
  fields: readonly Pick<SpansField, 'name' | 'source'>[],
  data: unknown,
  path: string,
): ValueIssue[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  const issues: ValueIssue[] = [];
  for (const field of fields) {
    const text = (data as Record<string, unknown>)[field.source];
    if (typeof text !== 'string')
      issues.push({
        path: `${path}.${field.source}`,
        message: `${text === undefined ? 'required' : 'must be a string'}: the text the spans field "${field.name}" marks`,
      });
  }
  return issues;
}
