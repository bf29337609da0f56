import { textTokens, tokenSpans } from '../agreement/span-agreement.js';
import {
  compareSpans,
  spanSourceText,
  spanText,
  type SpansField,
  type SpanValue,
} from '../config/spans-field.js';
import { spansOf } from '../config/spans-gold.js';
import type { SnapshotEntry } from './training-records.js';

/*
 * Span exports of a snapshot: JSON lines with code-point offsets into the annotated text, and
 * CoNLL/BIO token tags. Only decided items are exported (their final spans).
 */

/** One exported span: code-point offsets [start, end) into `text`. */
export interface ExportedSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly attributes: readonly string[];
}

/** One line of a spans export. */
export interface SpansRecord {
  readonly id: string;
  readonly text: string;
  readonly spans: readonly ExportedSpan[];
  /** Each counted annotator's own spans (anonymous, in no particular order). */
  readonly annotators: readonly { readonly spans: readonly ExportedSpan[] }[];
}

const exported = (spans: readonly SpanValue[]): ExportedSpan[] =>
  [...spans].sort(compareSpans).map((s) => ({
    start: s.start,
    end: s.end,
    label: s.label,
    attributes: [...(s.attributes ?? [])].sort(),
  }));

/**
 * The spans record of a snapshot entry, or null when the item has no final value or no text.
 *
 * @example
 * spansRecord(field, { itemId: 'itm_1', data: { text: 'No fever' }, final: { entities: [{ start: 3, end: 8, label: 'PROBLEM', attributes: ['negated'] }] }, annotations: [] });
 * // { id: 'itm_1', text: 'No fever', spans: [{ start: 3, end: 8, label: 'PROBLEM', attributes: ['negated'] }], annotators: [] }
 */
export function spansRecord(
  field: Pick<SpansField, 'name' | 'source'>,
  entry: SnapshotEntry,
): SpansRecord | null {
  const text = spanSourceText(field, entry.data);
  if (entry.final === null || text === null) return null;
  return {
    id: entry.itemId,
    text,
    spans: exported(spansOf(entry.final[field.name])),
    annotators: entry.annotations.map((a) => ({ spans: exported(spansOf(a[field.name])) })),
  };
}

/**
 * Spans that do not overlap, for one tag per token: the longest span wins where spans nest or
 * overlap (then the earlier one, then the label's order); a span overlapping a kept one is
 * dropped whole.
 *
 * @example
 * outermostSpans([{ start: 0, end: 10, label: 'PROBLEM' }, { start: 4, end: 8, label: 'DRUG' }]);
 * // [{ start: 0, end: 10, label: 'PROBLEM' }]
 */
export function outermostSpans<S extends SpanValue>(spans: readonly S[]): S[] {
  const kept: S[] = [];
  const byLength = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || compareSpans(a, b),
  );
  for (const s of byLength) if (!kept.some((k) => k.start < s.end && s.start < k.end)) kept.push(s);
  return kept.sort(compareSpans);
}

/**
 * One CoNLL document: a `# id = <id>` line, then one `token<TAB>tag` line per word or
 * punctuation token of the text ({@link textTokens}), tags in the BIO scheme (`B-LABEL` on a
 * span's first token, `I-LABEL` on the next ones, `O` outside), then an empty line. Nested or
 * overlapping spans are flattened to the outermost (longest) one ({@link outermostSpans}); a
 * token goes to the span covering most of it. Attributes are not part of CoNLL.
 *
 * @example
 * conllDocument('itm_1', 'No fever.', [{ start: 3, end: 8, label: 'PROBLEM' }]);
 * // '# id = itm_1\nNo\tO\nfever\tB-PROBLEM\n.\tO\n\n'
 *
 * Reference: the IOB2 tags of E. F. Tjong Kim Sang & J. Veenstra (1999), Representing text
 * chunks, EACL; file layout as in the CoNLL-2003 shared task.
 */
export function conllDocument(id: string, text: string, spans: readonly SpanValue[]): string {
  const flat = outermostSpans(spans);
  let out = `# id = ${id.replace(/[\r\n]+/g, ' ')}\n`;
  const tokens = textTokens(text);
  const chosen = tokenSpans(flat, tokens);
  tokens.forEach((token, t) => {
    const i = chosen[t]!;
    const tag = i < 0 ? 'O' : `${t > 0 && chosen[t - 1] === i ? 'I' : 'B'}-${flat[i]!.label}`;
    out += `${spanText(text, token)}\t${tag}\n`;
  });
  return `${out}\n`;
}

/** The CoNLL document of a snapshot entry's final spans, or '' without a final value or text. */
export function conllRecord(
  field: Pick<SpansField, 'name' | 'source'>,
  entry: SnapshotEntry,
): string {
  const text = spanSourceText(field, entry.data);
  if (entry.final === null || text === null) return '';
  return conllDocument(entry.itemId, text, spansOf(entry.final[field.name]));
}
