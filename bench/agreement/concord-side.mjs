// Concord's side of the agreement bench: the built packages, exactly as a user calls them.
//
// "read" is the CLI's streaming reader (long CSV → RatingTable); "compute" is a statistic on a
// RatingTable already in memory (median of the repeats after the first call; the first call, JIT
// warm-up included, is kept for end-to-end).

import { performance } from 'node:perf_hooks';
import {
  annotatorAgreementMatrix,
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
} from '@concord/core/agreement';
import { readRatings } from '../../packages/cli/dist/ratings/read-ratings.js';

/**
 * NLTK `multi_kappa()` (Davies & Fleiss 1982, as NLTK implements it for complete data):
 * (mean pairwise Aₒ − mean pairwise Aₑ) / (1 − mean pairwise Aₑ), where Aₑ of a pair is
 * Σₖ pₐ(k)·p_b(k) from each annotator's own label distribution. Concord has no function for it;
 * the bench builds it from `annotatorAgreementMatrix` (pairwise Aₒ) and each annotator's label
 * counts read off the RatingTable.
 */
function daviesFleissKappa(table) {
  const matrix = annotatorAgreementMatrix(table);
  const annotators = table.annotators.length;
  const levels = table.levels.length;
  const counts = new Float64Array(annotators * levels);
  const rated = new Float64Array(annotators);
  for (let r = 0; r < table.values.length; r++) {
    counts[table.raters[r] * levels + table.values[r]] += 1;
    rated[table.raters[r]] += 1;
  }
  let observed = 0;
  let expected = 0;
  for (const pair of matrix.pairs) {
    const a = table.annotators.indexOf(pair.a);
    const b = table.annotators.indexOf(pair.b);
    let chance = 0;
    for (let k = 0; k < levels; k++) {
      chance += (counts[a * levels + k] / rated[a]) * (counts[b * levels + k] / rated[b]);
    }
    observed += pair.agreement;
    expected += chance;
  }
  observed /= matrix.pairs.length;
  expected /= matrix.pairs.length;
  return (observed - expected) / (1 - expected);
}

/** NLTK `kappa()`: the plain mean of the pairwise Cohen κ (Light's κ). */
function meanPairwiseKappa(table) {
  const { pairs } = annotatorAgreementMatrix(table);
  return pairs.reduce((sum, pair) => sum + pair.kappa, 0) / pairs.length;
}

/** What Concord computes for each comparison id; `pair` names the two annotators for Cohen's κ. */
export function concordStatistics(pair) {
  const annotators = pair;
  return {
    'cohen-unweighted': (table) => cohenKappa(table, { annotators }),
    'cohen-linear': (table) => cohenKappa(table, { annotators, weights: 'linear' }),
    'cohen-quadratic': (table) => cohenKappa(table, { annotators, weights: 'quadratic' }),
    fleiss: (table) => fleissKappa(table),
    'nltk-alpha': (table) => krippendorffAlpha(table, 'nominal'),
    'nltk-kappa': meanPairwiseKappa,
    'nltk-multi-kappa': daviesFleissKappa,
    'nltk-pi': (table) => fleissKappa(table),
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Reads each file once with `readRatings`, then times the statistics asked of it.
 * `jobs` is `[{ file, ids: [comparison id, …] }]`; returns one result per (file, id).
 */
export async function measureConcord(jobs, { pair, repeats, log }) {
  const statistics = concordStatistics(pair);
  const results = [];
  for (const { file, ids } of jobs) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const { table, ratings } = await readRatings(file);
    const readSeconds = (performance.now() - start) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    const readCpuSeconds = (user + system) / 1e6;
    log(
      `Concord readRatings: ${ratings.toLocaleString('en')} ratings of ${table.items.length.toLocaleString('en')} items in ${readSeconds.toFixed(2)} s (${file})`,
    );
    for (const id of ids) {
      const compute = statistics[id];
      const times = [];
      let value = Number.NaN;
      for (let run = 0; run < Math.max(2, repeats + 1); run++) {
        const begin = performance.now();
        value = compute(table);
        times.push((performance.now() - begin) / 1000);
      }
      const [first, ...warm] = times;
      results.push({
        id,
        file,
        items: table.items.length,
        value,
        read_s: readSeconds,
        read_cpu_s: readCpuSeconds,
        first_s: first,
        compute_s: median(warm),
      });
      log(
        `Concord ${id}: ${value} in ${median(warm).toFixed(4)} s (first call ${first.toFixed(4)} s)`,
      );
    }
  }
  return results;
}
