/**
 * Word tokens and the lexicon the name, place and organisation detectors share: one pass over
 * the text into letter tokens with their shape, and lazily built lookups from the published
 * dictionaries (dictionaries.ts): first-name and surname frequency ranks (1990 US Census),
 * US city names (ZIP database), country names (the Unicode CLDR data inside Node's ICU, via
 * Intl.DisplayNames) and the SCOWL level at which a word is an ordinary English word.
 */
import { englishWords, nameLists, placeLists, type WordLevel } from './dictionaries.js';

export type Shape = 'title' | 'upper' | 'lower' | 'mixed';

export interface Token {
  /** UTF-16 index, inclusive. */
  start: number;
  /** UTF-16 index, exclusive. */
  end: number;
  text: string;
  lower: string;
  shape: Shape;
  /** The first word of a sentence, a line or a field (its capital letter says nothing). */
  sentenceStart: boolean;
}

const UPPER = /^\p{Lu}+$/u;
const TITLE = /^\p{Lu}[\p{Ll}\p{M}]*(?:['’-]\p{L}[\p{Ll}\p{M}]*)*$/u;
const LOWER = /^[\p{Ll}\p{M}'’-]+$/u;
/** Words after which a period does not end a sentence. */
const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'st',
  'sr',
  'jr',
  'mt',
  'ft',
  'no',
  'vs',
  'e',
  'i',
  'g',
]);

function shapeOf(word: string): Shape {
  // ASCII fast path: most clinical words
  let upper = 0;
  let lower = 0;
  let other = 0;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (c !== 39 && c !== 45) other++;
  }
  if (other === 0) {
    if (upper === 0) return 'lower';
    if (lower === 0)
      return word.length > 1 && !/['-]/.test(word) ? 'upper' : upper > 1 ? 'upper' : 'title';
    const first = word.charCodeAt(0);
    if (first >= 65 && first <= 90 && TITLE.test(word)) return 'title';
    return 'mixed';
  }
  return shapeOfUnicode(word);
}

function shapeOfUnicode(word: string): Shape {
  if (LOWER.test(word)) return 'lower';
  if (word.length > 1 && UPPER.test(word)) return 'upper';
  if (TITLE.test(word)) return 'title';
  return 'mixed';
}

const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
/** Per non-ASCII code unit: 1 a letter, 2 a combining mark, 0 neither. */
const letterCache = new Map<number, number>();

/** A letter (or, inside a word, a combining mark): ASCII by comparison, the rest by Unicode class. */
function isLetter(code: number, inside: boolean, text: string, index: number): boolean {
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  let kind = letterCache.get(code);
  if (kind === undefined) {
    // a surrogate pair is tested as its whole code point
    const char = String.fromCodePoint(text.codePointAt(index)!);
    kind = LETTER.test(char) ? 1 : MARK.test(char) ? 2 : 0;
    // a high surrogate's class depends on its pair: only BMP units are remembered
    if (letterCache.size < 10_000 && (code < 0xd800 || code > 0xdfff)) letterCache.set(code, kind);
  }
  return kind === 1 || (inside && kind === 2);
}

/** UTF-16 units of the code point starting with `code` (2 for a high surrogate). */
const width = (code: number): number => (code >= 0xd800 && code <= 0xdbff ? 2 : 1);

/**
 * Words: letters, with inner apostrophes or hyphens (O'Brien, Smith-Jones). A hand-written
 * scanner (the detector's hottest loop): ASCII is compared by code, other letters by class.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previous: Token | undefined;
  let previousEnd = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (!isLetter(code, false, text, i)) {
      i++;
      continue;
    }
    const start = i;
    i += width(code);
    for (;;) {
      while (i < n && isLetter(text.charCodeAt(i), true, text, i)) i += width(text.charCodeAt(i));
      const c = text.charCodeAt(i);
      // an apostrophe or hyphen joins two letter runs
      if (
        (c === 39 || c === 0x2019 || c === 45) &&
        i + 1 < n &&
        isLetter(text.charCodeAt(i + 1), false, text, i + 1)
      ) {
        i += 1 + width(text.charCodeAt(i + 1));
        continue;
      }
      break;
    }
    const word = text.slice(start, i);
    let sentenceStart = previous === undefined;
    let period = false;
    if (!sentenceStart)
      for (let k = previousEnd; k < start; k++) {
        const g = text.charCodeAt(k);
        // ! ? ; : newline • * >
        if (
          g === 33 ||
          g === 63 ||
          g === 59 ||
          g === 58 ||
          g === 10 ||
          g === 0x2022 ||
          g === 42 ||
          g === 62
        ) {
          sentenceStart = true;
          break;
        }
        if (g === 46) period = true;
      }
    if (!sentenceStart && period)
      sentenceStart = !(
        previous &&
        (previous.text.length === 1 || ABBREVIATIONS.has(previous.lower)) &&
        /^\.\s*$/.test(text.slice(previousEnd, start))
      );
    const token: Token = {
      start,
      end: i,
      text: word,
      lower: word.toLowerCase(),
      shape: shapeOf(word),
      sentenceStart,
    };
    tokens.push(token);
    previous = token;
    previousEnd = i;
  }
  return tokens;
}

/**
 * True when the text is written in one case (many nursing notes are all capitals; chat text
 * may be all lower case): a capital letter is then no cue to a name.
 */
export function isCaselessText(tokens: readonly Token[]): boolean {
  let upper = 0;
  let other = 0;
  let capitalisedInside = 0;
  let lowerInside = 0;
  for (const t of tokens) {
    if (t.text.length < 2) continue;
    if (t.shape === 'upper') upper++;
    else other++;
    if (!t.sentenceStart) {
      if (t.shape === 'lower') lowerInside++;
      else capitalisedInside++;
    }
  }
  return (upper >= 3 && upper > 2 * other) || (capitalisedInside === 0 && lowerInside >= 3);
}

export interface Lexicon {
  /** Frequency rank (0 = most common) among first names of either sex. */
  readonly firstRank: ReadonlyMap<string, number>;
  readonly female: ReadonlySet<string>;
  readonly surnameRank: ReadonlyMap<string, number>;
  /** Lowest SCOWL level at which the lower-case word is an English word. */
  readonly wordLevel: ReadonlyMap<string, WordLevel>;
  /** Lower-case US city names, one or more words. */
  readonly cities: ReadonlySet<string>;
  /** Lower-case country names (CLDR English). */
  readonly countries: ReadonlySet<string>;
  /** Lower-case US state names and their postal abbreviations. */
  readonly states: ReadonlySet<string>;
  /** First words of the city and country names (a quick test before the phrase lookups). */
  readonly placeFirstWords: ReadonlySet<string>;
  /** The leading words of the multi-word city and country names ("new", "salt lake"). */
  readonly placePrefixes: ReadonlySet<string>;
}

let lexicon: Lexicon | undefined;

const LEVELS: readonly WordLevel[] = [10, 20, 35, 40, 50, 55, 60, 70];

function countryNames(): Set<string> {
  const names = new Set<string>();
  const display = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      let name: string | undefined;
      try {
        name = display.of(code);
      } catch {
        name = undefined;
      }
      if (name && name !== code && !/unknown/i.test(name)) names.add(name.toLowerCase());
    }
  return names;
}

