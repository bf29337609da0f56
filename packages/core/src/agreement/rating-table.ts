/**
 * The one input shape of Concord's agreement and aggregation statistics: every rating an
 * annotator gave an item, stored unit-major on dense integer indices (compressed rows), so
 * the statistics run over typed arrays and never over objects or strings.
 */

/** A label an annotator gave: a category name, or a number on a scale. */
export type Label = string | number;
/** The id of an item (a unit of analysis). */
export type ItemId = string | number;
/** The id of an annotator (a coder, rater, observer). */
export type AnnotatorId = string | number;

/** One rating: `annotator` gave `item` the `value`. A `null`/`undefined` value is missing and skipped. */
export interface Rating<V = Label> {
  readonly item: ItemId;
  readonly annotator: AnnotatorId;
  readonly value: V | null | undefined;
}

/**
 * Ratings grouped by item. The ratings of item `u` (an index into `items`) sit at positions
 * `offsets[u]` to `offsets[u + 1] - 1` of `values` (an index into `levels`) and `raters` (an
 * index into `annotators`), in the order they were added. Every item has at least one rating.
 * Repeated ratings of one annotator on one item are all kept; each statistic documents how it
 * counts them.
 */
export interface RatingTable<V = Label> {
  readonly items: readonly ItemId[];
  readonly annotators: readonly AnnotatorId[];
  /**
   * The scale, in order: the declared levels when the table was built with `levels`, otherwise
   * the observed values sorted (numbers ascending; other values by their key, in code-unit order).
   */
  readonly levels: readonly V[];
  /** Whether `levels` is a declared scale (possibly with levels nobody used) or the observed values. */
  readonly declaredScale: boolean;
  readonly offsets: Int32Array;
  readonly values: Int32Array;
  readonly raters: Int32Array;
}

/** How a table is built. */
export interface RatingTableOptions<V = Label> {
  /**
   * The declared scale, in order (ordinal statistics use this order). A value outside it is an
   * error. Without it, the levels are the observed values, sorted.
   */
  readonly levels?: readonly V[];
  /** Identity of a value; required for values that are not strings or numbers (e.g. label sets). */
  readonly key?: (value: V) => string | number;
}

type Key = string | number;

