/** ZIP codes and context-introduced identifiers (MRN, account, licence, DEA numbers). */
import type { Detector, RawSpan } from './detectors.js';

const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AA|AE|AP';
const ZIP_AFTER_STATE = new RegExp(
  String.raw`\b(?:${STATES})\.?,?[ ]+(\d{5}(?:-\d{4})?)(?![\w]|-\d)`,
  'g',
);
const ZIP_CONTEXT =
  /\b(?:zip|zip code|zipcode|postal code|postcode)\b(?: is)?\W{0,3}(\d{5}(?:-\d{4})?)(?![\w]|-\d)/gi;

/** ZIP: 5 or 9 digits after a state abbreviation (case-sensitive) or a ZIP context word. */
export const detectZip: Detector = (text) => {
  const spans: RawSpan[] = [];
  for (const [pattern, confidence] of [
    [ZIP_AFTER_STATE, 0.85],
    [ZIP_CONTEXT, 0.9],
  ] as const)
    for (const m of text.matchAll(pattern)) {
      const end = m.index + m[0].length;
      spans.push({ start: end - m[1]!.length, end, category: 'ZIP_CODE', confidence });
    }
  return spans;
};

/** Context word → category, first match wins (order matters: "driver's license" before "license"). */
const ID_CONTEXTS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /\b(?:mrn|mr#|mr #|medical record(?: number| no\.?| #)?|med rec(?: no\.?)?|unit (?:no\.?|number|#)|chart(?: number| no\.?| #)?)/iy,
    'MEDICAL_RECORD_NUMBER',
  ],
  [/\b(?:driver'?s?'?[ ]licen[cs]e(?: number| no\.?| #)?|dl)/iy, 'US_DRIVER_LICENSE'],
  [
    /\b(?:dea(?: number| no\.?| #)?|cdl|licen[cs]e(?: number| no\.?| #)?|lic\.?(?: no\.?| #)?|certificate(?: number| no\.?| #)?|npi)/iy,
    'LICENSE_NUMBER',
  ],
  [
    /\b(?:medicare(?: id| number| no\.?| #)?|medicaid(?: id| number| no\.?| #)?|member(?: id| number| no\.?| #)|subscriber(?: id| number| #)?|policy(?: number| no\.?| #)?|health plan(?: id| number| #)?|insurance(?: id| number| no\.?| #)|group(?: number| no\.?| #))/iy,
    'HEALTH_PLAN_NUMBER',
  ],
  [/\b(?:acct|account|a\/c|claim)(?:[ ]?(?:number|no\.?|#|id))?/iy, 'ACCOUNT_NUMBER'],
  [
    /\b(?:serial(?: number| no\.?| #)?|s\/n|sn|device id|monitor id|model and serial|lot(?: number| no\.?| #)|asset(?: tag)?(?: number| no\.?| #)?|biomed(?: tag)?)/iy,
    'DEVICE_ID',
  ],
  [/\b(?:plate|license plate|vin|vehicle id)\b/iy, 'VEHICLE_ID'],
  [
    /\b(?:confirmation|auth(?:orization)?|release form|incident report(?: filed)?|patient id|portal id|proxy code|ref(?:erence)?|tech ref|case(?: number| no\.?| #)|ticket|tracking|order)(?:[ ]?(?:number|no\.?|#|id|code))?/iy,
    'ID_NUMBER',
  ],
];
const ID_START =
  /\b(?:mrn|mr[ ]?#|medical record|med rec|unit no|unit number|unit #|chart|driver|dl|dea|cdl|licen[cs]e|lic|certificate|npi|medicare|medicaid|member|subscriber|policy|health plan|insurance|group|acct|account|a\/c|claim|serial|s\/n|sn|device id|monitor id|lot|asset|biomed|plate|vin|vehicle id|confirmation|auth|release form|incident report|patient id|portal id|proxy code|ref|reference|tech ref|case|ticket|tracking)/gi;
/** An identifier: 4+ letters/digits/dashes containing at least one digit. */
const IDENTIFIER =
  /[ ]*(?:is|was|of|filed)?[ ]*[:#=,]?[ ]*#?[ ]*([A-Z0-9](?:[A-Z0-9-]{2,}[A-Z0-9]))(?![\w-])/iy;
// a plate may have a space: "6KT 449"
const PLATE = /[ ]*[:#]?[ ]*([A-Z0-9]{1,4}(?:[ -][A-Z0-9]{2,4}){1,2})(?![\w-])/iy;

export const detectIdentifier: Detector = (text) => {
  const spans: RawSpan[] = [];
  for (const start of text.matchAll(ID_START)) {
    for (const [pattern, category] of ID_CONTEXTS) {
      pattern.lastIndex = start.index;
      const word = pattern.exec(text);
      if (!word) continue;
      const from = start.index + word[0].length;
      let id: RegExpExecArray | null = null;
      let end = 0;
      if (category === 'VEHICLE_ID') {
        PLATE.lastIndex = from;
        id = PLATE.exec(text);
        end = PLATE.lastIndex;
      }
      if (!id) {
        IDENTIFIER.lastIndex = from;
        id = IDENTIFIER.exec(text);
        end = IDENTIFIER.lastIndex;
      }
      // "order 5 mg", "ref 3": a short number after a loose word is no identifier
      const loose = category === 'ID_NUMBER' || category === 'DEVICE_ID';
      // a telephone number after "unit number" is the unit's phone
      const phoneShaped = id !== null && /^\d{3}-\d{3}-\d{4}$/.test(id[1]!);
      if (
        id &&
        !phoneShaped &&
        /\d/.test(id[1]!) &&
        (!loose || id[1]!.replace(/\W/g, '').length >= 5)
      ) {
        spans.push({ start: end - id[1]!.length, end, category, confidence: 0.92 });
        // a second identifier written after a slash or "and": "HA-77310-R / HA-77311-L"
        const next = /^[ ]*(?:\/|and|,)[ ]*([A-Z0-9](?:[A-Z0-9-]{2,}[A-Z0-9]))(?![\w-])/i.exec(
          text.slice(end, end + 40),
        );
        if (next && /\d/.test(next[1]!)) {
          const s2 = end + next[0].length - next[1]!.length;
          spans.push({ start: s2, end: s2 + next[1]!.length, category, confidence: 0.9 });
        }
      }
      break;
    }
  }
  // "badge 4412", "employee # 20931": a staff number, short as it may be
  if (/badge|employee/i.test(text))
    for (const m of text.matchAll(BADGE)) {
      const end = m.index + m[0].length;
      spans.push({ start: end - m[1]!.length, end, category: 'ID_NUMBER', confidence: 0.85 });
    }
  return spans;
};
const BADGE =
  /\b(?:badge|employee)(?:[ ]?(?:number|no\.?|#|id))?[ ]*[:#]?[ ]*#?[ ]*([A-Z]{0,3}\d{3,8})(?![\w-])/gi;

/** The word before "#", "no.", "number" or "ID" names what the number is; else ID_NUMBER. */
const NUMBER_WORD_CATEGORY: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:bill|billing|acct|account|invoice|statement)$/i, 'ACCOUNT_NUMBER'],
  [/^(?:hospital|record|mr|mrn|unit|chart|patient)$/i, 'MEDICAL_RECORD_NUMBER'],
  [/^(?:tag|serial|device|model|asset|equipment|implant|pump|unit)$/i, 'DEVICE_ID'],
];
const HEALTH_PLAN_BEFORE =
  /\b(?:insurance|insurer|plan|hmo|ppo|epo|medicaid|medicare|masshealth|blue cross|blue shield|bcbs|member|subscriber|payer|coverage|group)\b[^.\n]{0,30}$/i;
// "docket # 1907RO000412", "report # LP-19-0773", "Hospital #: 3304718", "MassHealth, ID 1002…"
const NUMBER_SIGN =
  /\b([A-Za-z]+)\.?[ ]*(?:#|no\.|number|ID|Id)[ ]*:?[ ]*(?:#[ ]*)?([A-Z0-9](?:[A-Z0-9-]{2,}[A-Z0-9]))(?![\w-])/gy;
const NUMBER_SIGN_ANY =
  /(?:\b[A-Za-z]+\.?[ ]*(?:#|no\.|number)|[ ,(]ID|[ ,(]Id)[ ]*:?[ ]*(?:#[ ]*)?([A-Z0-9](?:[A-Z0-9-]{2,}[A-Z0-9]))(?![\w-])/g;
// "HMO 4470-228-119", "group 007213": a plan's name or "group" before a number of 5+ digits
const PLAN_NUMBER =
  /\b(?:hmo|ppo|epo|medicaid|medicare|masshealth|group)[ ]*:?[ ]*#?[ ]*(\d[\d-]{4,}\d)(?![\w-])/gi;
// "KCI-V4A-553812", "SR-2019-1148", "H0019932847": letters and 4+ digits as one code
const CODE = /(?<![\w-])[A-Z]{1,5}(?:-[A-Z0-9]+)*-?\d[A-Z0-9]*(?:-[A-Z0-9]+)*(?![\w-])/g;
const MONTH_CODE = /^(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)-/;
// "4408812-01", "0034-771829", "100248813976": a bare number of 7+ digits (dashes allowed)
const LONG_NUMBER = /(?<![\w.,/-])\d+(?:-\d+)*(?![\w/-]|[.,]\d)/g;

const digitCount = (s: string): number => s.replace(/\D/g, '').length;

/**
 * Identifiers without a listed context word: a number after "#", "no.", "number" or "ID"
 * (named by the word before it), a plan number, a code of capitals and 4+ digits, or a bare
 * number of 7+ digits. Lower confidence than the validated patterns, so a phone, date, SSN or
 * card reading of the same digits wins.
 */
export const detectLooseIdentifier: Detector = (text) => {
  const spans: RawSpan[] = [];
  // every reading needs "#", "no.", "number" or "ID"/"Id": most texts have none
  for (const m of /#|no\.|number|I[Dd]/.test(text) ? text.matchAll(NUMBER_SIGN_ANY) : []) {
    const id = m[1]!;
    if (!/\d/.test(id) || id.replace(/-/g, '').length < 4) continue;
    const end = m.index + m[0].length;
    const start = end - id.length;
    NUMBER_SIGN.lastIndex = m.index;
    const word = NUMBER_SIGN.exec(text)?.[1] ?? '';
    let category = NUMBER_WORD_CATEGORY.find(([w]) => w.test(word))?.[1] ?? 'ID_NUMBER';
    if (
      category === 'ID_NUMBER' &&
      HEALTH_PLAN_BEFORE.test(text.slice(Math.max(0, start - 50), start))
    )
      category = 'HEALTH_PLAN_NUMBER';
    spans.push({ start, end, category, confidence: 0.7 });
  }
  // a plan number and a long number both need five digits in a row or a dashed run of six
  const longDigits = /\d[\d-]{4,}\d/.test(text);
  for (const m of longDigits ? text.matchAll(PLAN_NUMBER) : []) {
    const end = m.index + m[0].length;
    spans.push({ start: end - m[1]!.length, end, category: 'HEALTH_PLAN_NUMBER', confidence: 0.7 });
  }
  // a code's first digit follows a capital or a capital and a dash
  for (const m of /[A-Z]-?\d/.test(text) ? text.matchAll(CODE) : [])
    if (digitCount(m[0]) >= 4 && m[0].length >= 6 && !MONTH_CODE.test(m[0]))
      spans.push({
        start: m.index,
        end: m.index + m[0].length,
        category: 'ID_NUMBER',
        confidence: 0.55,
      });
  // a group of 5+ digits: "0700-1900" (hours) and "1986-1990" (years) are ranges, no number
  for (const m of longDigits && /\d{5}/.test(text) ? text.matchAll(LONG_NUMBER) : [])
    if (digitCount(m[0]) >= 7 && /\d{5}/.test(m[0]))
      spans.push({
        start: m.index,
        end: m.index + m[0].length,
        category: 'ID_NUMBER',
        confidence: 0.5,
      });
  return spans;
};
