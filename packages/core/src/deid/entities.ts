/**
 * The dictionary-and-context detectors (PERSON, LOCATION, STREET_ADDRESS, ORGANIZATION) run
 * over one tokenisation of the text. Places and facilities are found first; their tokens are
 * not read as parts of names when the place evidence is strong.
 */
import type { Detector, RawSpan } from './detectors.js';
import { getLexicon, isCaselessText, tokenize, type Token } from './context.js';
import { detectInitials, detectPersons } from './names.js';
import {
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
  for (const [from, to, caseless] of runs) {
    const piece = text.slice(from, to);
    for (const s of detectIn(piece, tokenize(piece), caseless))
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
  return [...places.filter((s) => s.category !== 'COUNTRY' && s.category !== 'STATE'), ...persons];
}
