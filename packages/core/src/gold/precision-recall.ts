/** Precision, recall and F1 of matched items. */
export interface MatchScore {
  readonly truePositives: number;
  /** Predicted items (an annotator's spans or boxes). */
  readonly predicted: number;
  /** Gold items. */
  readonly gold: number;
  /** truePositives / predicted; 1 when nothing was predicted and nothing was expected, else 0 when nothing was predicted. */
  readonly precision: number;
  /** truePositives / gold; 1 when there is no gold item and nothing was predicted, else 0 when there is no gold item. */
  readonly recall: number;
  /** Harmonic mean of precision and recall (0 when both are 0). */
  readonly f1: number;
}

/** Builds a {@link MatchScore}; an empty prediction against an empty gold scores 1 (nothing to find, nothing wrong). */
export function matchScore(truePositives: number, predicted: number, gold: number): MatchScore {
  if (predicted === 0 && gold === 0)
    return { truePositives, predicted, gold, precision: 1, recall: 1, f1: 1 };
  const precision = predicted > 0 ? truePositives / predicted : 0;
  const recall = gold > 0 ? truePositives / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { truePositives, predicted, gold, precision, recall, f1 };
}
