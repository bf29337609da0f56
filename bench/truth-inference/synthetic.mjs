// Seeded synthetic crowd for the scale test: items with a true class drawn from skewed priors,
// each labelled by distinct annotators drawn at random, each annotator answering through their own
// confusion matrix (accuracy between 0.55 and 0.95, errors spread unevenly over the other classes).
// A pure function of its arguments: the same seed gives the same table and truth.

import { RatingTableBuilder, seededRandom } from '@concord/core/agreement';

/** Draws from a discrete distribution given as cumulative probabilities. */
function draw(random, cumulative, offset, length) {
  const x = random();
  for (let i = 0; i < length - 1; i++) if (x < cumulative[offset + i]) return i;
  return length - 1;
}

/**
 * `{ table, truth }`: a RatingTable of `items × perItem` ratings from `annotators` annotators over
 * `classes` classes, and the true class index of every item (in table order).
 */
export function syntheticCrowd({ items, perItem, annotators, classes, seed }) {
  const random = seededRandom(seed);
  const priors = Array.from({ length: classes }, (_, c) => 1 / (c + 1));
  const priorSum = priors.reduce((s, p) => s + p, 0);
  const priorCumulative = new Float64Array(classes);
  priors.reduce((s, p, c) => (priorCumulative[c] = s + p / priorSum), 0);
  // Per annotator and true class: the cumulative answer distribution.
  const confusion = new Float64Array(annotators * classes * classes);
  for (let j = 0; j < annotators; j++) {
    const accuracy = 0.55 + 0.4 * random();
    for (let c = 0; c < classes; c++) {
      const row = (j * classes + c) * classes;
      const weights = Array.from({ length: classes }, (_, l) => (l === c ? 0 : random() + 0.05));
      const rest = weights.reduce((s, w) => s + w, 0);
      let cumulative = 0;
      for (let l = 0; l < classes; l++) {
        cumulative += l === c ? accuracy : ((1 - accuracy) * weights[l]) / rest;
        confusion[row + l] = cumulative;
      }
    }
  }
  const levels = Array.from({ length: classes }, (_, c) => c);
  const builder = new RatingTableBuilder({ levels });
  const truth = new Int32Array(items);
  const chosen = new Int32Array(perItem);
  for (let u = 0; u < items; u++) {
    const t = draw(random, priorCumulative, 0, classes);
    truth[u] = t;
    for (let m = 0; m < perItem; m++) {
      let j;
      do j = Math.floor(random() * annotators);
      while (chosen.subarray(0, m).includes(j));
      chosen[m] = j;
      builder.add(u, j, draw(random, confusion, (j * classes + t) * classes, classes));
    }
  }
  return { table: builder.build(), truth };
}
