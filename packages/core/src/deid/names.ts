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
  'rev',
  'reverend',
  'fr',
  'pastor',
  'rabbi',
  'imam',
  'chaplain',
  'officer',
  'lt',
  'cmdr',
  'capt',
  'sgt',
  'det',
  'detective',
  'sergeant',
  'lieutenant',
  'captain',
  'judge',
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
  'sw',
  'msw',
  'licsw',
  'pharmacist',
  'dietitian',
  'coordinator',
  'manager',
  'foreman',
  'supervisor',
  'boss',
  'employer',
  'landlord',
  'roommate',
  'wife’s',
  'companion',
  'reviewer',
  'attorney',
  'lawyer',
  'pastor',
  'clergy',
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
/** Family and household words: after them even an unlisted word in capitals is a name. */
const FAMILY = new Set([
  'wife',
  'husband',
  'daughter',
  'son',
  'brother',
  'sister',
  'mother',
  'father',
  'mom',
  'dad',
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
  'boyfriend',
  'girlfriend',
  'friend',
  'neighbor',
  'neighbour',
  'sibling',
  'stepson',
  'stepdaughter',
  'caregiver',
  'roommate',
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
  /^(?:['’]s[ ]+(?:wife|husband|son|daughter|mother|father|killers?|song|novel|friend|address|phone|number|email|name|account|card)\b|[ ]+(?:lives|lived|spent|shouted|said|says|began|told|asked|wrote|died|married|works|worked|visited|smiled|laughed|replied|answered|whispered|cried|is very|was very|will be talking|is from|was from|just has)\b|,[ ]can I\b|:[ ]?["“])/;
/** Credentials after a name: "Ann Lee, RN", "J. Smith MD". */
const CREDENTIAL =
  /^(?:,[ ]\p{Lu}\.?[ ])?\.?,?[ ]?(?:M\.?D\.?|R\.?N\.?|N\.?P\.?|P\.?A\.?(?:-C)?|D\.?O\.?|Ph\.?D\.?|LPN|CNA|MSW|LICSW|LCSW|DDS|CRNA|RPh|PharmD|RRT|MPH|BSN|FNP|ANP|VA-BC|Esq\.?)(?![\w-])/u;
/**
 * Clinical abbreviations and calendar words that are also Census names, and words that are
 * names far more rarely than they are something else in a note (a rule list, not data).
 */
const NOT_NAMES = new Set([
  // clinical abbreviations that are also 1990 Census names ("HX OF MI", "S/P AMI", "R/O TIA")
  'mi',
  'ami',
  'tia',
  'aki',
  'ards',
  'kub',
  'ros',
  'ast',
  'alt',
  'echo',
  'tee',
  'vent',
  'doe',
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
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
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
  'md',
  'rn',
  'np',
  'pa',
  'licsw',
  'lcsw',
  'msw',
  'esq',
  'phd',
  'dds',
  'lpn',
  'cna',
  'rass',
  'riss',
  'copd',
  'esld',
  'kub',
  'le',
  'ue',
  'asa',
  'min',
  'max',
  'ss',
  'sw',
  'vna',
  'parkinson',
  'alzheimer',
  'crohn',
  'hodgkin',
  'cushing',
  'addison',
  'raynaud',
  'hashimoto',
  'wernicke',
  'korsakoff',
  'guillain',
  'barre',
  'huntington',
  'kawasaki',
  'tourette',
  'asperger',
  'wilms',
  'ewing',
  'kaposi',
  'bell',
  'apgar',
  'glasgow',
  'foley',
  'swan',
  'ganz',
  'hickman',
  'jackson-pratt',
  'pratt',
  'doppler',
  'holter',
  'heimlich',
  'trendelenburg',
  'babinski',
  'romberg',
  'mcburney',
  'homan',
  'homans',
  'valsalva',
  // titles that follow another title ("Lt. Cmdr. Pruitt")
  'lt',
  'cmdr',
  'capt',
  'sgt',
  // lab analytes and units written like names ("NA 118", "2 GM NA DIET")
  'na',
  'cl',
  'mg',
  'gm',
  'phos',
  'alb',
  'tsh',
  'lfts',
  // eponymous operations, devices and services
  'whipple',
  'nissen',
  'billroth',
  'roux',
  'bentall',
  'fontan',
  'mohs',
  'shiley',
  'portex',
  'bovie',
  'broviac',
  'groshong',
  'tenckhoff',
  'quinton',
  'ommaya',
  'seldinger',
  'biomed',
  'va-bc',
  // nationalities ("a Czech place downtown", "an American film")
  'american',
  'british',
  'canadian',
  'mexican',
  'german',
  'czech',
  'dutch',
  'swedish',
  'norwegian',
  'danish',
  'finnish',
  'irish',
  'scottish',
  'welsh',
  'turkish',
  'ukrainian',
  'chinese',
  'indian',
  'pakistani',
  'brazilian',
  'argentine',
  'australian',
  'african',
  'european',
  'asian',
  'latino',
  'latina',
  'hispanic',
  'thai',
  'filipino',
  'egyptian',
  'israeli',
  'iranian',
  'iraqi',
  'swiss',
  'austrian',
  'belgian',
  'hungarian',
  'romanian',
  'bulgarian',
  'serbian',
  'croatian',
  'slovak',
  'icelandic',
  // languages ("family speaks Spanish")
  'english',
  'spanish',
  'portuguese',
  'french',
  'italian',
  'russian',
  'mandarin',
  'cantonese',
  'haitian',
  'creole',
  'vietnamese',
  'arabic',
  'korean',
  'japanese',
  'polish',
  'greek',
  'hindi',
  'somali',
  'amharic',
  'tagalog',
]);
/** True for a clinical abbreviation, title, calendar or language word that is no one's name. */
export const isNotName = (lower: string): boolean => NOT_NAMES.has(lower);

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
  'my',
  'your',
  'our',
  'its',
  'him',
  'me',
  'us',
  'them',
  'states',
  'stated',
  'reports',
  'denies',
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

const infoCache = new Map<string, TokenInfo>();

/** tokenInfo, remembered per word (the cache is emptied when it grows past 200,000 words). */
export function tokenInfo(lex: Lexicon, lower: string): TokenInfo {
  let info = infoCache.get(lower);
  if (info === undefined) {
    if (infoCache.size > 200_000) infoCache.clear();
    info = computeTokenInfo(lex, lower);
    infoCache.set(lower, info);
  }
  return info;
}

function computeTokenInfo(lex: Lexicon, lower: string): TokenInfo {
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
  if (parts.length > 1 && (first || surname)) {
    // "Smith-Jones" is a name, "long-term" is not: every part must be a name or no word
    const allNames = parts.every(
      (part) => lex.firstRank.has(part) || lex.surnameRank.has(part) || !lex.wordLevel.has(part),
    );
    if (!allNames)
      return { first: false, surname: false, ambiguous: false, unknown: false, word: true, level };
    level = undefined;
  }
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
  if (
    FUNCTION_WORDS.has(t.lower) ||
    NOT_NAMES.has(t.lower) ||
    RELATIONS.has(t.lower) ||
    TITLES.has(t.lower)
  )
    return 0;
  if (caseless) {
    // an unknown word may join a name that context or a credential makes one ("J. KWIATEK RN")
    if (!info.first && !info.surname) return info.unknown && t.text.length > 1 ? 0.3 : 0;
    if (!info.ambiguous) return info.first ? 2 : 1.5;
    // a surname that is also a common word ("just", "can", "card") is no name without case
    return info.first || (info.level ?? 99) > 20 ? 0.5 : 0;
  }
  if (t.shape === 'lower' || t.shape === 'mixed') return 0;
  // in mixed-case text a short all-capitals word is an abbreviation (MI, CAD, ABG)
  if (t.shape === 'upper' && t.text.length <= 3) return 0;
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
  const credentialAfter = (k: number): boolean =>
    CREDENTIAL.test(text.slice(tokens[k]!.end, tokens[k]!.end + 9));
  const scores = tokens.map((t, k) => {
    if (claimed(t)) return 0;
    const score = partScore(t, infos[k]!, caseless);
    // "A. BROWN, MD", "O'SULLIVAN-BAPTISTE RN": a word before a credential may be a surname
    if (
      score < 0.5 &&
      t.text.length > 1 &&
      (infos[k]!.surname || infos[k]!.unknown) &&
      !FUNCTION_WORDS.has(t.lower) &&
      !NOT_NAMES.has(t.lower) &&
      (caseless || t.shape !== 'lower') &&
      credentialAfter(k)
    )
      return 0.5;
    return score;
  });
  const isInitial = (i: number): boolean => {
    const t = tokens[i]!;
    if (t.text.length !== 1 || !INITIAL.test(t.text) || claimed(t)) return false;
    const next = text.slice(t.end, t.end + 2);
    if (next.startsWith('.')) return true;
    // "Mijail C Adomo": an initial without a period, but not the pronoun "I" or article "A"
    if (t.text === 'I' || t.text === 'A') return false;
    return next === '' || /^(?:[ ]\p{Lu}|,[ ]|[ ]?$)/u.test(next);
  };
  // "AUNT BLESSING ADEBAYO", "interpreter Saw Htoo": after a relation or role, an ordinary word
  // right before a surname (or a word of no dictionary) is the first name
  const wordThenSurname = (k: number): boolean => {
    const t = tokens[k]!;
    const next = tokens[k + 1];
    return (
      next !== undefined &&
      scores[k + 1]! > 0 &&
      (infos[k + 1]!.surname || infos[k + 1]!.unknown) &&
      text.slice(t.end, next.start) === ' ' &&
      t.text.length > 1 &&
      (caseless ? t.shape === 'upper' : t.shape === 'title' && next.shape !== 'lower') &&
      !FUNCTION_WORDS.has(t.lower) &&
      !NOT_NAMES.has(t.lower) &&
      !claimed(t) &&
      k > 0 &&
      RELATIONS.has(tokens[k - 1]!.lower) &&
      !WEAK.has(tokens[k - 1]!.lower) &&
      contextBefore(k) === 'strong'
    );
  };
  // chains that look like names but lack evidence: accepted when listed next to a person
  const pending: { i: number; end: number }[] = [];
  let i = 0;
  while (i < tokens.length) {
    const quote = quotedName(i);
    if (quote > 0) {
      spans.push({
        start: tokens[i]!.start,
        end: tokens[i]!.end,
        category: 'PERSON',
        confidence: quote,
      });
      i++;
      continue;
    }
    const startsWithInitial = isInitial(i) && i + 1 < tokens.length && scores[i + 1]! > 0;
    if (
      scores[i]! <= 0 &&
      !startsWithInitial &&
      !titleBefore(i) &&
      !(
        infos[i]!.first &&
        (caseless || tokens[i]!.shape !== 'lower') &&
        contextBefore(i) === 'strong'
      ) &&
      !wordThenSurname(i)
    ) {
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
      if (
        s <= 0 &&
        j === i &&
        afterTitle &&
        !FUNCTION_WORDS.has(t.lower) &&
        (!NOT_NAMES.has(t.lower) || (info.first && !TITLES.has(t.lower))) &&
        !claimed(t)
      )
        s = caseless
          ? info.unknown || info.first || info.surname || (info.level ?? 99) > 35
            ? 1
            : 0
          : t.shape !== 'lower'
            ? 1
            : 0;
      // "NIECE MAE DUNNIGAN": after a relation a Census first name is one even if also a term
      if (
        s <= 0 &&
        j === i &&
        info.first &&
        (caseless || t.shape !== 'lower') &&
        !FUNCTION_WORDS.has(t.lower) &&
        contextBefore(i) === 'strong'
      )
        s = 0.5;
      if (s <= 0 && j === i && wordThenSurname(i)) s = 0.5;
      if (s <= 0) break;
      if (j > i) {
        const gap = gapOf(text, tokens[j - 1]!, t);
        const initialGap =
          tokens[j - 1]!.text.length === 1 && isInitial(j - 1) && /^\.?[ ]$/.test(gap);
        if (gap !== ' ' && !initialGap) break;
        if (t.sentenceStart && !initialGap && !(tokens[j - 1]!.text.length === 1)) break;
      }
      total += s;
      if (s >= 1.5 || (info.unknown && !t.sentenceStart && !caseless)) strong = true;
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
    const context = contextBefore(i);
    if (
      j - i === 1 &&
      j < tokens.length &&
      gapOf(text, tokens[j - 1]!, tokens[j]!) === ', ' &&
      (infos[i]!.surname || infos[i]!.unknown)
    ) {
      const next = infos[j]!;
      const initialNext = isInitial(j) && (context === 'strong' || credentialAfter(j));
      if (
        initialNext ||
        (next.first && scores[j]! > 0 && (!next.ambiguous || context === 'strong')) ||
        (next.unknown && scores[j]! > 0 && context === 'strong')
      ) {
        end = j + 1;
        // a middle initial after the first name: "BOWMAN, ROSE P."
        if (
          end < tokens.length &&
          isInitial(end) &&
          gapOf(text, tokens[end - 1]!, tokens[end]!) === ' '
        )
          end++;
        total += Math.max(scores[j]!, 0.5);
        strong = strong || !next.ambiguous || context === 'strong';
        parts++;
      }
    }
    const credential = credentialAfter(end - 1);
    let confidence = 0;
    if (afterTitle || credential) confidence = 0.9;
    else if (
      context === 'strong' &&
      (total >= 0.5 || (total >= 0.3 && (tokens[i]!.shape !== 'upper' || relativeBefore(i, end))))
    )
      confidence = 0.85;
    else if (context === 'weak' && (strong || total >= 1.5)) confidence = 0.8;
    else if (parts >= 2 && strong && total >= 2.5) confidence = 0.8;
    else if (!caseless && total >= 2 && strong) confidence = 0.7;
    else if (caseless && total >= 2 && strong) confidence = 0.7;
    else if (!caseless && parts >= 2 && strong && total >= 1.5) confidence = 0.65;
    else if (
      !caseless &&
      tokens[i]!.text.length === 1 &&
      end - i >= 2 &&
      (infos[end - 1]!.surname || infos[end - 1]!.first) &&
      tokens[end - 1]!.shape === 'title'
    )
      confidence = 0.7; // "J. Smith", "A. Brown"
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
    const sorted = [...found].sort((a, b) => a.start - b.start);
    let k = 0;
    for (let x = 0; x < tokens.length; x++) {
      const t = tokens[x]!;
      while (k < sorted.length && sorted[k]!.end <= t.start) k++;
      const f = sorted[k];
      if (!f || f.start > t.start || t.end > f.end || f.confidence < 0.6 || t.text.length < 2)
        continue;
      const info = infos[x]!;
      if (!info.word && (!info.ambiguous || (!caseless && f.confidence >= 0.8)))
        words.add(caseless ? t.lower : t.text);
    }
    if (words.size === 0) return;
    k = 0;
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
    const LIST_GAP =
      /^(?:,[ ]|[ ]and[ ]|,[ ]and[ ]|[ ]&[ ]|[ ]or[ ]|,[ ]or[ ]|[ ]\(["“]?|["”]?\)[ ]|[ ]["“]|["”][ ])$/;
    // found names by where they end and start: a list gap is at most 7 characters
    const ends = new Set(found.map((f) => f.end));
    const starts = new Set(found.map((f) => f.start));
    const near = (set: Set<number>, from: number, step: number): number | undefined => {
      for (let d = 0; d <= 7; d++) if (set.has(from + step * d)) return from + step * d;
      return undefined;
    };
    let changed = true;
    while (changed) {
      changed = false;
      for (let c = 0; c < candidates.length; c++) {
        const { i: a, end: b } = candidates[c]!;
        const start = tokens[a]!.start;
        const stop = tokens[b - 1]!.end;
        const left = near(ends, start, -1);
        const right = near(starts, stop, 1);
        const beside =
          (left !== undefined && LIST_GAP.test(text.slice(left, start))) ||
          (right !== undefined && LIST_GAP.test(text.slice(stop, right)));
        if (!beside) continue;
        found.push({ start, end: stop, category: 'PERSON', confidence: 0.6 });
        ends.add(stop);
        starts.add(start);
        candidates.splice(c--, 1);
        changed = true;
      }
    }
  }

  /** A nickname in quotes: "Pat", "Dusty" (after "call", "name is", or a first name). */
  function quotedName(i: number): number {
    const t = tokens[i]!;
    const open = text.charCodeAt(t.start - 1);
    const close = text.charCodeAt(t.end);
    if ((open !== 34 && open !== 0x201c) || (close !== 34 && close !== 0x201d)) return 0;
    if (claimed(t) || FUNCTION_WORDS.has(t.lower) || NOT_NAMES.has(t.lower)) return 0;
    if (!caseless && t.shape === 'lower') return 0;
    const info = infos[i]!;
    const prior = text.slice(Math.max(0, t.start - 40), t.start).toLowerCase();
    const nickContext =
      /\b(?:name is|named|call(?:s|ed|ing)?(?: out for| for)?(?: (?:him|her|me))?|goes by|known as|nickname|asked for|asks for)\W*$/.test(
        prior,
      );
    if (nickContext && (info.first || info.surname || info.unknown)) return 0.8;
    if (info.first && /\([ ]?["“]$/.test(prior)) return 0.8;
    if (info.first && !info.ambiguous) return 0.7;
    return 0;
  }

  /**
   * "DAUGHTER NKECHI": after a family word (not a verb such as "treated with") a word that is
   * in no list is a name even in capitals, unless it is a short abbreviation.
   */
  function relativeBefore(i: number, end: number): boolean {
    const p = tokens[i - 1];
    if (!p || !FAMILY.has(p.lower)) return false;
    for (let k = i; k < end; k++) {
      const t = tokens[k]!;
      if (t.text.length < 4 && !isInitial(k)) return false;
    }
    return true;
  }

  function titleBefore(i: number): boolean {
    const p = tokens[i - 1];
    if (!p || !TITLES.has(p.lower)) return false;
    const gap = gapOf(text, p, tokens[i]!);
    if (
      gap.startsWith('.') &&
      !/^(?:dr|mr|mrs|ms|mx|prof|rev|fr|sr|lt|cmdr|capt|sgt|det)$/.test(p.lower)
    )
      return false;
    if (!/^\.?[ ]{1,2}$/.test(gap)) return false;
    if (p.lower === 'sister' || p.lower === 'nurse' || p.lower === 'attending')
      return caseless ? false : tokens[i]!.shape !== 'lower';
    return true;
  }

  function contextBefore(i: number): 'strong' | 'weak' | undefined {
    const p = tokens[i - 1];
    if (!p) return undefined;
    const gap = gapOf(text, p, tokens[i]!);
    if (gap.includes('\n')) return undefined;
    const colon = /^[ ]?:[ \t]*$/.test(gap);
    if (!colon && !/^(?:[ ]{1,2}|,[ ]|[ ]?\([ ]?|[ ]?["“][ ]?|[ ]?\(["“]|\?[ ])$/.test(gap))
      return undefined;
    // "PATIENT: BOWMAN, ROSE P.", "Name: …", "Attending: …"
    if (
      colon &&
      /^(?:patient|pt|name|attending|physician|nurse|rn|md|pcp|resident|fellow|surgeon|provider|contact|proxy|hcp|signed|dictated|author|cc|from|to|interpreter)$/.test(
        p.lower,
      )
    )
      return 'strong';
    if (p.lower === 'is' || p.lower === 'am') {
      const q = tokens[i - 2];
      return q && (q.lower === 'name' || q.lower === 'this') ? 'strong' : undefined;
    }
    if (p.lower === 'name' && /^[ ]?[:?][ \t]*$/.test(gap)) return 'strong';
    if (/^(?:him|her|me|them)$/.test(p.lower)) {
      const q = tokens[i - 2];
      return q && /^(?:named|name|call|calls|called)$/.test(q.lower) ? 'strong' : undefined;
    }
    // "GREAT-GRANDSON", "sister-in-law"
    let relation = p.lower;
    if (relation.includes('-')) {
      const pieces = relation.split('-');
      relation = RELATIONS.has(pieces[pieces.length - 1]!)
        ? pieces[pieces.length - 1]!
        : pieces[0]!;
    }
    if (!RELATIONS.has(relation)) return undefined;
    if (p.lower === 'by' || p.lower === 'with' || p.lower === 'to' || p.lower === 'from') {
      const q = tokens[i - 2];
      if (q && VERBS_BEFORE.test(q.lower)) return 'strong';
      if (p.lower === 'to' || p.lower === 'from') return undefined;
    }
    return WEAK.has(relation) ? 'weak' : 'strong';
  }
}

// initials after a credential at the end of a signature: "RN/JS", "J. Smith RN JS", "-JS"
const SIGNED_INITIALS =
  /\b(?:RN|MD|NP|PA|LPN|CNA|RRT|PT|SW|MSW)\b[ ]*[/,-]?[ ]*([A-Z]{2,3})(?=[ ]*(?:$|\n))/gm;

// initials alone on the last line of a note ("RW"), or after "signed by" / "per"
const LAST_LINE_INITIALS = /(?:^|\n)[ \t]*-?[ \t]*([A-Z]{2,3})[ \t]*\.?[ \t]*$/;
const SIGNED_BY_INITIALS =
  /\b(?:signed by|initialed by|signed|(?:transcribed|dictated|typed|entered|cosigned)\b[^.\n]{0,20}?\bby)[ ]+([A-Z]{2,3})\b(?![-/&]|[ ]?\d)/gi;
/** Two- and three-letter clinical abbreviations and credentials that are not anyone's initials. */
const NOT_INITIALS = new Set(
  'DR MR MS FR SS KUB RN MD NP PA DO PT OT SW CM CNM ED ER OR IV PO IM SQ SC NG OG ICU CCU MICU SICU NICU PACU OSH EMS VNA NH SNF ABG CT MRI EKG ECG EEG CXR BP HR RR GI GU ID CV PCP HCP DNR DNI CMO ADL PRN BID TID QID NPO AM PM HS AMA ASA LE UE MAE ETT NGT PEG PICC TPN INR PTT PLT WBC HCT HGB BUN CR RA NC IS LS BS OOB SBT SBP DBP MAP CVP RRT LPN CNA MSW ICD ACE ARB TF TPA ALS BLS FAX ABX ASAP EBL UOP'.split(
    ' ',
  ),
);

// a signature line: an initial and a surname before a credential ("S. BELL RN", "- T. Ruiz, NP")
const SIGNATURE_LINE =
  /(?:^|\n)[ \t]*(?:[-—–][ ]*)?(\p{Lu}\.[ ]?\p{Lu}[\p{L}'’-]+)(?=,?[ ]+(?:RN|MD|NP|PA|LPN|CNA|MSW|LICSW|LCSW|DO|RRT|CM|APRN)\b)/gu;

export function detectInitials(text: string): RawSpan[] {
  const spans: RawSpan[] = [];
  for (const m of text.matchAll(SIGNATURE_LINE)) {
    const end = m.index + m[0].length;
    spans.push({ start: end - m[1]!.length, end, category: 'PERSON', confidence: 0.85 });
  }
  const add = (start: number, value: string, confidence: number): void => {
    if (!NOT_INITIALS.has(value.toUpperCase()))
      spans.push({ start, end: start + value.length, category: 'PERSON', confidence });
  };
  for (const m of text.matchAll(SIGNED_INITIALS))
    add(m.index + m[0].length - m[1]!.length, m[1]!, 0.7);
  const last = LAST_LINE_INITIALS.exec(text);
  if (last) add(last.index + last[0].indexOf(last[1]!), last[1]!, 0.7);
  for (const m of text.matchAll(SIGNED_BY_INITIALS)) {
    const value = m[1]!;
    // in mixed-case text initials are written in capitals
    if (value !== value.toUpperCase()) continue;
    add(m.index + m[0].length - value.length, value, 0.65);
  }
  return spans;
}
