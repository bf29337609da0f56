/**
 * The dictionary-and-context detectors (PERSON, LOCATION, STREET_ADDRESS, ORGANIZATION) run
 * over one tokenisation of the text. Places and facilities are found first; their tokens are
 * not read as parts of names when the place evidence is strong.
 */
import type { Detector, RawSpan } from './detectors.js';
import { getLexicon, isCaselessText, tokenize, type Token } from './context.js';
import { detectInitials, detectPersons } from './names.js';
import { detectLocations, detectOrganizations, detectStreetAddresses } from './places.js';

const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';
const STATE_AFTER = new RegExp(String.raw`^,?[ ]+(?:${STATES})\b`);

export const detectEntities: Detector = (text) => {
  const lex = getLexicon();
  const tokens = tokenize(text);
  if (tokens.length === 0) return [];
  const caseless = isCaselessText(tokens);
  const places: RawSpan[] = [
    ...detectStreetAddresses(text, caseless),
    ...detectOrganizations(text, tokens, caseless, lex),
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
  return [...places.filter((s) => s.category !== 'COUNTRY'), ...persons];
};
