import {
  alphaOfState,
  applyUnit,
  emptyCoincidenceState,
  krippendorffAlpha,
  ratingTable,
  seededRandom,
  type Rating,
} from '@concord/core/agreement';

describe('coincidence state (live α)', () => {
  it('after random adds, changes and removes equals batch α (nominal and interval)', () => {
    const random = seededRandom(7);
    const levels = [1, 2, 3, 4, 5];
    const units = new Map<number, number[]>();
    const state = emptyCoincidenceState(levels);
    for (let step = 0; step < 400; step++) {
      const unit = Math.floor(random() * 60);
      const old = units.get(unit);
      if (old) applyUnit(state, old, -1);
      if (random() < 0.15) {
        units.delete(unit);
        continue;
      }
      const m = 1 + Math.floor(random() * 4);
      const values = Array.from({ length: m }, () => levels[Math.floor(random() * 5)]!);
      units.set(unit, values);
      applyUnit(state, values, 1);
    }
    const ratings: Rating<number>[] = [...units].flatMap(([item, values]) =>
      values.map((value, i) => ({ item, annotator: i, value })),
    );
    const table = ratingTable(ratings, { levels });
    expect(alphaOfState(state, 'nominal')).toBeCloseTo(krippendorffAlpha(table, 'nominal'), 10);
    expect(alphaOfState(state, 'interval')).toBeCloseTo(krippendorffAlpha(table, 'interval'), 10);
    expect(state.units).toBe([...units.values()].filter((v) => v.length >= 2).length);
  });

  it('refuses a value off the declared scale', () => {
    expect(() => applyUnit(emptyCoincidenceState(['a', 'b']), ['a', 'c'], 1)).toThrow(
      /not on the declared scale/,
    );
  });
});
