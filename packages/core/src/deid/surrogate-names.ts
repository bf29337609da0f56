/*
 * Person-name surrogates, token by token: each given name and surname is replaced on its own,
 * keyed by its role and normalised spelling, so "John Smith", "JOHN SMITH", "Smith, John" and a
 * later "Mr. Smith" share the surrogate surname, and "J." stays an initial. A given name is
 * replaced by a given name of the same sex in the 1990 US Census lists (dictionaries.ts); one
 * found in both lists takes the sex under which it is more common.
 */
import { nameLists } from './dictionaries.js';
import {
  applyCase,
  KeyedRandom,
  letterCase,
  normaliseIdentifier,
  type SecretKey,
} from './surrogate-random.js';

export type NameRole = 'given' | 'surname';

/** Name tokens' roles learnt from the full names of one record (see learnNameRoles). */
export type NameRoles = Map<string, NameRole>;

/**
 * What one record's names show: each word's role, and for each initial the given name it
 * abbreviates ("John Smith" … "J. Smith": j → john), so the initial becomes the initial of
 * that given name's surrogate.
 */
export interface NameContext {
  readonly roles: NameRoles;
  readonly initials: Map<string, string>;
}

export function newNameContext(): NameContext {
  return { roles: new Map(), initials: new Map() };
}

/**
 * Kept as written: titles, honorifics and suffixes, and the words joining two names ("John and
 * Mary Smith"), which say nothing about who it is.
 */
const KEPT = new Set(
  'dr mr mrs ms miss mx prof professor doctor sir madam nurse rn md np phd jr sr ii iii iv and or of'.split(
    ' ',
  ),
);
/** Surname particles, kept only in lower case ("van der Berg"): "Le", "Du" are surnames too. */
const PARTICLES = new Set('van von de der den del della la le da di du dos das bin ibn'.split(' '));

/** How many of the most frequent names surrogates are drawn from (rarer names look odd). */
const DRAWN = { male: 1000, female: 2000, surnames: 5000 } as const;

interface NameIndex {
  male: Map<string, number>;
  female: Map<string, number>;
  surnames: Map<string, number>;
  maleCount: number;
  femaleCount: number;
  surnameCount: number;
}

let index: NameIndex | undefined;

function nameIndex(): NameIndex {
  if (!index) {
    const lists = nameLists();
    const ranks = (list: readonly string[]) =>
      new Map(list.map((name, rank) => [name.toLowerCase(), rank]));
    index = {
      male: ranks(lists.male),
      female: ranks(lists.female),
      surnames: ranks(lists.surnames),
      maleCount: lists.male.length,
      femaleCount: lists.female.length,
      surnameCount: lists.surnames.length,
    };
  }
  return index;
}

/**
 * How common a name is in a list, as the share of people a Zipf distribution over the list's
 * ranks gives it: 1 / (rank × ln size). The lists are ordered by frequency but carry no counts;
 * Zipf's law fits name frequencies well enough to tell "Grace" (a common given name, a rare
 * surname) from "Taylor" (the reverse). Each sex is half the people, hence the 1/2 for given
 * names.
 */
function share(ranks: Map<string, number>, count: number, name: string): number {
  const rank = ranks.get(name);
  return rank === undefined ? 0 : 1 / ((rank + 1) * Math.log(count));
}

/** Whether a lone name token reads as a given name (John) rather than a surname (Taylor). */
function looksGiven(token: string): boolean {
  const n = nameIndex();
  const given =
    Math.max(share(n.male, n.maleCount, token), share(n.female, n.femaleCount, token)) / 2;
  return given > share(n.surnames, n.surnameCount, token);
}

interface Word {
  text: string;
  start: number;
}

const WORD = /[\p{L}][\p{L}'’-]*\.?/gu;

function words(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index }));
}

const bare = (word: string) => word.replace(/\.$/, '');
const isInitial = (word: string) => /^\p{L}\.?$/u.test(word);
const isKept = (word: string) => KEPT.has(bare(word).toLowerCase()) || PARTICLES.has(bare(word));

/** The role of each name word of a detected person span (kept words and initials: none). */
function classify(text: string, roles: NameRoles): Map<Word, NameRole | 'initial'> {
  const result = new Map<Word, NameRole | 'initial'>();
  const name = words(text).filter((w) => !isKept(w.text));
  for (const w of name) if (isInitial(w.text)) result.set(w, 'initial');
  const full = name.filter((w) => !isInitial(w.text));
  const comma = text.indexOf(',');
  if (comma > 0 && full.some((w) => w.start < comma) && full.some((w) => w.start > comma)) {
    // "Smith, John A.": surname first
    for (const w of full) result.set(w, w.start < comma ? 'surname' : 'given');
  } else if (full.length === 1 && name.length === 1) {
    const w = full[0]!;
    const key = normaliseIdentifier(w.text);
    result.set(w, roles.get(key) ?? (looksGiven(key) ? 'given' : 'surname'));
  } else if (full.length >= 1) {
    // "John Smith", "J. Smith", "John A. Smith": the last word is the surname
    const last = full[full.length - 1]!;
    for (const w of full) result.set(w, w === last ? 'surname' : 'given');
  }
  return result;
}

/**
 * Records the roles the words of a full name show ("John Smith": john given, smith surname),
 * so that a lone "Smith" elsewhere in the same record is treated as the surname it is.
 */
