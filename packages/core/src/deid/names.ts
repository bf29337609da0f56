/**
 * PERSON: dictionary lookup (1990 US Census first names and surnames, by frequency) weighed
 * against how common the same word is in English (SCOWL level), context rules (titles, "seen
 * by", "spoke with", family words, credentials after the name, "Name:"), "Lastname, Firstname",
 * initials, and the text's case: in a note written all in capitals a capital letter is no cue,
 * so there only dictionary names count, and ambiguous ones (ROSE, PAT, BOWMAN, WILL) need context.
 */
import type { RawSpan } from './detectors.js';
import type { Lexicon, Token } from './context.js';

/** Words before a name that make it one (lower case, single tokens). */
const TITLES = new Set([
  'dr',
  'doctor',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'prof',
  'professor',
  'sr',
  'sister',
  'nurse',
  'attending',
  'dear',
]);
/** Relatives and roles: "wife Mary", "daughter, Pat", "HCP Ann Lee". */
const RELATIONS = new Set([
  'wife',
  'husband',
  'daughter',
  'son',
  'brother',
  'mother',
  'father',
  'mom',
  'dad',
  'friend',
  'niece',
  'nephew',
  'grandson',
  'granddaughter',
  'grandmother',
  'grandfather',
  'aunt',
  'uncle',
  'cousin',
  'partner',
  'fiance',
  'fiancee',
  'fiancé',
  'boyfriend',
  'girlfriend',
  'neighbor',
  'neighbour',
  'hcp',
  'proxy',
  'guardian',
  'sibling',
  'stepson',
  'stepdaughter',
  'caregiver',
  'pcp',
  'resident',
  'fellow',
  'intern',
  'nurse',
  'np',
  'rn',
  'pa',
  'md',
  'physician',
  'surgeon',
  'cardiologist',
  'oncologist',
  'neurologist',
  'therapist',
  'worker',
  'chaplain',
  'interpreter',
  'named',
  'called',
  'says',
  'said',
  'hi',
  'hello',
  'thanks',
  'name',
  'signed',
  'by',
  'with',
  'per',
  'to',
  'from',
  'and',
  'cc',
  'contact',
  'patient',
  'pt',
  'ms',
  'spoke',
  'paged',
  'notified',
  'informed',
  'aware',
  'starring',
  'founders',
  'user',
  'me',
  'add',
  'given',
  'kid',
  'is',
  'i’m',
  "i'm",
  'am',
]);
/** Of RELATIONS, those that need the next word to look like a name already. */
const WEAK = new Set([
  'by',
  'with',
  'per',
  'to',
  'from',
  'and',
  'is',
  'am',
  'me',
  'add',
  'given',
  'kid',
  'called',
  'notified',
  'informed',
  'aware',
  'patient',
  'pt',
  'contact',
  'cc',
  'user',
  'resident',
  'fellow',
  'nurse',
  'worker',
  'spoke',
  'paged',
]);
/** Verbs before "by", "with", "to", "from" that make the next name a person's. */
const VERBS_BEFORE =
  /^(?:seen|evaluated|examined|spoke|spoken|speak|talked|talk|discussed|met|visited|accompanied|introduced|married|engaged|said|explained|gave|given|sent|wrote|written|reported|signed|call|calls|called|message|letter|note|email|visit|heard|referred|followed|treated|consulted|operated|performed|dictated|reviewed|ordered|cosigned)$/;
