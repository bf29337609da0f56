import type { Label, RatingTable } from './rating-table.js';

/**
 * Visits each item with the number of its ratings per level. `levels[0..distinct)` lists the
 * levels the item used and `counts[level]` their counts; both are scratch space reused for the
 * next item, so a visitor must not keep them. Costs O(ratings) in all.
 */
export function forEachUnit<V = Label>(
  table: RatingTable<V>,
  visit: (
    item: number,
    ratings: number,
    distinct: number,
    levels: Int32Array,
    counts: Float64Array,
  ) => void,
): void {
  const { offsets, values } = table;
  const counts = new Float64Array(table.levels.length);
  const levels = new Int32Array(table.levels.length);
  for (let u = 0; u + 1 < offsets.length; u++) {
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    let distinct = 0;
    for (let r = start; r < end; r++) {
      const level = values[r]!;
      if (counts[level] === 0) levels[distinct++] = level;
      counts[level]! += 1;
    }
    visit(u, end - start, distinct, levels, counts);
    for (let d = 0; d < distinct; d++) counts[levels[d]!] = 0;
  }
}
