// What an agreement figure means for the labels, in words a manager can act on. The bands follow
// Krippendorff (2004, Content Analysis, 2nd ed., p. 241): rely on variables with α ≥ .800, draw
// only tentative conclusions from .667 ≤ α < .800, and discard the rest. A project's policy may
// set its own bar in place of .800.

export const TENTATIVE_ALPHA = 0.667;

/** Fewer items with two labels than this, and α is an early reading that can still swing a lot. */
export const MIN_STABLE_UNITS = 10;

export type Reliability = 'reliable' | 'tentative' | 'unreliable' | 'unmeasured';

export interface Verdict {
  readonly reliability: Reliability;
  /** One or two words: "Reliable", "Tentative", … */
  readonly title: string;
  /** What it means and what to do, in a sentence or two. */
  readonly explanation: string;
  /** Measured on so few items that the figure may still move a lot. */
  readonly preliminary: boolean;
}

/** The band of α against the policy's threshold; null α (nothing to compare yet) is unmeasured. */
export function reliabilityOf(alpha: number | null, threshold: number): Reliability {
  if (alpha === null || !Number.isFinite(alpha)) return 'unmeasured';
  if (alpha >= threshold) return 'reliable';
  return alpha >= TENTATIVE_ALPHA ? 'tentative' : 'unreliable';
}

/** "0.742"; "—" without a number. Three decimals, as α is usually reported. */
export function formatAlpha(alpha: number | null | undefined): string {
  if (alpha === null || alpha === undefined || !Number.isFinite(alpha)) return '—';
  // Avoid "-0.000" for a tiny negative value.
  const text = alpha.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}

/** "0.8" or "0.75": a threshold as the policy states it. */
export function formatThreshold(threshold: number): string {
  return String(Math.round(threshold * 1000) / 1000);
}

/** The verdict on one field's α over `units` items with two or more labels. */
export function agreementVerdict(alpha: number | null, units: number, threshold: number): Verdict {
  const reliability = reliabilityOf(alpha, threshold);
  const bar = formatThreshold(threshold);
  const preliminary = reliability !== 'unmeasured' && units < MIN_STABLE_UNITS;
  switch (reliability) {
    case 'unmeasured':
      return {
        reliability,
        title: 'Not measured yet',
        explanation:
          units === 0
            ? 'No item has two labels yet: agreement needs at least two annotators on the same item.'
            : 'The labels so far leave nothing to compare (every item got one value only).',
        preliminary: false,
      };
    case 'reliable':
      return {
        reliability,
        title: 'Reliable',
        explanation: `α is at or above the ${bar} the policy asks for: annotators apply the labels consistently.`,
        preliminary,
      };
    case 'tentative':
      return {
        reliability,
        title: 'Tentative',
        explanation: `α is below the ${bar} bar but at least ${TENTATIVE_ALPHA}: good for tentative conclusions only. Sharpen the decision rule where annotators split most.`,
        preliminary,
      };
    case 'unreliable':
      return {
        reliability,
        title: 'Unreliable',
        explanation: `α is below ${Math.min(TENTATIVE_ALPHA, threshold)}: annotators do not agree enough for these labels to be used. Revise the guidelines or the taxonomy before labelling more.`,
        preliminary,
      };
  }
}