/** Verbs after a name that make it a person's: "Alvir spent a year", "Enrico shouted". */
const PERSON_VERB_AFTER =
  /^(?:['’]s[ ]+(?:wife|husband|son|daughter|mother|father|killers?|song|novel|friend)\b|[ ]+(?:lives|lived|spent|shouted|said|says|began|told|asked|wrote|died|married|works|worked|visited|smiled|laughed|replied|answered|whispered|cried|is very|was very|will be talking)\b)/;
/** Credentials after a name: "Ann Lee, RN", "J. Smith MD". */
const CREDENTIAL =
  /^,?[ ]?(?:M\.?D\.?|R\.?N\.?|N\.?P\.?|P\.?A\.?(?:-C)?|D\.?O\.?|Ph\.?D\.?|LPN|CNA|MSW|LICSW|LCSW|DDS|CRNA|RPh|PharmD|RRT|PT|OTR|MPH|BSN|FNP|ANP)\b/;
/**
 * Clinical abbreviations and calendar words that are also Census names, and words that are
 * names far more rarely than they are something else in a note (a rule list, not data).
 */
const NOT_NAMES = new Set([
  'mae',
  'foley',
  'levo',
  'vanc',
  'heme',
  'neuro',
  'bun',
  'hct',
  'rehab',
  'cath',
  'stat',
  'prn',
  'tid',
  'bid',
  'qid',
  'npo',
  'iv',
  'po',
  'ed',
  'er',
  'or',
  'ct',
  'cr',
  'ck',
  'pt',
  'ot',
  'sat',
  'sats',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'god',
  'lord',
  'jesus',
  'christ',
  'christmas',
  'easter',
  'dr',
  'mr',
  'mrs',
  'ms',
  'mx',
  'prof',
  'miss',
  'sir',
  'madam',
]);
/** Function words never inside a name, even after a title. */
const FUNCTION_WORDS = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'by',
  'with',
  'from',
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'has',
  'had',
  'have',
  'will',
  'who',
  'that',
  'this',
  'his',
  'her',
  'their',
  'he',
  'she',
  'they',
  'it',
  'as',
  'but',
  'not',
  'no',
  'yes',
  'if',
  'so',
  'called',
  'aware',
  'notified',
  'here',
  'there',
  'today',
  'made',
  'in',
]);

export interface TokenInfo {
  first: boolean;
  surname: boolean;
  /** A Census name that is also a common English word or a clinical term. */
  ambiguous: boolean;
  /** Not in any list and not an English word: a proper noun of unknown kind. */
  unknown: boolean;
  /** An English word that is not a name. */
  word: boolean;
  /** Lowest SCOWL level of the word, if it is one. */
  level?: number;
}

