/**
 * STREET_ADDRESS, LOCATION and ORGANIZATION.
 *
 * Convention (documented in BENCHMARKS.md): a named facility — hospital, medical center,
 * clinic, rehab, nursing home, company, university — is ORGANIZATION; a city, town or
 * neighbourhood is LOCATION; a street address (number, street, suffix, unit) is STREET_ADDRESS.
 * States and countries are not reported: HIPAA Safe Harbor keeps geographic units of a state
 * and larger.
 */
import type { RawSpan } from './detectors.js';
import type { Lexicon, Token } from './context.js';

export const STREET_SUFFIX =
  'street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|circle|cir|highway|hwy|parkway|pkwy|square|sq|trail|trl|plaza|alley|pike|turnpike|crescent|close|grove|gardens|row|walk|heights|hts|expressway|expy|freeway|fwy|loop|run|point|pt|ridge|view|park|hill|center|ctr|crossing|xing';
const UNIT = String.raw`(?:,?[ ]+(?:apt|apartment|suite|ste|unit|#|rm|room|fl|floor|bldg|building)\.?[ ]*#?[ ]*[\p{L}\d-]+)`;
// "12 Main St", "12B North Elm Street, Apt 4", "4300 W. 5th Ave"
const US_STREET = new RegExp(
  String.raw`(?<![\p{L}\d/.,-])(\d{1,6}[A-Za-z]?(?:-\d{1,4})?)[ ]+((?:[NSEW]\.?[ ]+|(?:north|south|east|west)[ ]+)?(?:[\p{L}\d][\p{L}\d'-]*[ ]+){0,3}[\p{L}\d][\p{L}\d'-]*)[ ]+(${STREET_SUFFIX})\b\.?${UNIT}?`,
  'giu',
);
// European forms: "Koskikatu 25", "Hammarvägen 15", "Brixtonlaan 380", "Rue de Piétrain 371", "ul. Więckowskiego Stefana 28"
const EU_SUFFIX = String.raw`katu|kuja|tie|polku|vägen|väg|gatan|gata|gränd|torget|straße|strasse|str\.|weg|laan|straat|plein|kade|gracht|singel|dreef|gade|vej|veien|vei|allé|allee|platz|gasse|ring|utca|út|ulica|aleja|cesta|ulice|tér`;
const EU_SUFFIXED = new RegExp(
  String.raw`(?<![\p{L}\d])\p{Lu}[\p{L}'-]*(?:${EU_SUFFIX})(?:[ ]+\p{Lu}[\p{L}'-]*){0,2}[ ]+\d{1,5}[A-Za-z]?\b${UNIT}?`,
  'gu',
);
// what every EU_SUFFIXED match contains (a suffix, spaces, a capital or a digit): tested first,
// it spares the costly pattern, which backtracks through each capitalised word, in most texts
const EU_SUFFIX_GATE = new RegExp(String.raw`(?:${EU_SUFFIX})[ ]+[\p{Lu}\d]`, 'u');
const EU_PREFIX = String.raw`Rue|Avenue|Boulevard|Chemin|Allée|Impasse|Quai|Via|Viale|Piazza|Corso|Calle|Avenida|Av\.|Paseo|Camino|Carrer|Rambla|Plaza|Rua|Travessa|Largo|Praça|ul\.|al\.|Ulica|Str\.|Strada|Bulevardul`;
const EU_PREFIXED = new RegExp(
  String.raw`(?<![\p{L}\d])(?:${EU_PREFIX})(?:[ ]+(?:de|del|de la|des|du|da|do|dos|das|di|della|dei|la|le|les)\b)?(?:[ ]+[\p{Lu}\d][\p{L}'.-]*){1,4}[ ]*,?[ ]+\d{1,5}[A-Za-z]?\b${UNIT}?`,
  'gu',
);
// every EU_PREFIXED match has its street word and a space (gate, as EU_SUFFIX_GATE)
const EU_PREFIX_GATE = new RegExp(String.raw`(?:${EU_PREFIX})[ ]`, 'u');
const UNIT_ALONE =
  /(?<![\p{L}\d])(?:Apt\.?|Apartment|Suite|Ste\.?|Unit)[ ]*#?[ ]*\d+[A-Za-z]?\b/giu;
