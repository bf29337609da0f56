import { krippendorffAlpha } from './krippendorff-alpha.js';
import { RatingTableBuilder, type AnnotatorId, type ItemId } from './rating-table.js';

/** One annotator's label set on one item (a multi-choice answer). */
export interface LabelSetRating {
  readonly item: ItemId;
  readonly annotator: AnnotatorId;
  readonly labels: readonly (string | number)[];
}

/**
 * Krippendorff's α per label for multi-label answers: for each label, every answer becomes a
 * binary value (the label chosen or not) and α nominal is computed on those. Labels in `labels`
 * that nobody chose are included (their α is NaN: zero expected disagreement). Returns labels in
 * first-seen order (declared ones first).
 *
 * @example
 * perLabelAlpha([
 *   { item: 1, annotator: 'a', labels: ['x'] }, { item: 1, annotator: 'b', labels: ['x', 'y'] },
 *   { item: 2, annotator: 'a', labels: [] }, { item: 2, annotator: 'b', labels: ['y'] },
 * ]).get('x'); // 1 (everyone agrees on x), while 'y' splits
 *
 * Reference: K. Krippendorff (2004), Content Analysis, §11.3 (binary α); per-label reliability of
 * multi-label coding as in R. Passonneau (2006), LREC.
 */
export function perLabelAlpha(
  ratings: Iterable<LabelSetRating>,
  options: { readonly labels?: readonly (string | number)[] } = {},
): Map<string | number, number> {
  const all = [...ratings];
  const labels = new Set<string | number>(options.labels ?? []);
  for (const rating of all) for (const label of rating.labels) labels.add(label);
  const result = new Map<string | number, number>();
  for (const label of labels) {
    const builder = new RatingTableBuilder<number>({ levels: [0, 1] });
    for (const rating of all)
      builder.add(rating.item, rating.annotator, rating.labels.includes(label) ? 1 : 0);
    result.set(label, krippendorffAlpha(builder.build(), 'nominal'));
  }
  return result;
}
