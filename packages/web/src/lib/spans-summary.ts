// A spans value in words, for the places that show an answer on one line (adjudication, review):
// each span's label, its code-point range and its attributes, in the value's order.

/**
 * "PROBLEM 10–20 (negated); TREATMENT 44–54" ("none" for an empty list).
 *
 * @example
 * formatSpansValue([{ start: 10, end: 20, label: 'PROBLEM', attributes: ['negated'] }]);
 * // 'PROBLEM 10–20 (negated)'
 */
export function formatSpansValue(value: unknown): string {
  if (!Array.isArray(value)) return value === undefined ? '—' : JSON.stringify(value);
  if (value.length === 0) return 'none';
  return value
    .map((raw: unknown) => {
      if (typeof raw !== 'object' || raw === null) return JSON.stringify(raw);
      const { start, end, label, attributes } = raw as Record<string, unknown>;
      const flags =
        Array.isArray(attributes) && attributes.length > 0 ? ` (${attributes.join(', ')})` : '';
      return `${String(label)} ${String(start)}–${String(end)}${flags}`;
    })
    .join('; ');
}
