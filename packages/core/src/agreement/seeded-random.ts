/**
 * A source of uniform random numbers in [0, 1). Core never calls `Math.random`: statistics that
 * resample or break ties take one of these, so that a run is reproducible from its seed.
 */
export type RandomSource = () => number;

/**
 * A seeded pseudo-random source (mulberry32, Tommy Ettinger's 32-bit generator): the same seed
 * always yields the same sequence. Fast and well spread; not for cryptography.
 *
 * @example
 * const random = seededRandom(42);
 * random(); // 0.6011037519201636, then the same sequence on every run
 *
 * Reference: mulberry32 (public domain), as used in e.g. the `pure-rand` and `seedrandom` families.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, bound) drawn from `random`. */
export function randomInt(random: RandomSource, bound: number): number {
  return Math.min(bound - 1, Math.floor(random() * bound));
}
