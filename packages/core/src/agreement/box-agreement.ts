import { boxF1, type Box } from '../gold/box-f1.js';
import type { AnnotatorId, ItemId } from './rating-table.js';

/** One annotator's boxes on one image. */
export interface BoxAnnotation {
  readonly item: ItemId;
  readonly annotator: AnnotatorId;
  readonly boxes: readonly Box[];
}

/**
 * Mean pairwise box F1 between annotators: for every image and every two annotators of it, the
 * F1 of one's boxes against the other's at IoU ≥ `threshold` (default 0.5, same label, one-to-one
 * matching as in {@link boxF1}), averaged over those pairs. NaN when no image has two annotators.
 *
 * @example
 * pairwiseBoxF1([
 *   { item: 'img', annotator: 'a', boxes: [{ x: 0, y: 0, width: 10, height: 10, label: 'car' }] },
 *   { item: 'img', annotator: 'b', boxes: [{ x: 1, y: 1, width: 10, height: 10, label: 'car' }] },
 * ]); // 1 (IoU 0.68)
 *
 * Reference: M. Everingham et al. (2010), The PASCAL VOC Challenge, IJCV 88 (matching at IoU ≥ 0.5);
 * pairwise F1 as agreement: G. Hripcsak & A. S. Rothschild (2005), JAMIA 12(3).
 */
export function pairwiseBoxF1(
  annotations: Iterable<BoxAnnotation>,
  options: { readonly threshold?: number } = {},
): number {
  const byItem = new Map<ItemId, BoxAnnotation[]>();
  for (const annotation of annotations) {
    const list = byItem.get(annotation.item) ?? [];
    list.push(annotation);
    byItem.set(annotation.item, list);
  }
  let sum = 0;
  let pairs = 0;
  for (const list of byItem.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        sum += boxF1(list[i]!.boxes, list[j]!.boxes, options).f1;
        pairs += 1;
      }
    }
  }
  return pairs === 0 ? Number.NaN : sum / pairs;
}