export function getLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const names = nameLists();
  const firstRank = new Map<string, number>();
  const female = new Set<string>();
  for (const list of [names.male, names.female])
    list.forEach((name, rank) => {
      const lower = name.toLowerCase();
      if (list === names.female) female.add(lower);
      if (!firstRank.has(lower) || firstRank.get(lower)! > rank) firstRank.set(lower, rank);
    });
  const surnameRank = new Map<string, number>();
  names.surnames.forEach((name, rank) => {
    const lower = name.toLowerCase();
    if (!surnameRank.has(lower)) surnameRank.set(lower, rank);
  });
  const wordLevel = new Map<string, WordLevel>();
  for (const level of LEVELS)
    for (const word of englishWords(level)) if (!wordLevel.has(word)) wordLevel.set(word, level);
  const places = placeLists();
  const cities = new Set(places.cities.map((c) => c.toLowerCase()));
  const states = new Set<string>();
  for (const z of places.zips) states.add(z.state.toLowerCase());
  const countries = countryNames();
  const placeFirstWords = new Set<string>();
  const placePrefixes = new Set<string>();
  for (const name of [...cities, ...countries]) {
    const words = name.split(' ');
    placeFirstWords.add(words[0]!);
    for (let k = 1; k < words.length; k++) placePrefixes.add(words.slice(0, k).join(' '));
  }
  lexicon = {
    firstRank,
    female,
    surnameRank,
    wordLevel,
    cities,
    countries,
    states,
    placeFirstWords,
    placePrefixes,
  };
  return lexicon;
}
