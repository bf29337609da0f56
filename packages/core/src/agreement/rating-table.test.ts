import { RatingTableBuilder, ratingTable, seededRandom } from '@concord/core/agreement';

describe('RatingTableBuilder', () => {
  it('interns items without a map while they arrive sorted, and still finds one that comes back', () => {
    // Sorted by code units, shorter-first (numbered ids) and numerically, then out of order.
    for (const ids of [
      ['a', 'b', 'c'],
      ['9', '10', '11'],
      [2, 10, 11],
    ] as const) {
      const builder = new RatingTableBuilder();
      expect(ids.map((id) => builder.itemIndex(id))).toEqual([0, 1, 2]);
      expect(builder.itemIndex(ids[0])).toBe(0);
      expect(builder.itemIndex(ids[2])).toBe(2);
      expect(builder.itemIndex('new')).toBe(3);
      expect(builder.itemIndex(ids[1])).toBe(1);
    }
  });

  it('builds the same table from indices (addIndexed) as from ids (add), in any rating order', () => {
    const random = seededRandom(7);
    const ratings = Array.from({ length: 2000 }, () => ({
      item: `doc-${Math.floor(random() * 300)}`,
      annotator: `ann-${Math.floor(random() * 6)}`,
      value: ['neg', 'pos', 'neu'][Math.floor(random() * 3)]!,
    }));
    const sorted = [...ratings].sort((x, y) => (x.item < y.item ? -1 : x.item > y.item ? 1 : 0));
    for (const input of [ratings, sorted]) {
      const expected = ratingTable(input);
      const builder = new RatingTableBuilder<string>().reserve(5000);
      for (const { item, annotator, value } of input) {
        builder.addIndexed(
          builder.itemIndex(item),
          builder.annotatorIndex(annotator),
          builder.levelIndex(value),
        );
      }
      expect(builder.build()).toEqual(expected);
      // CSR: item u's ratings at offsets[u] … offsets[u + 1] − 1, in the order they were added.
      const u = expected.items.indexOf(input[0]!.item);
      const first = expected.offsets[u]!;
      expect(expected.annotators[expected.raters[first]!]).toBe(input[0]!.annotator);
      expect(expected.levels[expected.values[first]!]).toBe(input[0]!.value);
    }
  });

  it('rejects an index it did not give, and an id registered but never rated', () => {
    const builder = new RatingTableBuilder<string>();
    const item = builder.itemIndex('doc');
    const annotator = builder.annotatorIndex('ann');
    const level = builder.levelIndex('yes');
    expect(() => builder.addIndexed(item + 1, annotator, level)).toThrow(RangeError);
    expect(() => builder.addIndexed(item, -1, level)).toThrow(RangeError);
    expect(() => builder.addIndexed(item, annotator, 1.5)).toThrow(RangeError);
    builder.addIndexed(item, annotator, level);
    builder.itemIndex('unrated');
    expect(() => builder.build()).toThrow('item "unrated" was registered but has no rating');
    const levels = new RatingTableBuilder<string>().add('doc', 'ann', 'yes');
    levels.levelIndex('no');
    expect(() => levels.build()).toThrow('level "no" was registered but has no rating');
    const declared = new RatingTableBuilder({ levels: ['no', 'yes'] }).add('doc', 'ann', 'yes');
    expect(declared.build().levels).toEqual(['no', 'yes']);
    expect(() => declared.levelIndex('maybe')).toThrow(
      'value "maybe" is not on the declared scale',
    );
  });
});
