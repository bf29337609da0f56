/**
 * The dictionary-and-context detectors (PERSON, LOCATION, STREET_ADDRESS, ORGANIZATION) run
 * over one tokenisation of the text. Places and facilities are found first; their tokens are
 * not read as parts of names when the place evidence is strong.
 */
import type { Detector, RawSpan } from './detectors.js';
import { getLexicon, isCaselessText, tokenize, type Lexicon, type Token } from './context.js';
import { detectInitials, detectPersons, isNotName } from './names.js';
import {
  CARE_ACRONYMS,
  STREET_SUFFIX,
  detectAtOrganizations,
  detectLocations,
  detectOrganizations,
  detectSaints,
  detectStreetAddresses,
} from './places.js';

const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';
// ", MA" (not ", MD" or ", PA", credentials, unless a ZIP follows), or " MA 02115"
const STATE_AFTER = new RegExp(
  String.raw`^(?:,[ ]*(?!MD\b|PA\b|DO\b)(?:${STATES})\b|,?[ ]+(?:${STATES})[ ]+\d{5}\b)`,
);

// after a street address: ", Milton, MA 02186", ", ROXBURY", ", Dorchester 02124"
const CITY_STATE_ZIP =
  /^(?:,[ ]*|[ ]*\n[ ]*)(\p{Lu}[\p{L}'-]*(?:[ ]\p{Lu}[\p{L}'-]*){0,2})(?:,?[ ]+([A-Z]{2})\b)?(?:,?[ ]+(\d{5})(?:-\d{4})?\b)?/u;