function defaultKey(value: unknown): Key {
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw new TypeError(
    `rating value ${JSON.stringify(value)} is neither a string nor a number: pass options.key to say how values are compared`,
  );
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Collects ratings one at a time (e.g. while streaming a file) and builds a {@link RatingTable}.
 *
 * @example
 * const builder = new RatingTableBuilder();
 * builder.add('doc-1', 'ann', 'spam').add('doc-1', 'bob', 'ham');
 * builder.build().levels; // ['ham', 'spam']
 *
 * Reference: the long ("tidy") layout of H. Wickham (2014), Tidy data, Journal of Statistical
 * Software 59(10), stored as compressed rows (CSR) by item.
 */
export class RatingTableBuilder<V = Label> {
  readonly #key: (value: V) => Key;
  readonly #declared: boolean;
  readonly #items = new Map<ItemId, number>();
  readonly #annotators = new Map<AnnotatorId, number>();
  readonly #levelIndex = new Map<Key, number>();
  readonly #levels: V[] = [];
  #itemOf = new Int32Array(1024);
  #raterOf = new Int32Array(1024);
  #valueOf = new Int32Array(1024);
  #size = 0;

  constructor(options: RatingTableOptions<V> = {}) {
    this.#key = options.key ?? defaultKey;
    this.#declared = options.levels !== undefined;
    for (const level of options.levels ?? []) {
      const key = this.#key(level);
      if (this.#levelIndex.has(key))
        throw new RangeError(`levels: ${JSON.stringify(key)} is declared twice`);
      this.#levelIndex.set(key, this.#levels.length);
      this.#levels.push(level);
    }
  }

  /** Number of ratings added so far (missing values excluded). */
  get size(): number {
    return this.#size;
  }

  /** Adds one rating; a `null` or `undefined` value is missing and ignored. */
  add(item: ItemId, annotator: AnnotatorId, value: V | null | undefined): this {
    if (value === null || value === undefined) return this;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new RangeError(`value ${value} of item ${JSON.stringify(item)} is not a finite number`);
    }
    const key = this.#key(value);
    let level = this.#levelIndex.get(key);
    if (level === undefined) {
      if (this.#declared) {
        throw new RangeError(
          `value ${JSON.stringify(key)} of item ${JSON.stringify(item)} is not on the declared scale`,
        );
      }
      level = this.#levels.length;
      this.#levelIndex.set(key, level);
      this.#levels.push(value);
    }
    let itemIndex = this.#items.get(item);
    if (itemIndex === undefined) {
      itemIndex = this.#items.size;
      this.#items.set(item, itemIndex);
    }
    let annotatorIndex = this.#annotators.get(annotator);
    if (annotatorIndex === undefined) {
      annotatorIndex = this.#annotators.size;
      this.#annotators.set(annotator, annotatorIndex);
    }
    if (this.#size === this.#itemOf.length) this.#grow();
    this.#itemOf[this.#size] = itemIndex;
    this.#raterOf[this.#size] = annotatorIndex;
    this.#valueOf[this.#size] = level;
    this.#size += 1;
    return this;
  }

  /** Builds the immutable table (the builder may go on collecting afterwards). */
  build(): RatingTable<V> {
    const size = this.#size;
    let levels: V[] = this.#levels.slice();
    let remap: Int32Array | null = null;
    if (!this.#declared) {
      const keys = levels.map((level) => this.#key(level));
      const order = keys
        .map((_, i) => i)
        .sort((a, b) => compareKeys(keys[a] as Key, keys[b] as Key));
      remap = new Int32Array(levels.length);
      order.forEach((oldIndex, newIndex) => {
        (remap as Int32Array)[oldIndex] = newIndex;
      });
      levels = order.map((i) => levels[i] as V);
    }
    const itemCount = this.#items.size;
    const offsets = new Int32Array(itemCount + 1);
    for (let r = 0; r < size; r++) offsets[this.#itemOf[r]! + 1]! += 1;
    for (let u = 0; u < itemCount; u++) offsets[u + 1]! += offsets[u]!;
    const cursor = offsets.slice(0, itemCount);
    const values = new Int32Array(size);
    const raters = new Int32Array(size);
    for (let r = 0; r < size; r++) {
      const u = this.#itemOf[r] as number;
      const at = cursor[u] as number;
      cursor[u] = at + 1;
      const value = this.#valueOf[r] as number;
      values[at] = remap === null ? value : (remap[value] as number);
      raters[at] = this.#raterOf[r] as number;
    }
    return Object.freeze({
      items: Object.freeze([...this.#items.keys()]),
      annotators: Object.freeze([...this.#annotators.keys()]),
      levels: Object.freeze(levels),
      declaredScale: this.#declared,
      offsets,
      values,
      raters,
    });
  }

  #grow(): void {
    const grow = (array: Int32Array): Int32Array<ArrayBuffer> => {
      const next = new Int32Array(array.length * 2);
      next.set(array);
      return next;
    };
    this.#itemOf = grow(this.#itemOf);
    this.#raterOf = grow(this.#raterOf);
    this.#valueOf = grow(this.#valueOf);
  }
}

/**
 * Builds a {@link RatingTable} from long-form ratings (`{ item, annotator, value }`).
 *
 * @example
 * const table = ratingTable([
 *   { item: 1, annotator: 'a', value: 'yes' },
 *   { item: 1, annotator: 'b', value: 'no' },
 * ]);
 * table.items; // [1]; table.levels: ['no', 'yes']
 *
 * Reference: H. Wickham (2014), Tidy data, Journal of Statistical Software 59(10) (long layout).
 */
export function ratingTable<V = Label>(
  ratings: Iterable<Rating<V>>,
  options: RatingTableOptions<V> = {},
): RatingTable<V> {
  const builder = new RatingTableBuilder<V>(options);
  for (const rating of ratings) builder.add(rating.item, rating.annotator, rating.value);
  return builder.build();
}

/** Options of {@link ratingTableFromWide}. */
export interface WideTableOptions<V = Label> extends RatingTableOptions<V> {
  /** Names of the columns; defaults to their positions 0, 1, … */
  readonly annotators?: readonly AnnotatorId[];
  /** Names of the rows; defaults to their positions 0, 1, … */
  readonly items?: readonly ItemId[];
}

/**
 * Builds a {@link RatingTable} from a wide table: a row per item, a column per annotator,
 * `null`/`undefined` for a missing rating. A row with no rating at all is not an item of the table.
 *
 * @example
 * ratingTableFromWide([[1, 1], [2, null]], { annotators: ['a', 'b'] }).items; // [0, 1]
 *
 * Reference: the units × observers reliability data matrix of K. Krippendorff (2011), Computing
 * Krippendorff's Alpha-Reliability (here transposed: a row per unit), as R irr's input.
 */
export function ratingTableFromWide<V = Label>(
  rows: readonly (readonly (V | null | undefined)[])[],
  options: WideTableOptions<V> = {},
): RatingTable<V> {
  const builder = new RatingTableBuilder<V>(options);
  rows.forEach((row, i) => {
    const item = options.items?.[i] ?? i;
    row.forEach((value, j) => {
      builder.add(item, options.annotators?.[j] ?? j, value);
    });
  });
  return builder.build();
}

/**
 * The numeric value of each level, or `null` when some level is not a number (interval and
 * ratio statistics need numbers).
 *
 * @example
 * numericLevels(ratingTableFromWide([[3, 1]])); // Float64Array [1, 3]
 *
 * Reference: Krippendorff (2011), the interval and ratio metrics, which use the values themselves.
 */
export function numericLevels<V>(table: Pick<RatingTable<V>, 'levels'>): Float64Array | null {
  const out = new Float64Array(table.levels.length);
  for (let i = 0; i < table.levels.length; i++) {
    const level = table.levels[i];
    if (typeof level !== 'number') return null;
    out[i] = level;
  }
  return out;
}

/** The index of an annotator in the table, or a RangeError naming the unknown annotator. */
export function annotatorIndex<V>(table: RatingTable<V>, annotator: AnnotatorId): number {
  const index = table.annotators.indexOf(annotator);
  if (index < 0)
    throw new RangeError(`annotator ${JSON.stringify(annotator)} has no rating in this table`);
  return index;
}
