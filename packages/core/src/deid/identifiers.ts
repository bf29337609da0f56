/** ZIP codes and context-introduced identifiers (MRN, account, licence, DEA numbers). */
import type { Detector, RawSpan } from './detectors.js';

const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AA|AE|AP';
const ZIP_AFTER_STATE = new RegExp(
  String.raw`(?<=\b(?:${STATES})\.?,?[ ]+)\d{5}(?:-\d{4})?(?![\w]|-\d)`,
  'g',
);
const ZIP_CONTEXT =
  /(?<=\b(?:zip|zip code|zipcode|postal code|postcode)\b(?: is)?\W{0,3})\d{5}(?:-\d{4})?(?![\w]|-\d)/gi;

/** ZIP: 5 or 9 digits after a state abbreviation (case-sensitive) or a ZIP context word. */
export const detectZip: Detector = (text) => {
  const spans: RawSpan[] = [];
  for (const [pattern, confidence] of [
    [ZIP_AFTER_STATE, 0.85],
    [ZIP_CONTEXT, 0.9],
  ] as const)
    for (const m of text.matchAll(pattern))
      spans.push({ start: m.index, end: m.index + m[0].length, category: 'ZIP_CODE', confidence });
  return spans;
};

/** Context word → category, first match wins (order matters: "driver's license" before "license"). */
const ID_CONTEXTS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /\b(?:mrn|medical record(?: number| no\.?| #)?|med rec(?: no\.?)?|unit no\.?|chart(?: number| no\.?| #)?)/iy,
    'MEDICAL_RECORD_NUMBER',
  ],
  [/\b(?:driver'?s?'? licen[cs]e(?: number| no\.?| #)?|dl)/iy, 'US_DRIVER_LICENSE'],
  [
    /\b(?:dea(?: number| no\.?| #)?|licen[cs]e(?: number| no\.?| #)?|lic\.?(?: no\.?| #)?|certificate(?: number| no\.?| #)?|npi)/iy,
    'LICENSE_NUMBER',
  ],
  [
    /\b(?:acct|account|a\/c|policy|member id|health plan(?: id)?|insurance id)(?:[ ]?(?:number|no\.?|#|id))?/iy,
    'ACCOUNT_NUMBER',
  ],
];
const ID_START =
  /\b(?:mrn|medical record|med rec|unit no|chart|driver|dl|dea|licen[cs]e|lic|certificate|npi|acct|account|a\/c|policy|member id|health plan|insurance id)/gi;
/** An identifier: 4+ letters/digits/dashes containing at least one digit. */
const IDENTIFIER =
  /[ ]*(?:is|was|of)?[ ]*[:#=]?[ ]*#?[ ]*([A-Z0-9](?:[A-Z0-9-]{2,}[A-Z0-9]))(?![\w-])/iy;

export const detectIdentifier: Detector = (text) => {
  const spans: RawSpan[] = [];
  for (const start of text.matchAll(ID_START)) {
    for (const [pattern, category] of ID_CONTEXTS) {
      pattern.lastIndex = start.index;
      const word = pattern.exec(text);
      if (!word) continue;
      IDENTIFIER.lastIndex = start.index + word[0].length;
      const id = IDENTIFIER.exec(text);
      if (id && /\d/.test(id[1]!)) {
        const end = IDENTIFIER.lastIndex;
        spans.push({ start: end - id[1]!.length, end, category, confidence: 0.92 });
      }
      break;
    }
  }
  return spans;
};