export function tokenInfo(lex: Lexicon, lower: string): TokenInfo {
  const key = lower.replace(/['’]s$/, '');
  const parts = key.includes('-') ? key.split('-') : [key];
  let first = false;
  let surname = false;
  let level: number | undefined;
  for (const part of parts) {
    if (lex.firstRank.has(part)) first = true;
    if (lex.surnameRank.has(part)) surname = true;
    const l = lex.wordLevel.get(part);
    if (l !== undefined && (level === undefined || l < level)) level = l;
  }
  if (parts.length > 1 && (first || surname)) level = undefined;
  const stop = NOT_NAMES.has(key) || /['’](?:m|re|ll|ve|d|t)$/.test(key);
  if (!first && !surname)
    return {
      first,
      surname,
      ambiguous: false,
      unknown: level === undefined && !stop,
      word: level !== undefined || stop,
    };
  // a first name stays a name up to SCOWL 35 words (rose, pat, will, hope); a surname alone
  // competes with every English word (the Census list holds "patient", "pain", "care")
  const ambiguous =
    stop || (first ? level !== undefined && level <= 35 : level !== undefined && level <= 70);
  return { first, surname, ambiguous, unknown: false, word: false, level };
}

/** Per-token score that it is part of a person's name. */
function partScore(t: Token, info: TokenInfo, caseless: boolean): number {
  if (info.word && !info.first && !info.surname) return 0;
  if (caseless) {
    if (!info.first && !info.surname) return 0;
    if (!info.ambiguous) return info.first ? 2 : 1.5;
    // a surname that is also a common word ("just", "can", "card") is no name without case
    return info.first || (info.level ?? 99) > 20 ? 0.5 : 0;
  }
  if (t.shape === 'lower' || t.shape === 'mixed') return 0;
  if (t.shape === 'upper' && t.text.length <= 3 && !info.first) return 0;
  if (info.first || info.surname) {
    if (!info.ambiguous) return info.first ? 2 : 1.5;
    return t.sentenceStart ? 0.3 : 0.8;
  }
  if (info.unknown && t.text.length > 1) return t.sentenceStart ? 0.5 : 1;
  return 0;
}

const INITIAL = /^\p{Lu}$/u;

function gapOf(text: string, a: Token, b: Token): string {
  return text.slice(a.end, b.start);
}

/**
 * Person spans from the tokens of one text. `claimed(t)` is true for tokens already part of
 * a place or organisation found with stronger evidence.
 */
export function detectPersons(
  text: string,
  tokens: readonly Token[],
  caseless: boolean,
  lex: Lexicon,
  claimed: (t: Token) => boolean,
): RawSpan[] {
  const spans: RawSpan[] = [];
  const infos = tokens.map((t) => tokenInfo(lex, t.lower));
  const scores = tokens.map((t, i) => (claimed(t) ? 0 : partScore(t, infos[i]!, caseless)));
  const isInitial = (i: number): boolean => {
    const t = tokens[i]!;
    return (
      INITIAL.test(t.text) &&
      !claimed(t) &&
      /^\.?[ ]?$/.test(text.slice(t.end, t.end + 2).replace(/\.[ ]$/, '.'))
    );
  };
  // chains that look like names but lack evidence: accepted when listed next to a person
  const pending: { i: number; end: number }[] = [];
  let i = 0;
  while (i < tokens.length) {
    const startsWithInitial = isInitial(i) && i + 1 < tokens.length && scores[i + 1]! > 0;
    if (scores[i]! <= 0 && !startsWithInitial && !titleBefore(i)) {
      i++;
      continue;
    }
    // the chain: name parts and initials joined by one space (or ". " after an initial)
    let j = i;
    let total = 0;
    let strong = false;
    let parts = 0;
    const afterTitle = titleBefore(i);
    while (j < tokens.length) {
      const t = tokens[j]!;
      const info = infos[j]!;
      let s = scores[j]!;
      if (s <= 0 && isInitial(j) && j + 1 < tokens.length) s = 0.4;
      // right after a title any capitalised word (or any non-function word in upper case) is a name
      if (s <= 0 && j === i && afterTitle && !FUNCTION_WORDS.has(t.lower) && !claimed(t))
        s = caseless || t.shape !== 'lower' ? 1 : 0;
      if (s <= 0) break;
      if (j > i) {
        const gap = gapOf(text, tokens[j - 1]!, t);
        const initialGap = isInitial(j - 1) && /^\.?[ ]$/.test(gap);
        if (gap !== ' ' && !initialGap) break;
        if (t.sentenceStart && !initialGap && !(tokens[j - 1]!.text.length === 1)) break;
      }
      total += s;
      if (s >= 1.5 || (info.unknown && !t.sentenceStart)) strong = true;
      if (s >= 0.5) parts++;
      j++;
      if (j - i >= 4) break;
    }
    if (j === i) {
      i++;
      continue;
    }
    // "Lastname, Firstname": a surname, a comma, a first name
    let end = j;
    if (
      j - i === 1 &&
      j + 1 < tokens.length &&
      gapOf(text, tokens[j - 1]!, tokens[j]!) === ', ' &&
      infos[i]!.surname &&
      infos[j]!.first &&
      !infos[j]!.ambiguous &&
      scores[j]! > 0
    ) {
      end = j + 1;
      total += scores[j]!;
      strong = true;
      parts++;
    }
    const context = contextBefore(i);
    const credential = CREDENTIAL.test(text.slice(tokens[end - 1]!.end, tokens[end - 1]!.end + 9));
    let confidence = 0;
    if (afterTitle || credential) confidence = 0.9;
    else if (context === 'strong' && total >= 0.5) confidence = 0.85;
    else if (context === 'weak' && (strong || total >= 1.5)) confidence = 0.8;
    else if (parts >= 2 && strong && total >= 2.5) confidence = 0.8;
    else if (!caseless && total >= 2 && strong) confidence = 0.7;
    else if (caseless && total >= 2 && strong) confidence = 0.7;
    else if (!caseless && parts >= 2 && strong && total >= 1.5) confidence = 0.65;
    else if (!caseless && j - i === 1 && total >= 1.5 && !tokens[i]!.sentenceStart)
      confidence = 0.6;
    else if (
      !caseless &&
      total >= 0.5 &&
      PERSON_VERB_AFTER.test(text.slice(tokens[end - 1]!.end, tokens[end - 1]!.end + 24))
    )
      confidence = 0.6;
    if (confidence === 0 && total > 0) pending.push({ i, end });
    // trim a trailing initial ("Smith J" is fine, "Smith A." may start the next sentence)
    if (confidence > 0)
      spans.push({
        start: tokens[i]!.start,
        end: tokens[end - 1]!.end,
        category: 'PERSON',
        confidence,
      });
    i = end;
  }
  if (pending.length > 0 && spans.length > 0) addListed(spans, pending);
  if (spans.length > 0) addRepeated(spans);
  return spans;

  /** Another mention of a word of a found name is the same person ("Zuzana: … Zuzana:"). */
  function addRepeated(found: RawSpan[]): void {
    const words = new Set<string>();
    for (const f of found) {
      if (f.confidence < 0.6) continue;
      for (let k = 0; k < tokens.length; k++) {
        const t = tokens[k]!;
        if (t.start >= f.start && t.end <= f.end && t.text.length > 1) {
          const info = infos[k]!;
          if (!info.word && !info.ambiguous) words.add(caseless ? t.lower : t.text);
        }
      }
    }
    if (words.size === 0) return;
    const sorted = [...found].sort((a, b) => a.start - b.start);
    let k = 0;
    for (const t of tokens) {
      while (k < sorted.length && sorted[k]!.end <= t.start) k++;
      const inside = k < sorted.length && sorted[k]!.start <= t.start;
      if (inside || claimed(t)) continue;
      if (words.has(caseless ? t.lower : t.text))
        found.push({ start: t.start, end: t.end, category: 'PERSON', confidence: 0.6 });
    }
  }

  /** "Kónya, Becker and Vasquez", "Marrero and Murphy": names listed beside a found name. */
  function addListed(found: RawSpan[], candidates: { i: number; end: number }[]): void {
    const LIST_GAP = /^(?:,[ ]|[ ]and[ ]|,[ ]and[ ]|[ ]&[ ]|[ ]or[ ]|,[ ]or[ ])$/;
    let changed = true;
    while (changed) {
      changed = false;
      for (let c = 0; c < candidates.length; c++) {
        const { i: a, end: b } = candidates[c]!;
        const start = tokens[a]!.start;
        const stop = tokens[b - 1]!.end;
        const beside = found.some(
          (f) =>
            (f.end <= start && LIST_GAP.test(text.slice(f.end, start))) ||
            (f.start >= stop && LIST_GAP.test(text.slice(stop, f.start))),
        );
        if (!beside) continue;
        found.push({ start, end: stop, category: 'PERSON', confidence: 0.6 });
        candidates.splice(c--, 1);
        changed = true;
      }
    }
  }

  function titleBefore(i: number): boolean {
    const p = tokens[i - 1];
    if (!p || !TITLES.has(p.lower)) return false;
    if (p.lower === 'sister' || p.lower === 'nurse' || p.lower === 'attending')
      return caseless ? false : tokens[i]!.shape !== 'lower';
    const gap = gapOf(text, p, tokens[i]!);
    return /^\.?[ ]{1,2}$/.test(gap);
  }

  function contextBefore(i: number): 'strong' | 'weak' | undefined {
    const p = tokens[i - 1];
    if (!p) return undefined;
    const gap = gapOf(text, p, tokens[i]!);
    if (gap.includes('\n') || (gap.length > 3 && !/^[ ]?:[ \t]*$/.test(gap))) return undefined;
    if (p.lower === 'is' || p.lower === 'am') {
      const q = tokens[i - 2];
      return q && (q.lower === 'name' || q.lower === 'this') ? 'strong' : undefined;
    }
    if (p.lower === 'name' && /^[ ]?[:?][ \t]*$/.test(gap)) return 'strong';
    if (/^(?:him|her|me|them)$/.test(p.lower)) {
      const q = tokens[i - 2];
      return q && /^(?:named|name|call|calls|called)$/.test(q.lower) ? 'strong' : undefined;
    }
    if (!RELATIONS.has(p.lower)) return undefined;
    if (p.lower === 'by' || p.lower === 'with' || p.lower === 'to' || p.lower === 'from') {
      const q = tokens[i - 2];
      if (q && VERBS_BEFORE.test(q.lower)) return 'strong';
      if (p.lower === 'to' || p.lower === 'from') return undefined;
    }
    return WEAK.has(p.lower) ? 'weak' : 'strong';
  }
}

// initials after a credential at the end of a signature: "RN/JS", "J. Smith RN JS", "-JS"
const SIGNED_INITIALS =
  /(?<=\b(?:RN|MD|NP|PA|LPN|CNA|RRT|PT|SW|MSW)\b[ ]*[/,-]?[ ]*)[A-Z]{2,3}(?=[ ]*(?:$|\n))/gm;

export function detectInitials(text: string): RawSpan[] {
  const spans: RawSpan[] = [];
  for (const m of text.matchAll(SIGNED_INITIALS))
    spans.push({ start: m.index, end: m.index + m[0].length, category: 'PERSON', confidence: 0.7 });
  return spans;
}
