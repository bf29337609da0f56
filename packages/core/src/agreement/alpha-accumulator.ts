import type { Label } from './rating-table.js';
import {
  addUnit,
  alphaFromCoincidences,
  distanceMatrix,
  type AlphaMetric,
} from './krippendorff-alpha.js';

type Key = string | number;

function defaultKey(value: unknown): Key {
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw new TypeError(
    `value ${JSON.stringify(value)} is neither a string nor a number: pass options.key`,
  );
}

/** Options of {@link AlphaAccumulator}. */
export interface AlphaAccumulatorOptions<V = Label> {
  /** The declared scale in order (needed for ordinal α on non-numeric labels); other values are an error. */
  readonly levels?: readonly V[];
  /** Identity of a value; required for values that are not strings or numbers. */
  readonly key?: (value: V) => Key;
}

/**
 * Krippendorff's α kept live: the coincidence matrix is additive over units, so adding or
 * removing one unit's values costs O(m + d²) for its m values with d distinct labels, whatever
 * the size of the data, and {@link AlphaAccumulator.alpha} costs O(k²) for k labels. After any
 * sequence of adds and removes it equals {@link krippendorffAlpha} of the units present (to
 * rounding; the pairable-value counts are kept as exact integers). To change a unit, remove its
 * old values and add the new ones. Labels keep the declared order, otherwise numbers ascending
 * and other labels by key, as {@link RatingTable} does.
 *
 * @example
 * const live = new AlphaAccumulator();
 * live.add(['a', 'a']); live.add(['b', 'b']); live.add(['a', 'b']);
 * live.alpha('nominal'); // 0.4444444444444444, as krippendorffAlpha of the same three units
 * live.remove(['a', 'b']);
 * live.alpha('nominal'); // 1
 *
 * Reference: K. Krippendorff (2011), Computing Krippendorff's Alpha-Reliability (the coincidence
 * matrix is a sum over units).
 */
export class AlphaAccumulator<V = Label> {
  readonly #key: (value: V) => Key;
  readonly #declared: boolean;
  readonly #index = new Map<Key, number>();
  readonly #levels: V[] = [];
  #capacity: number;
  #matrix: Float64Array;
  #pairable: Float64Array;
  #counts: Float64Array;
  #touched: Int32Array;
  #units = 0;

  constructor(options: AlphaAccumulatorOptions<V> = {}) {
    this.#key = options.key ?? defaultKey;
    this.#declared = options.levels !== undefined;
    for (const level of options.levels ?? []) {
      this.#index.set(this.#key(level), this.#levels.length);
      this.#levels.push(level);
    }
    this.#capacity = Math.max(4, this.#levels.length);
    this.#matrix = new Float64Array(this.#capacity * this.#capacity);
    this.#pairable = new Float64Array(this.#capacity);
    this.#counts = new Float64Array(this.#capacity);
    this.#touched = new Int32Array(this.#capacity);
  }

  /** Number of units with at least two values currently counted. */
  get units(): number {
    return this.#units;
  }

  /** Adds one unit's values (all ratings of one item; a unit with fewer than two values changes nothing). */
  add(values: readonly V[]): void {
    this.#apply(values, 1);
  }

  /** Removes one unit's values that were added before; a RangeError if they were not. */
  remove(values: readonly V[]): void {
    this.#apply(values, -1);
  }

  /** α of the units present; NaN when expected disagreement is zero (as {@link krippendorffAlpha}). */
  alpha(metric: AlphaMetric<V> = 'nominal'): number {
    const { levels, order } = this.#ordered();
    const k = levels.length;
    const c = this.#capacity;
    const matrix = new Float64Array(k * k);
    const marginals = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      marginals[i] = this.#pairable[order[i]!]!;
      for (let j = 0; j < k; j++) matrix[i * k + j] = this.#matrix[order[i]! * c + order[j]!]!;
    }
    return alphaFromCoincidences(matrix, k, distanceMatrix(levels, metric, marginals), marginals);
  }

  #ordered(): { levels: V[]; order: number[] } {
    const order = this.#levels.map((_, i) => i);
    if (!this.#declared) {
      const keys = this.#levels.map((level) => this.#key(level));
      order.sort((a, b) => {
        const x = keys[a]!;
        const y = keys[b]!;
        if (typeof x === 'number' && typeof y === 'number') return x - y;
        return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
      });
    }
    return { levels: order.map((i) => this.#levels[i]!), order };
  }

  #apply(values: readonly V[], sign: 1 | -1): void {
    const m = values.length;
    if (m < 2) return;
    let distinct = 0;
    const indices = new Int32Array(m);
    for (let v = 0; v < m; v++) indices[v] = this.#level(values[v]!, sign);
    const counts = this.#counts;
    const touched =
      this.#touched.length >= m ? this.#touched : (this.#touched = new Int32Array(m * 2));
    for (let v = 0; v < m; v++) {
      const level = indices[v]!;
      if (counts[level] === 0) touched[distinct++] = level;
      counts[level]! += 1;
    }
    let valid = true;
    if (sign < 0) {
      for (let d = 0; d < distinct; d++)
        if (this.#pairable[touched[d]!]! < counts[touched[d]!]!) valid = false;
    }
    if (valid) {
      addUnit(this.#matrix, this.#capacity, m, distinct, touched, counts, sign);
      for (let d = 0; d < distinct; d++)
        this.#pairable[touched[d]!]! += sign * counts[touched[d]!]!;
      this.#units += sign;
    }
    for (let d = 0; d < distinct; d++) counts[touched[d]!] = 0;
    if (!valid) throw new RangeError('remove: these values were never added as a unit');
  }

  #level(value: V, sign: number): number {
    const key = this.#key(value);
    const known = this.#index.get(key);
    if (known !== undefined) return known;
    if (sign < 0) throw new RangeError(`remove: value ${JSON.stringify(key)} was never added`);
    if (this.#declared)
      throw new RangeError(`value ${JSON.stringify(key)} is not on the declared scale`);
    const level = this.#levels.length;
    this.#index.set(key, level);
    this.#levels.push(value);
    if (level >= this.#capacity) this.#grow();
    return level;
  }

  #grow(): void {
    const old = this.#capacity;
    const next = old * 2;
    const matrix = new Float64Array(next * next);
    for (let i = 0; i < old; i++)
      matrix.set(this.#matrix.subarray(i * old, (i + 1) * old), i * next);
    this.#matrix = matrix;
    const pairable = new Float64Array(next);
    pairable.set(this.#pairable);
    this.#pairable = pairable;
    this.#counts = new Float64Array(next);
    this.#capacity = next;
  }
}
