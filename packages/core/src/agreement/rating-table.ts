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

/** Orders in which item ids may arrive sorted: by code units, shorter first, numeric. */
const LEXICAL = 1;
const SHORTER_FIRST = 2;
const NUMERIC = 4;
const ALL_ORDERS = LEXICAL | SHORTER_FIRST | NUMERIC;

/** The orders in which `next` sorts strictly after `previous`. */
function ordersAfter(previous: ItemId, next: ItemId): number {
  if (typeof previous === 'number' && typeof next === 'number')
    return next > previous ? NUMERIC : 0;
  if (typeof previous !== 'string' || typeof next !== 'string') return 0;
  const lexical = next > previous ? LEXICAL : 0;
  const shorterFirst =
    next.length > previous.length || (next.length === previous.length && lexical !== 0)
      ? SHORTER_FIRST
      : 0;
  return lexical | shorterFirst;
}

/**
 * Collects ratings one at a time (e.g. while streaming a file) and builds a {@link RatingTable}.
 * Consecutive ratings of one item (item-major exports) cost one comparison to intern, not a map
 * lookup. A reader that interns ids itself can register them with {@link itemIndex},
 * {@link annotatorIndex} and {@link levelIndex} and add ratings by index with {@link addIndexed}.
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
  /** Items in order of registration. */
  readonly #items: ItemId[] = [];
  /** Index by item; null while every new item has sorted after the previous one (see itemIndex). */
  #itemIndex: Map<ItemId, number> | null = null;
  #ascending = ALL_ORDERS;
  readonly #annotators = new Map<AnnotatorId, number>();
  #annotatorCount = 0;
  readonly #levelIndex = new Map<Key, number>();
  readonly #levels: V[] = [];
  #itemOf = new Int32Array(1024);
  #raterOf = new Int32Array(1024);
  #valueOf = new Int32Array(1024);
  #size = 0;
  // The item of the previous lookup: exports are usually item-major, so most lookups repeat it.
  #lastItem: ItemId | undefined = undefined;
  #lastItemIndex = -1;

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

  /**
   * Makes room for `ratings` ratings in all, so that a caller who can estimate the count (a reader
   * that knows the file size) spares the copies of growing by doubling. Only a hint.
   */
  reserve(ratings: number): this {
    if (ratings > this.#itemOf.length) this.#grow(Math.min(Math.ceil(ratings), 2 ** 31 - 1));
    return this;
  }

  /** Adds one rating; a `null` or `undefined` value is missing and ignored. */
  add(item: ItemId, annotator: AnnotatorId, value: V | null | undefined): this {
    if (value === null || value === undefined) return this;
    const level = this.#level(value, item);
    return this.addIndexed(this.itemIndex(item), this.annotatorIndex(annotator), level);
  }

  /**
   * The index of an item, registering it when new (items are numbered in order of
   * registration). Register an item only to rate it: {@link build} rejects an item with no rating.
   */
  itemIndex(item: ItemId): number {
    if (item === this.#lastItem) return this.#lastItemIndex;
    let index: number | undefined;
    if (this.#itemIndex === null) {
      // While the items so far increase in some order and this one comes after the last of them
      // in that order, it is new: sorted exports intern without a map. Otherwise, build the map.
      const orders =
        this.#items.length === 0
          ? ALL_ORDERS
          : this.#ascending & ordersAfter(this.#lastItem!, item);
      if (orders !== 0) {
        this.#ascending = orders;
        index = this.#items.length;
        this.#items.push(item);
      } else {
        this.#itemIndex = new Map(this.#items.map((known, i) => [known, i]));
      }
    }
    if (index === undefined) {
      index = this.#itemIndex!.get(item);
      if (index === undefined) {
        index = this.#items.length;
        this.#items.push(item);
        this.#itemIndex!.set(item, index);
      }
    }
    this.#lastItem = item;
    this.#lastItemIndex = index;
    return index;
  }

  /** The index of an annotator, registering them when new; as {@link itemIndex}. */
  annotatorIndex(annotator: AnnotatorId): number {
    let index = this.#annotators.get(annotator);
    if (index === undefined) {
      index = this.#annotatorCount++;
      this.#annotators.set(annotator, index);
    }
    return index;
  }

  /**
   * The index of a value among the levels in order of registration (declared levels first),
   * registering it when new; a RangeError for a value off the declared scale or a non-finite
   * number. {@link build} renumbers observed levels in sorted order.
   */
  levelIndex(value: V): number {
    return this.#level(value, undefined);
  }

  /** Adds one rating by the indices {@link itemIndex}, {@link annotatorIndex} and {@link levelIndex} gave. */
  addIndexed(item: number, annotator: number, level: number): this {
    if (
      !(item >= 0 && item < this.#items.length) ||
      !(annotator >= 0 && annotator < this.#annotatorCount) ||
      !(level >= 0 && level < this.#levels.length)
    ) {
      throw new RangeError(
        `addIndexed(${item}, ${annotator}, ${level}): an index was not given by this builder`,
      );
    }
    if (this.#size === this.#itemOf.length) this.#grow();
    this.#itemOf[this.#size] = item;
    this.#raterOf[this.#size] = annotator;
    this.#valueOf[this.#size] = level;
    this.#size += 1;
    return this;
  }

  #level(value: V, item: ItemId | undefined): number {
    const of = item === undefined ? '' : ` of item ${JSON.stringify(item)}`;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new RangeError(`value ${value}${of} is not a finite number`);
    }
    const key = this.#key(value);
    let level = this.#levelIndex.get(key);
    if (level === undefined) {
      if (this.#declared) {
        throw new RangeError(`value ${JSON.stringify(key)}${of} is not on the declared scale`);
      }
      level = this.#levels.length;
      this.#levelIndex.set(key, level);
      this.#levels.push(value);
    }
    return level;
  }

  /**
   * Builds the immutable table (the builder may go on collecting afterwards). A RangeError when an
   * item, annotator or observed level was registered but never rated.
   */
  build(): RatingTable<V> {
    const size = this.#size;
    const itemOf = this.#itemOf;
    const raterOf = this.#raterOf;
    const valueOf = this.#valueOf;
    const itemCount = this.#items.length;
    const offsets = new Int32Array(itemCount + 1);
    const rated = new Uint8Array(this.#annotatorCount);
    const used = new Uint8Array(this.#levels.length);
    let itemMajor = true; // ratings already grouped by item in item order: no scatter needed
    for (let r = 0; r < size; r++) {
      const u = itemOf[r]!;
      offsets[u + 1]! += 1;
      rated[raterOf[r]!] = 1;
      used[valueOf[r]!] = 1;
      if (r > 0 && u < itemOf[r - 1]!) itemMajor = false;
    }
    const unrated = (flags: Uint8Array, ids: Iterable<unknown>, what: string) => {
      const index = flags.indexOf(0);
      if (index >= 0) {
        const id = [...ids][index];
        throw new RangeError(`${what} ${JSON.stringify(id)} was registered but has no rating`);
      }
    };
    unrated(rated, this.#annotators.keys(), 'annotator');
    if (!this.#declared) unrated(used, this.#levels, 'level');
    let levels: V[] = this.#levels.slice();
    let remap: Int32Array | null = null;
    if (!this.#declared) {
      const keys = levels.map((level) => this.#key(level));
      const order = keys
        .map((_, i) => i)
        .sort((a, b) => compareKeys(keys[a] as Key, keys[b] as Key));
      if (order.some((oldIndex, newIndex) => oldIndex !== newIndex)) {
        remap = new Int32Array(levels.length);
        order.forEach((oldIndex, newIndex) => {
          (remap as Int32Array)[oldIndex] = newIndex;
        });
        levels = order.map((i) => levels[i] as V);
      }
    }
    for (let u = 0; u < itemCount; u++) {
      if (offsets[u + 1] === 0) {
        const id = this.#items[u];
        throw new RangeError(`item ${JSON.stringify(id)} was registered but has no rating`);
      }
      offsets[u + 1]! += offsets[u]!;
    }
    let values: Int32Array<ArrayBuffer>;
    let raters: Int32Array<ArrayBuffer>;
    if (itemMajor) {
      values = valueOf.slice(0, size);
      raters = raterOf.slice(0, size);
      if (remap !== null) for (let r = 0; r < size; r++) values[r] = remap[values[r]!]!;
    } else {
      const cursor = offsets.slice(0, itemCount);
      values = new Int32Array(size);
      raters = new Int32Array(size);
      for (let r = 0; r < size; r++) {
        const u = itemOf[r]!;
        const at = cursor[u]!;
        cursor[u] = at + 1;
        const value = valueOf[r]!;
        values[at] = remap === null ? value : remap[value]!;
        raters[at] = raterOf[r]!;
      }
    }
    return Object.freeze({
      items: Object.freeze(this.#items.slice()),
      annotators: Object.freeze([...this.#annotators.keys()]),
      levels: Object.freeze(levels),
      declaredScale: this.#declared,
      offsets,
      values,
      raters,
    });
  }

  #grow(capacity = this.#itemOf.length * 2): void {
    const grow = (array: Int32Array): Int32Array<ArrayBuffer> => {
      const next = new Int32Array(capacity);
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