function afterAddress(text: string, addresses: readonly RawSpan[]): RawSpan[] {
  const spans: RawSpan[] = [];
  for (const a of addresses) {
    const m = CITY_STATE_ZIP.exec(text.slice(a.end, a.end + 60));
    if (!m) continue;
    const city = m[1]!;
    if (!/^\p{Lu}/u.test(city) || /^(?:PT|PT'S|THE|HE|SHE|HIS|HER)\b/.test(city)) continue;
    const cityStart = a.end + m[0].indexOf(city);
    spans.push({
      start: cityStart,
      end: cityStart + city.length,
      category: 'LOCATION',
      confidence: 0.85,
    });
    let at = cityStart + city.length;
    if (m[2] && STATE_AFTER.test(text.slice(at, at + 12))) {
      const stateStart = text.indexOf(m[2], at);
      spans.push({
        start: stateStart,
        end: stateStart + 2,
        category: 'LOCATION',
        confidence: 0.85,
      });
      at = stateStart + 2;
    }
    if (m[3]) {
      const zipStart = text.indexOf(m[3], at);
      spans.push({ start: zipStart, end: zipStart + 5, category: 'ZIP_CODE', confidence: 0.9 });
    }
  }
  return spans;
}

/**
 * Where paragraphs (split at blank lines) change between all-capitals and mixed case — a
 * nursing note pasted under a typed summary — the runs of paragraphs in one style, as
 * [start, end) ranges; one range when the whole text has one style.
 */
export function caseRuns(text: string, tokens: readonly Token[]): [number, number, boolean][] {
  const runs: [number, number, boolean][] = [];
  const breaks = [...text.matchAll(/\n[ \t]*\n/g)].map((m) => m.index + m[0].length);
  if (breaks.length === 0) return [[0, text.length, isCaselessText(tokens)]];
  const bounds = [0, ...breaks, text.length];
  let k = 0;
  for (let b = 0; b + 1 < bounds.length; b++) {
    const from = bounds[b]!;
    const to = bounds[b + 1]!;
    const inside: Token[] = [];
    while (k < tokens.length && tokens[k]!.start < to) inside.push(tokens[k++]!);
    // a paragraph of a few words (a heading, a signature) takes the style around it
    const words = inside.filter((t) => t.text.length > 1).length;
    const previous = runs[runs.length - 1];
    const style = words >= 4 || !previous ? isCaselessText(inside) : previous[2];
    if (previous && previous[2] === style) previous[1] = to;
    else runs.push([from, to, style]);
  }
  return runs;
}

export const detectEntities: Detector = (text) => {
  const tokens = tokenize(text);
  if (tokens.length === 0) return [];
  const runs = caseRuns(text, tokens);
  if (runs.length === 1) return detectIn(text, tokens, runs[0]![2]);
  const spans: RawSpan[] = [];
  let k = 0;
  for (const [from, to, caseless] of runs) {
    const piece = text.slice(from, to);
    // runs split at blank lines, which no word crosses: the piece's words are the text's, moved
    // (the first one begins a sentence either way, a newline being before it)
    const inside: Token[] = [];
    while (k < tokens.length && tokens[k]!.start < to) {
      const t = tokens[k++]!;
      inside.push({ ...t, start: t.start - from, end: t.end - from });
    }
    for (const s of detectIn(piece, inside, caseless))
      spans.push({ ...s, start: s.start + from, end: s.end + from });
  }
  return spans;
};

function detectIn(text: string, tokens: readonly Token[], caseless: boolean): RawSpan[] {
  if (tokens.length === 0) return [];
  const lex = getLexicon();
  const addresses = detectStreetAddresses(text, caseless);
  const places: RawSpan[] = [
    ...addresses,
    ...afterAddress(text, addresses),
    ...detectOrganizations(text, tokens, caseless, lex),
    ...detectSaints(text),
    ...detectAtOrganizations(text, tokens, caseless, lex),
    ...detectLocations(text, tokens, caseless, lex, STATE_AFTER),
  ];
  const strong = places.filter((s) => s.confidence >= 0.75).sort((a, b) => a.start - b.start);
  const claimed = (t: Token): boolean => {
    // binary search for a strong place span containing the token
    let low = 0;
    let high = strong.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (strong[mid]!.end <= t.start) low = mid + 1;
      else high = mid;
    }
    const s = strong[low];
    return s !== undefined && s.start <= t.start && s.end >= t.end;
  };
  const persons = [...detectPersons(text, tokens, caseless, lex, claimed), ...detectInitials(text)];
  return [
    ...places.filter((s) => s.category !== 'COUNTRY' && s.category !== 'STATE'),
    ...placesBesideOthers(text, tokens, places, lex),
    ...organisationsInContext(text, caseless, lex),
    ...refinePersons(text, persons, lex),
    ...parentheticalNames(text, persons, lex),
    ...surnameFirms(text, lex),
    ...childrenNamed(text, caseless, lex),
  ];
}

// "KIDS SAGE AND RIVER", "two daughters, Destiny and Brandi", "children (Chiamaka, 9, and Tobi, 6)":
// after a plural relation a list of single words joined by "and" is the relatives' names, even
// where a name is an ordinary word
const RELATIVES_LIST =
  /\b(?:kids|children|daughters|sons|grandchildren|grandkids|grandsons|granddaughters|brothers|sisters|siblings|twins|nieces|nephews)(?:[ ]+(?:two|three|four|five|both|are|named))?[ ]*[,:(]?[ ]*(\p{L}[\p{L}'’-]+(?:,[ ]\d{1,2})?(?:,[ ]\p{L}[\p{L}'’-]+(?:,[ ]\d{1,2})?){0,4},?[ ](?:and|&)[ ]\p{L}[\p{L}'’-]+)(?![\p{L}'’-])/giu;
const LIST_STOP =
  /^(?:the|a|an|and|or|are|is|was|were|will|have|has|had|who|which|that|in|at|on|of|to|for|with|by|from|all|both|not|no|also|live|lives|living|visit|visited|here|there|home|aware|ages|aged|they|them|their|grandchildren|kids|children)$/i;

function childrenNamed(text: string, caseless: boolean, lex: Lexicon): RawSpan[] {
  const spans: RawSpan[] = [];
  if (
    !/kids|children|daughters|sons|grand|brothers|sisters|siblings|twins|nieces|nephews/i.test(text)
  )
    return spans;
  for (const m of text.matchAll(RELATIVES_LIST)) {
    const list = m[1]!;
    const base = m.index + m[0].length - list.length;
    const names = [...list.matchAll(/\p{L}[\p{L}'’-]+/gu)].filter((w) => !/^(?:and)$/i.test(w[0]));
    if (names.length < 2) continue;
    if (names.some((w) => LIST_STOP.test(w[0]) || isNotName(w[0].toLowerCase()))) continue;
    if (!caseless && names.some((w) => !/^\p{Lu}/u.test(w[0]))) continue;
    // one of them at least is a known first name
    if (!names.some((w) => lex.firstRank.has(w[0].toLowerCase()))) continue;
    for (const w of names)
      spans.push({
        start: base + w.index,
        end: base + w.index + w[0].length,
        category: 'PERSON',
        confidence: 0.8,
      });
  }
  return spans;
}

// USPS Publication 28, appendix C1 (street suffixes) beyond STREET_SUFFIX, and European street words
const STREET_WORDS = new Set([
  ...STREET_SUFFIX.split('|'),
  ...'alley annex arcade bayou beach bend bluff bluffs bottom branch bridge brook brooks burg burgs bypass camp canyon cape causeway centers circles cliff cliffs club common commons corner corners course courts cove coves creek crest crossroad curve dale dam divide drives estate estates extension extensions falls ferry field fields flat flats ford fords forest forge forges fork forks fort garden gateway glen glens green greens groves harbor harbors haven hills hollow inlet island islands isle junction junctions key keys knoll knolls lake lakes land landing lanes light lights loaf lock locks lodge mall manor manors meadow meadows mews mill mills mission motorway mount mountain mountains neck orchard oval overpass parks parkways pass passage path pine pines plain plains points port ports prairie radial ramp ranch rapid rapids rest ridges river roads route shoal shoals shore shores skyway spring springs spur spurs squares station stravenue stream streets summit throughway trace track trafficway trailer tunnel underpass union unions valley valleys viaduct views village villages ville vista walks wall ways well wells str strasse straße rue via rua calle avenida'.split(
    ' ',
  ),
]);
/** Ship and military-post prefixes of an address ("USNS Bergman, FPO AP 93757"). */
const SHIP_BEFORE = /\b(?:USNS|USNV|USS|USCGC|usns|usnv|uss|uscgc)[ ]+$/;
// "in", "moved to", "originally from" right before the name: a place
const PLACE_BEFORE =
  /\b(?:in|flew to|moved to|travell?ing to|returned to|trip to|back to|originally from|grew up in)[ ]+$/;
// "Villafranca del Cid", "Caxias do Sul": a particle after a word that is no first name
const PARTICLE_BEFORE =
  /(?<![ ]|^)(?:^|[ ])(\p{Lu}[\p{L}]+)[ ](?:de|del|da|do|dos|das|di|du|des|la|le)[ ](?:la[ ]|las[ ]|los[ ])?$/u;
// a street word or abbreviation before the name: "Rue", "Avda.", "Via", "C/", "Cite", "ul."
const STREET_BEFORE =
  /(?:^|[ \n>])(?:rue|avenue|av\.|avda\.|avenida|via|viale|vicolo|rua|calle|c\/|cite|cité|quinta|ul\.|u\.|boulevard|bd\.|strada|piazza|plaza|praça|straat|plein|gasse)(?:[ ](?:de|del|da|do|di|du|des|la|le|al|el|dos|das))*[ ]+$/i;
// "Peter Zuidhove 188": a house number after the street's name, not an age or a dose
const HOUSE_NUMBER_AFTER =
  /^[ ]\d{1,5}[A-Za-z]?(?![\d/.:,-]?\d)(?![ ]?(?:yo\b|y\/o|years?|months?|mg|kg|%|am\b|pm\b|cm|mm|lb|min|hours?|days?|weeks?|times?|x\b))/i;
const TITLE_BEFORE = /\b(?:dr|mr|mrs|ms|miss|mx|prof|rev|fr|sr|sister|nurse)\.?[ ]+$/i;

/**
 * Readings of a found name that make it a street or no name: a street word after it or as its
 * last word ("Rennie Union", "Glyn St" — unless the word is a common surname, "Grace Park"),
 * a house number or a ship's prefix before it ("03751 Gerrit Achterberghove 137", "USNS
 * Møller"): a STREET_ADDRESS. A country's name alone ("to France") is no person.
 */
function refinePersons(text: string, persons: readonly RawSpan[], lex: Lexicon): RawSpan[] {
  const out: RawSpan[] = [];
  const streetWord = (w: string): boolean => {
    const lower = w.toLowerCase().replace(/\.$/, '');
    return STREET_WORDS.has(lower) && (lex.surnameRank.get(lower) ?? Infinity) > 3000;
  };
  for (const p of persons) {
    if (p.category !== 'PERSON') {
      out.push(p);
      continue;
    }
    const name = text.slice(p.start, p.end);
    const before = text.slice(Math.max(0, p.start - 12), p.start);
    if (
      !name.includes(' ') &&
      lex.countries.has(name.toLowerCase()) &&
      (lex.firstRank.get(name.toLowerCase()) ?? Infinity) > 300
    )
      continue;
    const next = /^[ ]([\p{L}]+\.?)/u.exec(text.slice(p.end, p.end + 16));
    const words = name.split(/[ ]+/);
    const titled = TITLE_BEFORE.test(before);
    const first = words[0]!.toLowerCase();
    const wider = text.slice(Math.max(0, p.start - 30), p.start);
    // "in Harstad", "flew to New Westminster", "Villafranca del Cid": a place, unless a first name
    if (
      !titled &&
      (lex.firstRank.get(first) ?? Infinity) > 2000 &&
      (PLACE_BEFORE.test(wider) || PARTICLE_BEFORE.test(wider))
    ) {
      out.push({ ...p, category: 'LOCATION' });
      continue;
    }
    // "Nieuwe Baan 473", "Rue Al Imam Al Bakri", "USNS Møller": a street or a ship's address
    if (
      !titled &&
      (STREET_BEFORE.test(wider) ||
        SHIP_BEFORE.test(`${words[0]!} `) ||
        HOUSE_NUMBER_AFTER.test(text.slice(p.end, p.end + 16)))
    ) {
      out.push({ ...p, category: 'STREET_ADDRESS' });
      continue;
    }
    if (
      !titled &&
      next &&
      /^\p{Lu}/u.test(next[1]!) === /^\p{Lu}/u.test(name) &&
      streetWord(next[1]!)
    )
      out.push({ ...p, end: p.end + next[0].length, category: 'STREET_ADDRESS' });
    else if (
      !titled &&
      (SHIP_BEFORE.test(before) ||
        /(?:^|[^\d.,/:-])\d{2,}[ ]+$/.test(before) ||
        (words.length > 1 && streetWord(words[words.length - 1]!)))
    )
      out.push({ ...p, category: 'STREET_ADDRESS' });
    else out.push(p);
  }
  return out;
}

// "Marshall, Hernandez and Simpson", "owens, duran and oneal": a firm named for three surnames
const THREE_NAMES =
  /(?<![\p{L}'’-])(\p{L}[\p{L}'’-]+),[ ](\p{L}[\p{L}'’-]+),?[ ](?:and|&)[ ](\p{L}[\p{L}'’-]+)(?![\p{L}'’-])/gu;
// the middle of every THREE_NAMES match, found by a scan for its comma (the full pattern is tried
// at every letter)
const THREE_NAMES_MIDDLE = /,[ ]\p{L}[\p{L}'’-]+,?[ ](?:and|&)[ ]\p{L}/u;

function surnameFirms(text: string, lex: Lexicon): RawSpan[] {
  const spans: RawSpan[] = [];
  if (!text.includes(', ') || !(text.includes(' and ') || text.includes(' & '))) return spans;
  if (!THREE_NAMES_MIDDLE.test(text)) return spans;
  for (const m of text.matchAll(THREE_NAMES)) {
    // not the end of a longer list, nor a list introduced by a colon ("our 3 founders: …")
    if (/(?:,|:)[ ]?$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    const names = [m[1]!, m[2]!, m[3]!];
    if (names.some((n) => (lex.firstRank.get(n.toLowerCase()) ?? Infinity) < 300)) continue;
    const capital = /^\p{Lu}/u.test(names[0]!);
    if (names.some((n) => /^\p{Lu}/u.test(n) !== capital)) continue;
    if (
      !names.every((n) =>
        n
          .toLowerCase()
          .split(/[-'’]/)
          .every((part) => lex.surnameRank.has(part)),
      )
    )
      continue;
    spans.push({
      start: m.index,
      end: m.index + m[0].length,
      category: 'ORGANIZATION',
      confidence: 0.95,
    });
  }
  return spans;
}

/** A single word that may be a name: capitalised, not a clinical or care abbreviation, not a common word. */
function nameLike(word: string, lex: Lexicon): boolean {
  const lower = word.toLowerCase();
  if (isNotName(lower) || CARE_ACRONYMS.has(word.toUpperCase())) return false;
  return lex.firstRank.has(lower) || (lex.wordLevel.get(lower) ?? 99) > 20;
}

// "son Wood (Elwood Trask)": a nickname before the full name in parentheses
const BEFORE_PARENTHESIS = /(\p{Lu}[\p{L}'’-]+)[ ]?\($/u;
// "PT (BOB)", "Biomed (Dana)": a role, then one name in parentheses
// (read at each "(": the role before it, then the name in it)
const ROLE_BEFORE =
  /(?<!\w)(?:PT|OT|SLP|RN|LPN|NP|MD|SW|CM|RT|RRT|CNA|aide|nurse|therapist|biomed|chaplain|interpreter|sitter|tech|staff|registration|registrar|manager|coordinator|rep|sponsor|admissions|intake)[ ]?$/i;
const NAME_IN_PARENTHESES = /\((\p{Lu}[\p{L}'’-]+)\)/iuy;
// "(Tomasz, x6101)", "(GRACE AT 617-555-0176)": a name with the number to reach them
const NAME_THEN_NUMBER =
  /\((\p{Lu}[\p{L}'’-]+)(?:,[ ]?(?:[xX]|[eE][xX][tT]\.?)[ ]?\d|[ ]+(?:[aA][tT]|@)[ ]+\(?\d{3}|,[ ]?\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4})/gu;

/** Names written in parentheses next to a role, a phone number or a full name. */
function parentheticalNames(text: string, persons: readonly RawSpan[], lex: Lexicon): RawSpan[] {
  const spans: RawSpan[] = [];
  const push = (start: number, word: string): void => {
    if (nameLike(word, lex))
      spans.push({ start, end: start + word.length, category: 'PERSON', confidence: 0.7 });
  };
  for (const p of persons) {
    if (p.category !== 'PERSON' || text[p.end] !== ')' || !text.slice(p.start, p.end).includes(' '))
      continue;
    // the full name after it vouches for the nickname, even an ordinary word ("Wood", "Buzz")
    const m = BEFORE_PARENTHESIS.exec(text.slice(Math.max(0, p.start - 30), p.start));
    const lower = m?.[1]!.toLowerCase() ?? '';
    if (
      m &&
      !isNotName(lower) &&
      !NAME_STOPS.has(lower) &&
      !CARE_ACRONYMS.has(m[1]!.toUpperCase()) &&
      !/(?:ed|ing)$/.test(lower)
    )
      spans.push({
        start: p.start - m[0].length,
        end: p.start - m[0].length + m[1]!.length,
        category: 'PERSON',
        confidence: 0.7,
      });
  }
  if (text.includes('(')) {
    for (let open = text.indexOf('('); open >= 0; open = text.indexOf('(', open + 1)) {
      NAME_IN_PARENTHESES.lastIndex = open;
      const m = NAME_IN_PARENTHESES.exec(text);
      if (m && ROLE_BEFORE.test(text.slice(Math.max(0, open - 24), open))) push(open + 1, m[1]!);
    }
    for (const m of text.matchAll(NAME_THEN_NUMBER)) push(m.index + 1, m[1]!);
  }
  return spans;
}

let countryLastWords: Set<string> | undefined;
/** "korea" of "south korea": the last word of a country's name, alone. */
function isCountryWord(lex: Lexicon, lower: string): boolean {
  if (lex.countries.has(lower)) return true;
  if (!countryLastWords) {
    countryLastWords = new Set();
    for (const c of lex.countries) {
      const words = c.split(' ');
      const last = words[words.length - 1]!;
      if (
        words.length > 1 &&
        !/^(?:islands?|republic|states|kingdom|territories|sar|island)$/.test(last)
      )
        countryLastWords.add(last);
    }
  }
  return countryLastWords.has(lower);
}

// "in Egleston Square", "in the North End": a neighbourhood named for a square, end or heights
const NEIGHBOURHOOD =
  /\b(?:in|IN|at|AT|near|NEAR|from|FROM|around|AROUND)[ ]+(?:the[ ]+|THE[ ]+)?((?:\p{Lu}[\p{L}'’-]+[ ]+){1,2}(?:Square|End|Heights|Village|Falls|Crossing|Corner|SQUARE|END|HEIGHTS|VILLAGE|FALLS|CROSSING|CORNER))\b/gu;
// "pharmacy (Walgreens, …)", "employer: Stop & Shop": a kind of organisation, then its name
// (the kind found first without the u flag, which is faster; then the name read from there)
const KIND =
  /\b(?:pharmacy|employer|hospice|agency|church|parish|school|bank|company|facility|shelter|insurer|vna|daycare|program|provider|pcp office|practice)[ ]?[(:,][ ]?/gi;
const KIND_NAME = /\p{Lu}[\p{L}'’&-]+(?:[ ]&?[ ]?\p{Lu}[\p{L}'’&-]+){0,3}/iuy;
// capitals: "AT JIFFY LUBE", "THROUGH HOPEHEALTH", "PLACED AT BRIGHAM"
const CASELESS_AT = /\b(?:AT|THROUGH)[ ]+([A-Z][A-Z'’&-]{3,}(?:[ ][A-Z][A-Z'’&-]{2,})?)\b/g;

// "works at Akamai", "EMPLOYED AS MECHANIC AT JIFFY LUBE", "student at Northeastern", "driver for MBTA"
// (found at each " at " / " for ", then the words before it checked: faster than a scan for them)
const AT_OR_FOR = /(?:at|for)[ ]+(?=[^\s\d])/gi;
const EMPLOYED_BEFORE =
  /\b(?:works?|worked|working|employed|employee|volunteers?|volunteered|student|studies|studying|teaches|taught|job|retired|driver|mechanic|engineer|cashier|clerk|paralegal|teacher|professor|accountant|chef|cook|janitor|technician|manager)(?:[ ]+(?:as[ ]+(?:an?[ ]+)?[a-z]+|part[- ]time|full[- ]time|nights|days|weekends))?$/i;
/** Words that end a name written in capitals ("AT JIFFY LUBE IN NORWOOD"). */
const NAME_STOPS = new Set(
  'in on at for with and but since near as to from of by is was who where while since until when his her their the a an'.split(
    ' ',
  ),
);

/**
 * The leading words of `phrase` that can be part of a name (capitalised, not a stop word; a
 * leading "the" skipped), as [offset into phrase, length]; length 0 when there are none.
 */
function capitalisedRun(phrase: string, caseless = false): [number, number] {
  let offset = 0;
  let end = 0;
  for (const m of phrase.matchAll(/\S+/g)) {
    const w = m[0];
    const lower = w.toLowerCase();
    if (end === 0 && offset === 0 && m.index === 0 && lower === 'the') {
      offset = w.length + 1;
      continue;
    }
    if (w !== '&' && (!/^\p{Lu}/u.test(w) || NAME_STOPS.has(lower))) break;
    if (caseless && CARE_ACRONYMS.has(w)) break;
    if (w !== '&') end = m.index + w.length;
  }
  return [offset, Math.max(0, end - offset)];
}

/** Organisations named after a kind of organisation or, in capitals, after "at". */
function organisationsInContext(text: string, caseless: boolean, lex: Lexicon): RawSpan[] {
  const spans: RawSpan[] = [];
  const unknown = (w: string): boolean => {
    const lower = w.toLowerCase();
    return (
      !isNotName(lower) &&
      !CARE_ACRONYMS.has(w.toUpperCase()) &&
      !lex.wordLevel.has(lower) &&
      !lex.firstRank.has(lower) &&
      !lex.cities.has(lower) &&
      !lex.states.has(lower)
    );
  };
  KIND.lastIndex = 0;
  for (let kind = KIND.exec(text); kind; kind = KIND.exec(text)) {
    KIND_NAME.lastIndex = KIND.lastIndex;
    const name = KIND_NAME.exec(text);
    if (!name) continue;
    KIND.lastIndex = KIND_NAME.lastIndex;
    const m = { index: kind.index, 0: kind[0] + name[0], 1: name[0] };
    // the i flag lets \p{Lu} match any letter: keep the capitalised words only
    const [offset, length] = capitalisedRun(m[1]);
    if (length === 0) continue;
    const kept = m[1].slice(offset, offset + length);
    const first = kept.split(' ')[0]!;
    if ((lex.wordLevel.get(first.toLowerCase()) ?? 99) <= 20 || isNotName(first.toLowerCase()))
      continue;
    // "bank, acct 0034-…": a word before a number names the number, not the organisation
    if (/^[ ]?[#:]?[ ]?\d/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4)))
      continue;
    const start = m.index + m[0].length - m[1].length + offset;
    spans.push({ start, end: start + length, category: 'ORGANIZATION', confidence: 0.65 });
  }
  for (const m of text.matchAll(AT_OR_FOR)) {
    let gap = m.index;
    while (text[gap - 1] === ' ') gap--;
    if (gap === m.index || !EMPLOYED_BEFORE.test(text.slice(Math.max(0, gap - 48), gap))) continue;
    const after = m.index + m[0].length;
    const phrase = /^[^,;:.\n()]{1,60}/.exec(text.slice(after, after + 60))?.[0] ?? '';
    const [offset, length] = capitalisedRun(phrase, caseless);
    if (length === 0 || length > 50) continue;
    const kept = phrase.slice(offset, offset + length);
    const words = kept.split(' ');
    // one known word alone ("works at Home", "student at Boston") is no employer's name
    if (words.length === 1 && !unknown(kept) && !/^\p{Lu}{2,}$/u.test(kept)) continue;
    if (words.length === 1 && caseless && !unknown(kept)) continue;
    const start = after + offset;
    spans.push({ start, end: start + length, category: 'ORGANIZATION', confidence: 0.62 });
  }
  if (caseless)
    for (const m of text.matchAll(CASELESS_AT)) {
      const words = m[1]!.split(' ');
      if (!unknown(words[0]!)) continue;
      // the second word joins when it too is unknown ("JIFFY LUBE" needs both unknown or one)
      const keep = words.length > 1 && unknown(words[1]!) ? m[1]! : words[0]!;
      const start = m.index + m[0].length - m[1]!.length;
      spans.push({ start, end: start + keep.length, category: 'ORGANIZATION', confidence: 0.6 });
    }
  return spans;
}

/**
 * Places written beside other identifiers: "Daejeon, Korea" (a capitalised word before a
 * country), "Atrius Health Dedham" (a listed city right after a facility's name).
 */
function placesBesideOthers(
  text: string,
  tokens: readonly Token[],
  places: readonly RawSpan[],
  lex: Lexicon,
): RawSpan[] {
  const spans: RawSpan[] = [];
  const orgEnds = new Set(places.filter((s) => s.category === 'ORGANIZATION').map((s) => s.end));
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    const n = tokens[i + 1]!;
    const comma = n.start - t.end === 2 && text[t.end] === ',' && text[t.end + 1] === ' ';
    const space = n.start - t.end === 1 && text[t.end] === ' ';
    if (!comma && !space) continue;
    if (
      comma &&
      /^\p{Lu}/u.test(t.text) &&
      !isNotName(t.lower) &&
      (lex.wordLevel.get(t.lower) ?? 99) > 35 &&
      (isCountryWord(lex, n.lower) ||
        (i + 2 < tokens.length && lex.countries.has(`${n.lower} ${tokens[i + 2]!.lower}`))) &&
      !lex.countries.has(t.lower)
    )
      spans.push({ start: t.start, end: t.end, category: 'LOCATION', confidence: 0.7 });
    if (space && orgEnds.has(t.end) && /^\p{Lu}/u.test(n.text) && lex.cities.has(n.lower))
      spans.push({ start: n.start, end: n.end, category: 'LOCATION', confidence: 0.7 });
  }
  if (/square|end|heights|village|falls|crossing|corner/i.test(text))
    for (const m of text.matchAll(NEIGHBOURHOOD)) {
      const start = m.index + m[0].length - m[1]!.length;
      spans.push({ start, end: start + m[1]!.length, category: 'LOCATION', confidence: 0.7 });
    }
  return spans;
}