const PO_BOX = /\bP\.?[ ]?O\.?[ ]+Box[ ]+\d+\b/gi;
// what every UNIT_ALONE / PO_BOX match contains (same flags): tested first
const UNIT_ALONE_GATE = /(?:apt|apartment|suite|ste|unit)\.?[ ]*#?[ ]*\d/iu;
const PO_BOX_GATE = /box/i;
// grid addresses ("437 W 200 S", "1250 E 3300 N") and numbered roads ("5521 Hwy 190 Lot 7",
// "88 County Road 12"), with a unit or lot after them
const GRID_OR_ROUTE =
  /(?<![\w/.,-])\d{2,6}[ ]+(?:[NSEW]\.?[ ]+\d{2,5}[ ]+[NSEW]\b\.?|(?:hwy|highway|route|rte|state road|state route|county road|farm road|fm)[ ]+\d{1,4}[A-Za-z]?\b)(?:,?[ ]+(?:apt|apartment|suite|ste|unit|lot|space|trailer|#|rm|room)\.?[ ]*#?[ ]*[\p{L}\d-]+)?/giu;
// what every GRID_OR_ROUTE match contains (the same flags, so the same letters fold): tested
// first, as the pattern is tried at every digit
const GRID_OR_ROUTE_GATE =
  /\d[ ]+(?:[NSEW]\.?[ ]+\d|(?:hwy|highway|route|rte|state road|state route|county road|farm road|fm)[ ]+\d)/iu;

// a number followed by a word: the only places a numbered street address can start
const NUMBER_THEN_WORD = /(?<![\p{L}\d/.,-])\d{1,6}[A-Za-z]?(?:-\d{1,4})?[ ]+[\p{L}\d]/gu;
const NOT_STREET_WORD =
  /^(?:mg|mcg|ml|cc|units?|tabs?|times|days?|weeks?|hours?|hrs?|min|x|of|to|and|or|am|pm|yo|y)\b/i;
const US_STREET_AT = new RegExp(US_STREET.source, 'yiu');

function* streetCandidates(text: string): Generator<RegExpExecArray> {
  for (const n of text.matchAll(NUMBER_THEN_WORD)) {
    const wordStart = n.index + n[0].length - 1;
    if (NOT_STREET_WORD.test(text.slice(wordStart, wordStart + 6))) continue;
    US_STREET_AT.lastIndex = n.index;
    const m = US_STREET_AT.exec(text);
    if (m) yield m;
  }
}

/** A token of the street part of an address: capitalised, a number, or (in capitals) anything. */
function streetWordsOk(words: string, caseless: boolean): boolean {
  if (caseless) return true;
  return words
    .split(/[ ]+/)
    .every((w) => /^[\p{Lu}\d]/u.test(w) || /^(?:de|la|del|of|the|and)$/.test(w));
}

// a street named without a number: "on Brookline Ave", "ON BLUE HILL AVE"
// "on Court St", "house on Washington St in Weymouth": St after a name is a street (before a
// name, "St. Mary's", it is a saint)
const NAMED_STREET =
  /(?:\b(?:on|off|at|near|corner of|lives on)|,)[ ]+((?:[\p{L}'-]+[ ]+){1,3})(avenue|ave|street|road|rd|boulevard|blvd|lane|ln|parkway|pkwy|highway|hwy|turnpike|terrace|st(?![.]?[ ]+\p{Lu}\p{Ll}*['’]s\b))\b/giu;

/** A function word (with the spaces after it) that is never part of a street's name. */
const NOT_STREET_NAME_WORD =
  /(?<=^|[ ])(?:the|a|an|my|his|her|their|with|and|or|to|in|of|for|on|off|at|near|home)[ ]+/gi;

const NAMED_STREET_HINTS = [
  'ave',
  'street',
  'road',
  'rd',
  'blvd',
  'boulevard',
  'lane',
  'ln',
  'parkway',
  'pkwy',
  'highway',
  'hwy',
  'turnpike',
  'terrace',
];

export function detectStreetAddresses(text: string, caseless: boolean): RawSpan[] {
  const spans: RawSpan[] = [];
  const lower = text.toLowerCase();
  const named = NAMED_STREET_HINTS.some((w) => lower.includes(w)) || /\bst\b/.test(lower);
  for (const m of named ? text.matchAll(NAMED_STREET) : []) {
    let begin = m.index + m[0].length - m[1]!.length - m[2]!.length - (m[0].endsWith('.') ? 1 : 0);
    // the match may start at an earlier preposition ("at home on Elm Street"): the street's
    // name is the words after the last function word, if any are left
    let words = m[1]!;
    const lastStop = [...words.matchAll(NOT_STREET_NAME_WORD)].pop();
    if (lastStop) {
      begin += lastStop.index + lastStop[0].length;
      words = words.slice(lastStop.index + lastStop[0].length);
    }
    words = words.trim();
    if (words === '') continue;
    if (!streetWordsOk(words, caseless) || (!caseless && !/^\p{Lu}/u.test(m[2]!))) continue;
    spans.push({
      start: begin,
      end: m.index + m[0].length,
      category: 'STREET_ADDRESS',
      confidence: 0.75,
    });
  }
  for (const m of streetCandidates(text)) {
    const words = m[2]!;
    const suffix = m[3]!;
    if (!streetWordsOk(words, caseless)) continue;
    if (/(?:^|[ ])(?:with|at|to|in|of|on|for|and|or|by|from|the|is|was|x)(?:[ ]|$)/i.test(words))
      continue;
    // in capitals "DR", "CT", "PT" are a doctor, a scan and a patient more often than streets
    if (
      caseless &&
      /^(?:dr|ct|pt|pl|ter|cir|run|loop|view|point|close|walk|row|center|ctr|park|hill|ridge|heights|hts|crossing|xing|grove|gardens)$/i.test(
        suffix,
      )
    )
      continue;
    // "5 mg Dr", "2 CT": the suffix must be capitalised in mixed-case text
    if (!caseless && !/^\p{Lu}/u.test(suffix)) continue;
    // a unit word right after the number ("3 mg", "2 tabs") is a dose, not a street
    if (
      /^(?:mg|mcg|ml|cc|units?|tabs?|times|days?|weeks?|hours?|hrs?|min|x|of|to|and|or|am|pm|yo|y)$/i.test(
        words.split(' ')[0]!,
      )
    )
      continue;
    spans.push({
      start: m.index,
      end: m.index + m[0].length,
      category: 'STREET_ADDRESS',
      confidence: 0.85,
    });
  }
  /** Every match of `pattern` a street address, when its cheap `gate` is found in the text. */
  const everyMatch = (gate: RegExp, pattern: RegExp, confidence: number) => {
    if (gate.test(text))
      for (const m of text.matchAll(pattern))
        spans.push({
          start: m.index,
          end: m.index + m[0].length,
          category: 'STREET_ADDRESS',
          confidence,
        });
  };
  // European street forms are written in mixed case; in an all-capitals note they would be
  // tried at every letter for nothing
  if (!caseless) {
    everyMatch(EU_SUFFIX_GATE, EU_SUFFIXED, 0.8);
    everyMatch(EU_PREFIX_GATE, EU_PREFIXED, 0.8);
  }
  for (const m of GRID_OR_ROUTE_GATE.test(text) ? text.matchAll(GRID_OR_ROUTE) : []) {
    // in mixed case the road word is capitalised ("Hwy 190"), a grid letter always is
    if (!caseless && /[ ](?:hwy|highway|route|rte|state|county|farm|fm)[ ]/.test(m[0])) continue;
    spans.push({
      start: m.index,
      end: m.index + m[0].length,
      category: 'STREET_ADDRESS',
      confidence: 0.8,
    });
  }
  everyMatch(UNIT_ALONE_GATE, UNIT_ALONE, 0.7);
  everyMatch(PO_BOX_GATE, PO_BOX, 0.7);
  return spans;
}

/** Last words of a facility name. */
const ORG_HEADS = new Set([
  'hospital',
  'hospitals',
  'clinic',
  'clinics',
  'infirmary',
  'rehab',
  'rehabilitation',
  'hospice',
  'healthcare',
  'institute',
  'university',
  'college',
  'school',
  'academy',
  'pharmacy',
  'laboratory',
  'laboratories',
  'labs',
  'inc',
  'llc',
  'ltd',
  'corp',
  'corporation',
  'company',
  'bank',
  'group',
  'associates',
  'partners',
  'foundation',
  'society',
  'church',
  'agency',
  'manor',
  'sanatorium',
  'ambulance',
  'ems',
  'medflight',
  'inn',
  'hotel',
  'motel',
  'parish',
  'recovery',
  'movers',
  'construction',
  'counseling',
  'services',
  'shelter',
  'vna',
  // a capitalised name before these is a facility, employer or meeting place ("Lasell House",
  // "Medford Senior Center", "Eastern Bank", "Brockton VA", "Merrimack Valley Roofing")
  'house',
  'home',
  'center',
  'centre',
  'health',
  'nursing',
  'library',
  'elementary',
  'schools',
  'airport',
  'pub',
  'tavern',
  'restaurant',
  'cafe',
  'diner',
  'bakery',
  'market',
  'supermarket',
  'store',
  'freight',
  'trucking',
  'transport',
  'logistics',
  'roofing',
  'plumbing',
  'electric',
  'landscaping',
  'insurance',
  'realty',
  'motors',
  'garage',
  'synagogue',
  'temple',
  'mosque',
  'chapel',
  'cathedral',
  'ministries',
  'baptist',
  'methodist',
  'lutheran',
  'episcopal',
  'pentecostal',
  'congregational',
  'va',
  // companies: "Russell Investments", "Loveland Technologies", "Thomas and Sons"
  'technologies',
  'technology',
  'investments',
  'research',
  'consulting',
  'holdings',
  'industries',
  'solutions',
  'systems',
  'analytics',
  'capital',
  'ventures',
  'enterprises',
  'studios',
  'publishing',
  'sons',
  'brothers',
  'networks',
  'software',
  'pharmaceuticals',
  'biosciences',
  'therapeutics',
  'plc',
  'gmbh',
  // agencies and services: "Polish American Association", "Wichita Police", "Access Transportation"
  'association',
  'residences',
  'police',
  'transportation',
  'supply',
  'supplies',
]);
/** Two-word heads: "Medical Center", "Nursing Home", "Health Care". */
const ORG_HEADS_2 = new Set([
  'medical center',
  'medical centre',
  'health center',
  'health centre',
  'health system',
  'health care',
  'nursing home',
  'nursing facility',
  'care center',
  'care centre',
  'rehab center',
  'rehabilitation center',
  'cancer center',
  'heart center',
  'surgical center',
  'surgery center',
  'medical group',
  'medical associates',
  'living center',
  'assisted living',
  'senior living',
  'health services',
  'family practice',
  'primary care',
  'urgent care',
  'community health',
  'baptist church',
  'nursing center',
  'family medicine',
  'internal medicine',
  'auto body',
  "sheriff's office",
  'sheriff’s office',
  'police department',
  'fire department',
]);
/** Words that may open a facility name even though they are ordinary words. */
const ORG_LEADS = new Set([
  'general',
  'memorial',
  'community',
  'regional',
  'university',
  'children',
  "children's",
  'state',
  'county',
  'city',
  'valley',
  'mount',
  'mt',
  'saint',
  'st',
  'good',
  'samaritan',
  'mercy',
  'sacred',
  'heart',
  'holy',
  'cross',
  'family',
  'baptist',
  'methodist',
  'presbyterian',
  'lutheran',
  'jewish',
  'christian',
  'catholic',
  'veterans',
  'national',
  'royal',
  'new',
  'north',
  'south',
  'east',
  'west',
  'central',
  'united',
  'women',
  "women's",
  'lady',
  'our',
  'river',
  'lake',
  'bay',
  'hills',
  'park',
  'medical',
  'health',
  'care',
  'rehabilitation',
  'nursing',
  'senior',
  'shore',
  'beth',
  'israel',
  'deaconess',
  'brigham',
  'spaulding',
  'hebrew',
  'square',
  'castle',
  'hill',
  'harbor',
  'harbour',
  'point',
  'village',
  'cardiac',
  'cancer',
  'eye',
  'ear',
  'surgical',
  'behavioral',
  'sons',
  'brothers',
]);
/** Lead words that only describe: a name made only of them and the head is no name ("Cardiac Rehab"). */
const GENERIC_LEADS = new Set([
  'general',
  'community',
  'regional',
  'medical',
  'health',
  'care',
  'rehabilitation',
  'nursing',
  'senior',
  'cardiac',
  'cancer',
  'eye',
  'ear',
  'surgical',
  'behavioral',
  'family',
  'state',
  'county',
  'city',
  'university',
  'children',
  "children's",
  'women',
  "women's",
  'veterans',
  'national',
  'central',
  'new',
  'north',
  'south',
  'east',
  'west',
  'the',
  'our',
  'outside',
  'local',
  'va',
  'public',
  'mental',
  'home',
  'occupational',
  'physical',
  'global',
  'primary',
  'dialysis',
  'infusion',
  'wound',
  'sleep',
  'pain',
  'diabetes',
  'elementary',
  'high',
  'middle',
  'day',
  'adult',
  'your',
  'his',
  'her',
  'their',
  'my',
  'at',
  'from',
  'to',
]);
const ORG_HEADS_2_FIRST = new Set([...ORG_HEADS_2].map((h) => h.split(' ')[0]!));
const ORG_JOINERS = new Set(['of', 'and', '&', 'the', 'de']);
/** Words before a facility's name that say one follows ("lives at", "transferred from"). */
const PLACE_PREPOSITIONS = new Set(['at', 'from', 'to', 'for', 'through', 'via', 'the']);
/** Words that never begin a facility's name in capitals: pronouns, determiners, verbs of care. */
const NOT_FACILITY_WORDS = new Set(
  "a an this that these those his her their its my our your some any each every no same other another own pt pt's patient patient's home rehab hospital house back there here with and or but in on by of is was be been went go goes going returned discharged transferred admitted sent taken brought".split(
    ' ',
  ),
);

/** Facility names: capitalised words (any words in upper-case text) ending in a facility head. */
export function detectOrganizations(
  text: string,
  tokens: readonly Token[],
  caseless: boolean,
  lex: Lexicon,
): RawSpan[] {
  const spans: RawSpan[] = [];
  const canLead = (t: Token): boolean => {
    if (ORG_LEADS.has(t.lower)) return true;
    // "CCU NURSING", "PT'S HOME": a unit or the patient is no facility's name
    if (CARE_ACRONYMS.has(t.text.toUpperCase().replace(/['’]S$/, ''))) return false;
    if (t.text.length < 3) return false;
    if (caseless) {
      const level = lex.wordLevel.get(t.lower);
      return (
        level === undefined ||
        level > 50 ||
        ((lex.surnameRank.has(t.lower) || lex.cities.has(t.lower)) && level > 20)
      );
    }
    return t.shape === 'title' || t.shape === 'upper' || t.shape === 'mixed';
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let headEnd = -1;
    if (
      i + 1 < tokens.length &&
      ORG_HEADS_2_FIRST.has(t.lower) &&
      ORG_HEADS_2.has(`${t.lower} ${tokens[i + 1]!.lower}`) &&
      text.slice(t.end, tokens[i + 1]!.start) === ' '
    )
      headEnd = i + 1;
    else if (ORG_HEADS.has(t.lower)) headEnd = i;
    if (headEnd < 0) continue;
    if (!caseless && t.shape === 'lower') continue;
    // walk left over name words (and "of", "and" between them)
    let s = i;
    while (s > 0) {
      const p = tokens[s - 1]!;
      const gap = text.slice(p.end, tokens[s]!.start);
      const abbreviated = gap === '. ' && (p.text.length === 1 || /^(?:st|mt|ft)$/.test(p.lower));
      if (!/^(?:[ ]|'s[ ]|’s[ ]|[ ]&[ ]|-)$/.test(gap) && !abbreviated) {
        if (gap === ' & ') {
          s--;
          continue;
        }
        break;
      }
      if (
        ORG_JOINERS.has(p.lower) &&
        s - 1 > 0 &&
        canLead(tokens[s - 2]!) &&
        !p.sentenceStart &&
        p.shape === (caseless ? 'upper' : 'lower')
      ) {
        s--;
        continue;
      }
      if (!canLead(p)) break;
      const titled = tokens[s - 2];
      if (titled && /^(?:dr|rev|fr|mr|mrs|ms|pastor|father)$/.test(titled.lower)) break;
      s--;
      if (i - s >= 5) break;
    }
    // all capitals hide which words are names: "FROM SEACOAST NURSING", "AT THE BLACK ROSE PUB" —
    // up to three plain words between a place preposition and the head are the facility's name
    if (caseless) {
      let k = s;
      while (
        k > 0 &&
        s - k < 3 &&
        text.slice(tokens[k - 1]!.end, tokens[k]!.start) === ' ' &&
        /^\p{L}[\p{L}'’-]+$/u.test(tokens[k - 1]!.text) &&
        !PLACE_PREPOSITIONS.has(tokens[k - 1]!.lower) &&
        !NOT_FACILITY_WORDS.has(tokens[k - 1]!.lower) &&
        !CARE_ACRONYMS.has(tokens[k - 1]!.text.replace(/['’]S$/, ''))
      )
        k--;
      const lead = tokens[k - 1];
      if (k < s && lead && PLACE_PREPOSITIONS.has(lead.lower)) s = k;
    }
    while (s < i && ORG_JOINERS.has(tokens[s]!.lower)) s++;
    let e = headEnd;
    // "Hospital of the University of Pennsylvania", "University of Chicago"
    if (e + 2 < tokens.length && tokens[e + 1]!.lower === 'of') {
      let k = e + 2;
      if (tokens[k]!.lower === 'the' && k + 1 < tokens.length) k++;
      if (canLead(tokens[k]!) && !(caseless && (lex.wordLevel.get(tokens[k]!.lower) ?? 99) < 35)) {
        e = k;
        while (
          e + 1 < tokens.length &&
          text.slice(tokens[e]!.end, tokens[e + 1]!.start) === ' ' &&
          canLead(tokens[e + 1]!) &&
          e - k < 3
        )
          e++;
      }
    }
    // a bare head ("the hospital", "Hospital course") or only describing words is no name
    if (s === i && e === headEnd) continue;
    // "Tufts Health Plan": an insurer is named for the plan, not a place of care
    if (tokens[e + 1]?.lower === 'plan' && tokens[e]!.lower === 'health') continue;
    let distinctive = false;
    for (let k = s; k <= e; k++)
      if (k < i || k > headEnd)
        if (!GENERIC_LEADS.has(tokens[k]!.lower) && !ORG_JOINERS.has(tokens[k]!.lower))
          distinctive = true;
    if (!distinctive) continue;
    spans.push({
      start: tokens[s]!.start,
      end: tokens[e]!.end,
      category: 'ORGANIZATION',
      confidence: 0.88,
    });
    i = e;
  }
  return spans;
}

// "St. Mark's Parish", "ST. BRENDAN'S", "Our Lady of Grace": saints' names are facilities
const SAINT =
  /\b(?:St\.?|ST\.?|Saint|SAINT)[ ]+\p{Lu}[\p{L}]+['’][sS](?:[ ]+(?:Parish|Church|Home|Hospital|School|Manor|House|Center|Medical Center|Rehab|Nursing Home|PARISH|CHURCH|HOME|HOSPITAL|SCHOOL|MANOR|HOUSE|CENTER|MEDICAL CENTER|REHAB|NURSING HOME))?(?![ ]+(?:Day|DAY))|\b(?:Our Lady|OUR LADY)[ ]+(?:of|OF)[ ]+(?:the[ ]+|THE[ ]+)?\p{Lu}[\p{L}]+|\bSt\.[ ]+Elsewhere\b/gu;
// every SAINT match has one of these words and a space: tested first, a cheap scan
const SAINT_GATE = /(?:S[tT]\.?|Saint|SAINT|Our Lady|OUR LADY) /;

export function detectSaints(text: string): RawSpan[] {
  const spans: RawSpan[] = [];
  if (!SAINT_GATE.test(text)) return spans;
  for (const m of text.matchAll(SAINT))
    spans.push({
      start: m.index,
      end: m.index + m[0].length,
      category: 'ORGANIZATION',
      confidence: 0.8,
    });
  return spans;
}

/** Units, services, tests and places of care that are no one's name (a rule list). */
export const CARE_ACRONYMS = new Set(
  'ICU MICU SICU CCU CVICU TSICU NICU PICU CSRU PACU ED ER OR IR EP CT MRI MRA CTA EKG ECG EEG EMG CXR KUB ABG VBG VNA SNF LTAC LTACH ALF NH OSH EMS PCP HHA SLP OT PT RN MD NP PA ACLS BLS ALS ICD PPM TEE TTE ERCP EGD PICC TPN NPO DNR DNI CMO HCP POA ADL AMA OOB PRN BID TID QID IVF IV PO SQ IM LOC GCS RASS CAM ETT NGT OGT PEG BIPAP CPAP HFNC NRB RA NC FIO2 PEEP PSV SBT RSBI MAP CVP SVR ABX INR PTT HCT HGB WBC PLT BUN BMP CBC LFT UA UCX BCX CDIFF MRSA VRE ESBL COPD CHF CAD CKD ESRD HTN DM AFIB DVT PE UTI GIB SAH SDH CVA TIA MI STEMI NSTEMI OSA AKI ARF ARDS SIRS DKA HHS ETOH IVDU HIV HCV HBV TB ASA NSAID PCA GTT HD CRRT CVVH TLC HOB SCD DVT RLE LLE RUE LUE LUQ RUQ RLQ LLQ USA UK EU'.split(
    ' ',
  ),
);

/** "at Lahey", "works at Raytheon": a capitalised unknown word after "at" is a place of work or care. */
export function detectAtOrganizations(
  text: string,
  tokens: readonly Token[],
  caseless: boolean,
  lex: Lexicon,
): RawSpan[] {
  const spans: RawSpan[] = [];
  if (caseless) return spans;
  for (let i = 1; i < tokens.length; i++) {
    const p = tokens[i - 1]!;
    const t = tokens[i]!;
    // "transferred from MGH to BIDMC": a hospital's initials after a place preposition, in
    // mixed-case text where capitals stand out (units and services are ruled out by name)
    if (
      t.shape === 'upper' &&
      t.text.length >= 3 &&
      t.text.length <= 6 &&
      /^(?:at|from|to)$/.test(p.lower) &&
      text.slice(p.end, t.start) === ' ' &&
      !CARE_ACRONYMS.has(t.text) &&
      !lex.wordLevel.has(t.lower)
    ) {
      spans.push({ start: t.start, end: t.end, category: 'ORGANIZATION', confidence: 0.6 });
      continue;
    }
    if (p.lower !== 'at' && p.lower !== 'for') continue;
    if (text.slice(p.end, t.start) !== ' ' || t.shape !== 'title') continue;
    const key = t.lower.replace(/['’]s$/, '');
    if (lex.wordLevel.has(key) || lex.firstRank.has(key) || lex.cities.has(key)) continue;
    if (
      p.lower === 'for' &&
      !/\b(?:works?|worked|working|driver|employed|employee|transplant)\b[^.\n]{0,20}$/i.test(
        text.slice(Math.max(0, p.start - 30), p.start),
      )
    )
      continue;
    spans.push({ start: t.start, end: t.end, category: 'ORGANIZATION', confidence: 0.72 });
  }
  return spans;
}

/** US state names (public reference: the 50 states and DC). */
const US_STATE_NAMES = new Set(
  'alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming|district of columbia|puerto rico'.split(
    '|',
  ),
);

const US_STATE_FIRST_WORDS = new Set([...US_STATE_NAMES].map((n) => n.split(' ')[0]!));
/** The first words of places and of states in one set: one look-up a word, made once a lexicon. */
const startWords = new WeakMap<Lexicon, ReadonlySet<string>>();
function placeOrStateFirstWords(lex: Lexicon): ReadonlySet<string> {
  let words = startWords.get(lex);
  if (!words) {
    words = new Set([...lex.placeFirstWords, ...US_STATE_FIRST_WORDS]);
    startWords.set(lex, words);
  }
  return words;
}

/** Words after which a capitalised place name is a location. */
const PLACE_CONTEXT = new Set([
  'in',
  'from',
  'to',
  'at',
  'near',
  'of',
  'visiting',
  'outside',
  'around',
]);
const STRONG_PLACE_CONTEXT =
  /\b(?:lives|living|lived|resides|resided|residing|moved|move|relocated|born|raised|grew up|home|native|transferred|transfer|returned|travell?ed|trip|vacation|visit(?:ing|ed)?|located|based|house|apartment|condo|family)\b(?:[ ]+(?:back|here|up|down|out|over))?[ ]+(?:in|from|to|at|near|of)[ ]+$/;

/**
 * Cities from the US ZIP database (one to three words) with context: "lives in X", "from X",
 * "X, MA"; in mixed-case text also a capitalised city name that is neither an English word nor
 * a person's name after "in"/"from"/"to"/"at".
 */
export function detectLocations(
  text: string,
  tokens: readonly Token[],
  caseless: boolean,
  lex: Lexicon,
  states: RegExp,
): RawSpan[] {
  const spans: RawSpan[] = [];
  const firstWords = placeOrStateFirstWords(lex);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!caseless && t.shape !== 'title' && t.shape !== 'upper') continue;
    if (!firstWords.has(t.lower)) continue;
    // longest city name starting here, words joined by single spaces
    let best = -1;
    let phrase = '';
    for (let k = i; k < Math.min(tokens.length, i + 4); k++) {
      if (k > i) {
        if (text.slice(tokens[k - 1]!.end, tokens[k]!.start) !== ' ') break;
        if (!caseless && tokens[k]!.shape !== 'title' && tokens[k]!.shape !== 'upper') break;
      }
      phrase = k === i ? tokens[k]!.lower : `${phrase} ${tokens[k]!.lower}`;
      if (lex.cities.has(phrase) || lex.countries.has(phrase)) best = k;
      // no longer name begins with these words
      if (!lex.placePrefixes.has(phrase)) break;
    }
    if (best < 0) continue;
    // a state is no PHI (HIPAA keeps units of a state and larger): "lives in Florida"
    if (
      US_STATE_NAMES.has(
        tokens
          .slice(i, best + 1)
          .map((x) => x.lower)
          .join(' '),
      )
    ) {
      spans.push({ start: t.start, end: tokens[best]!.end, category: 'STATE', confidence: 0.9 });
      i = best;
      continue;
    }
    const isCountry = lex.countries.has(
      phrase
        .split(' ')
        .slice(0, best - i + 1)
        .join(' '),
    );
    const end = tokens[best]!.end;
    const stateAfter = states.test(text.slice(end, end + 12));
    const previous = tokens[i - 1];
    const strongContext =
      previous !== undefined &&
      ((PLACE_CONTEXT.has(previous.lower) &&
        STRONG_PLACE_CONTEXT.test(text.slice(Math.max(0, t.start - 30), t.start).toLowerCase())) ||
        // "home is Tupelo", "HOMETOWN IS NATCHEZ"
        (previous.lower === 'is' &&
          /\bhome(?:town)?[ ]+is[ ]+$/i.test(text.slice(Math.max(0, t.start - 14), t.start))));
    const weakContext =
      previous !== undefined &&
      PLACE_CONTEXT.has(previous.lower) &&
      /^[ ]$/.test(text.slice(previous.end, t.start));
    // "in Worcester", "BROTHER IN LAWRENCE": people are seldom "in" someone
    const inContext =
      weakContext &&
      (/^(?:in|from|near|outside|around)$/.test(previous.lower) ||
        (previous.lower === 'of' &&
          /^(?:mayor|city|town|county|native|resident|village|suburb|outskirts)$/.test(
            tokens[i - 2]?.lower ?? '',
          )));
    const name = tokens.slice(i, best + 1).map((x) => x.lower);
    const single = name.length === 1 ? name[0]! : undefined;
    const wordLike =
      single !== undefined &&
      (lex.wordLevel.has(single) || lex.firstRank.has(single) || lex.surnameRank.has(single));
    let confidence = 0;
    if (isCountry && !(single && lex.firstRank.has(single))) confidence = 0.9;
    else if (stateAfter) confidence = 0.9;
    else if (strongContext) confidence = 0.85;
    else if (weakContext && !wordLike && (!caseless || best > i)) confidence = 0.75;
    else if (inContext && (lex.wordLevel.get(single ?? '') ?? 99) > 20) confidence = 0.75;
    else if (weakContext && !caseless && !t.sentenceStart) confidence = 0.55;
    if (confidence === 0) {
      i = best;
      continue;
    }
    if (isCountry) {
      // countries are kept (HIPAA); still claimed so they are not read as names
      spans.push({ start: t.start, end, category: 'COUNTRY', confidence });
    } else spans.push({ start: t.start, end, category: 'LOCATION', confidence });
    i = best;
  }
  return spans;
}
