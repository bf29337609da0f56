import { matchScore, type MatchScore } from './precision-recall.js';
import { greedyMatches } from './span-f1.js';

/** A labelled rectangle on an image, in pixels: top-left corner, width and height. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly label: string;
}

/**
 * Intersection over union of two rectangles (0 when either has no area).
 *
 * @example
 * intersectionOverUnion({ x: 0, y: 0, width: 2, height: 2, label: 'a' }, { x: 1, y: 0, width: 2, height: 2, label: 'a' }); // 0.3333333333333333
 *
 * Reference: M. Everingham et al. (2010), The PASCAL VOC Challenge, IJCV 88:303–338, eq. (1).
 */
export function intersectionOverUnion(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const intersection = w > 0 && h > 0 ? w * h : 0;
  const union = a.width * a.height + b.width * b.height - intersection;
  return union > 0 ? intersection / union : 0;
}

/**
 * Box F1 of an annotator's boxes against the gold boxes: a box is a true positive when it is
 * matched one-to-one (greedily, by descending IoU) to a gold box of the same label with
 * IoU ≥ `threshold` (default 0.5).
 *
 * @example
 * boxF1([{ x: 0, y: 0, width: 10, height: 10, label: 'car' }], [{ x: 1, y: 1, width: 10, height: 10, label: 'car' }]);
 * // IoU = 81 / 119 ≈ 0.68 → { truePositives: 1, precision: 1, recall: 1, f1: 1, … }
 *
 * Reference: M. Everingham et al. (2010), The PASCAL Visual Object Classes (VOC) Challenge,
 * IJCV 88:303–338 (IoU ≥ 0.5, each gold object matched once).
 */
export function boxF1(
  answer: readonly Box[],
  gold: readonly Box[],
  options: { readonly threshold?: number } = {},
): MatchScore {
  const threshold = options.threshold ?? 0.5;
  const candidates: [number, number, number][] = [];
  answer.forEach((a, i) => {
    gold.forEach((g, j) => {
      if (a.label !== g.label) return;
      const iou = intersectionOverUnion(a, g);
      if (iou >= threshold && iou > 0) candidates.push([i, j, iou]);
    });
  });
  return matchScore(
    greedyMatches(candidates, answer.length, gold.length),
    answer.length,
    gold.length,
  );
}