export function learnNameRoles(text: string, names: NameContext): void {
  const classified = classify(text, new Map());
  const named = [...classified].filter(([, role]) => role !== 'initial');
  if (named.length < 2) return;
  let first = true;
  for (const [word, role] of named)
    if (role !== 'initial') {
      const key = normaliseIdentifier(word.text);
      if (!names.roles.has(key)) names.roles.set(key, role);
      if (role === 'given' && first && key !== '' && !names.initials.has(key[0]!))
        names.initials.set(key[0]!, key);
      if (role === 'given') first = false;
    }
}

let pools:
  { male: readonly string[]; female: readonly string[]; surnames: readonly string[] } | undefined;

const TITLE_BEFORE = /\b(?:dr|mr|mrs|ms|miss|mx|prof|doctor)\.?\s*$/i;

/**
 * Records what the words around a detected name show: "Dr. Young", "Mrs. Rose": a lone word
 * after a title is a surname. `before` is the text just before the name.
 */
export function learnNameRoleFromContext(text: string, before: string, names: NameContext): void {
  const name = words(text).filter((w) => !isKept(w.text));
  const word = name[0];
  if (name.length !== 1 || !word || isInitial(word.text)) return;
  // the title may be outside the span ("Dr. [Young]") or inside it ("[Dr. Young]")
  if (!TITLE_BEFORE.test(before + text.slice(0, word.start))) return;
  const key = normaliseIdentifier(word.text);
  if (!names.roles.has(key)) names.roles.set(key, 'surname');
}

function drawList(token: string, role: NameRole, random: KeyedRandom): readonly string[] {
  if (!pools) {
    const lists = nameLists();
    pools = {
      male: lists.male.slice(0, DRAWN.male),
      female: lists.female.slice(0, DRAWN.female),
      surnames: lists.surnames.slice(0, DRAWN.surnames),
    };
  }
  if (role === 'surname') return pools.surnames;
  const n = nameIndex();
  const male = share(n.male, n.maleCount, token);
  const female = share(n.female, n.femaleCount, token);
  const sex =
    male > female ? 'male' : female > male ? 'female' : random.below(2) ? 'male' : 'female';
  return sex === 'male' ? pools.male : pools.female;
}

/** The surrogate of one name token (lower case), never the token itself. */
function tokenSurrogate(secret: SecretKey, token: string, role: NameRole): string {
  const random = new KeyedRandom(secret, `PERSON:${role}\0${token}`);
  const list = drawList(token, role, random);
  for (;;) {
    const candidate = random.pick(list).toLowerCase();
    if (normaliseIdentifier(candidate) !== token) return candidate;
  }
}

/**
 * The surrogate of a word that is a name in the Census lists ("john" in "john.smith@…"), as the
 * record's names would replace it, in lower case; undefined for any other word.
 */
export function nameWordSurrogate(
  secret: SecretKey,
  word: string,
  names: NameContext,
): string | undefined {
  const n = nameIndex();
  const key = normaliseIdentifier(word);
  if (key.length < 2 || !(n.male.has(key) || n.female.has(key) || n.surnames.has(key)))
    return undefined;
  return tokenSurrogate(
    secret,
    key,
    names.roles.get(key) ?? (looksGiven(key) ? 'given' : 'surname'),
  );
}

function initialSurrogate(secret: SecretKey, letter: string): string {
  const random = new KeyedRandom(secret, `PERSON:initial\0${letter.toLowerCase()}`);
  for (;;) {
    const candidate = String.fromCharCode(97 + random.below(26));
    if (candidate !== letter.toLowerCase()) return candidate;
  }
}

function replaceWord(secret: SecretKey, word: string, role: NameRole): string {
  const dot = word.endsWith('.') ? '.' : '';
  const core = bare(word);
  // a possessive stays possessive; the parts of "Smith-Jones" are surnames of their own
  const possessive = /['’]s$/i.exec(core)?.[0] ?? '';
  const name = possessive ? core.slice(0, -2) : core;
  const form = letterCase(name);
  const replaced = name
    .split('-')
    .map((part) => {
      const key = normaliseIdentifier(part);
      if (key === '') return part;
      const partForm = letterCase(part);
      return applyCase(
        tokenSurrogate(secret, key, role),
        partForm === 'mixed' ? (form === 'mixed' ? 'title' : form) : partForm,
      );
    })
    .join('-');
  return replaced + possessive + dot;
}

/**
 * The surrogate of a detected person name, in the original's form (letter case, order,
 * initials, titles and punctuation).
 *
 * @example personSurrogate(secret, 'SMITH, JOHN', roles) // e.g. 'HARPER, DAVID'
 */
export function personSurrogate(secret: SecretKey, text: string, names: NameContext): string {
  const classified = classify(text, names.roles);
  // an initial beside a full word ("J. Smith") may stand for a given name the record spells out
  const withName = [...classified.values()].some((role) => role !== 'initial');
  let result = '';
  let at = 0;
  for (const [word, role] of [...classified].sort(([a], [b]) => a.start - b.start)) {
    result += text.slice(at, word.start);
    if (role === 'initial') {
      const given = withName ? names.initials.get(word.text[0]!.toLowerCase()) : undefined;
      const letter = given
        ? tokenSurrogate(secret, given, 'given')[0]!
        : initialSurrogate(secret, word.text[0]!);
      result +=
        (letterCase(word.text[0]!) === 'lower' ? letter : letter.toUpperCase()) +
        word.text.slice(1);
    } else result += replaceWord(secret, word.text, role);
    at = word.start + word.text.length;
  }
  return result + text.slice(at);
}
