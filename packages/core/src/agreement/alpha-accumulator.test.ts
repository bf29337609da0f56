import {
  AlphaAccumulator,
  krippendorffAlpha,
  ratingTable,
  seededRandom,
  type Rating,
} from '@concord/core/agreement';

const metrics = ['nominal', 'ordinal', 'interval', 'ratio'] as const;

describe('AlphaAccumulator', () => {
  it('equals batch alpha after random adds and removes (property test, seeded PRNG)', () => {
    const random = seededRandom(20240611);
    for (let trial = 0; trial < 40; trial++) {
      const live = new AlphaAccumulator<number>();
      const present = new Map<number, number[]>();
      const levels = 2 + Math.floor(random() * 6);
      for (let step = 0; step < 200; step++) {
        const unit = Math.floor(random() * 60);
        const old = present.get(unit);
        if (old !== undefined && random() < 0.4) {
          live.remove(old);
          present.delete(unit);
        } else if (old === undefined) {
          const size = 1 + Math.floor(random() * 5);
          const values = Array.from({ length: size }, () => 1 + Math.floor(random() * levels));
          live.add(values);
          present.set(unit, values);
        }
      }
      const ratings: Rating<number>[] = [];
      for (const [item, values] of present)
        values.forEach((value, annotator) => ratings.push({ item, annotator, value }));
      const table = ratingTable(ratings);
      for (const metric of metrics) {
        const batch = krippendorffAlpha(table, metric);
        if (Number.isNaN(batch)) expect(live.alpha(metric)).toBeNaN();
        else expect(live.alpha(metric)).toBeCloseTo(batch, 9);
      }
    }
  });

  it('gives the values of the JSDoc example and counts only pairable units', () => {
    const live = new AlphaAccumulator();
    live.add(['a', 'a']);
    live.add(['b', 'b']);
    live.add(['a', 'b']);
    live.add(['c']);
    expect(live.units).toBe(3);
    expect(live.alpha()).toBeCloseTo(4 / 9, 15);
    live.remove(['a', 'b']);
    expect(live.alpha()).toBe(1);
  });

  it('refuses to remove values that were never added, and leaves its state unchanged', () => {
    const live = new AlphaAccumulator();
    live.add(['a', 'b']);
    expect(() => live.remove(['a', 'a'])).toThrow(RangeError);
    expect(() => live.remove(['z', 'a'])).toThrow(RangeError);
    expect(live.units).toBe(1);
  });

  it('refuses labels off a declared scale', () => {
    const live = new AlphaAccumulator({ levels: ['low', 'high'] });
    expect(() => live.add(['low', 'mid'])).toThrow(/declared scale/);
  });
});
