/**
 * DATE_TIME and AGE detectors. Every date is checked against the calendar, and numeric
 * forms that are usually not dates in clinical text (5/10 pain, 5/5 strength, 1/2 tab)
 * are rejected by the words around them.
 */
import type { Detector, RawSpan } from './detectors.js';
import { calendarValid } from './validators.js';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const YEAR = String.raw`(?:\d{4}|'\d{2})`;
const ORD = String.raw`(?:st|nd|rd|th)?`;

function monthNumber(word: string): number {
  return MONTHS[word.slice(0, 3).toLowerCase()]!;
}

function yearValue(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return text.startsWith("'") ? 1900 + Number(text.slice(1)) : Number(text);
}

function push(spans: RawSpan[], start: number, end: number, confidence: number): void {
  spans.push({ start, end, category: 'DATE_TIME', confidence });
}

// "March 5th, 2020", "JAN 5", "Mar. 5 '62"
const MONTH_DAY_ANY = new RegExp(
  String.raw`\b(${MONTH})[ ]+(\d{1,2})${ORD}\b(?:,?[ ]+(${YEAR})\b)?`,
  'gi',
);
// "5 March 2020", "11th of June"
const DAY_MONTH_ANY = new RegExp(
  String.raw`\b(\d{1,2})${ORD}(?:[ ]+(?:of[ ]+)?|-)(${MONTH})(?![a-z])(?:,?[ -]+(${YEAR})\b)?`,
  'gi',
);
// "March 2020", "JAN '62"
const MONTH_YEAR_ANY = new RegExp(String.raw`\b(${MONTH})(?![a-z]),?[ ]+(${YEAR})\b`, 'gi');
// 2020-03-05, optionally with a time
const ISO =
  /\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g;
// 3/5/2020, 3-5-20, 05.03.2020
const NUMERIC = /(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w]|[/.-]\d)/g;
// 3/5 without a year (also the second date of a range "3/2-3/5"): a date unless the words
// around it make it a score, a fraction, a ventilator setting or a ratio
const MONTH_DAY_NUMERIC_ANY =
  /(?<![\w/.]|[^\d/]-)(\d{1,2})\/(\d{1,2})(?![\w%]|[/.]\d|-\d+\/\d+\/)/g;
const DATE_BEFORE =
  /\b(?:on|since|from|until|till|to|up|f\/u|dated|seen|admitted|admission|discharged|discharge|dob|d\.o\.b\.?|date|visit|surgery|started|stopped|born|birth|through|thru|by|last|next|of|done|placed|removed|revised|home|added|starting|see|tomorrow|yesterday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\W{0,3}$/;
/** "relief to 2/10", "down to 3/10": a score that changed. */
const SCORE_CHANGE_BEFORE =
  /\b(?:relief|down|decreased?|improved|increased?|went|goes|going|now)\b[^.;\n]{0,10}$/;
const FRACTIONS = new Set(['1/2', '1/3', '2/3', '1/4', '3/4']);
const NOT_DATE_AFTER =
  /^\s*(?:pain|strength|tab|tabs|tablet|tablets|scale|score|pills?|cap|caps|dose|of|mg|mcg|ml|cc|units?|times|x\b|stars?|rating|grade|bilat|bilaterally|upper|lower|min|hrs?|hours?|\/|%)/;
/** Score, ventilator and ratio words before a number pair in the same clause. */
const NOT_DATE_BEFORE =
  /\b(?:pain|strength|grip|score|scale|graded?|rated?|rates|rating|motor|power|take|tab|tabs|gcs|apgar|bp|psv|ps|cpap|bipap|peep|vent|settings?|hct|hgb|i:e|ratio|day|pod|abg|vbg|lockout|x)\b[^.;\n]{0,25}$/;
// "10/03/10/04": two month/day dates written as a range
const DATE_PAIR_ANY = /(?<![\w/.-])(\d{1,2})\/(\d{1,2})\/(\d{1,2})\/(\d{1,2})(?![\w]|[/.-]\d)/g;
const UNIT_AFTER = /^\s*(?:mg|mcg|g|ml|cc|units?|times|tabs?|%)\b/i;
// "on the 11th", "the 3rd"
const ORDINAL_DAY =
  /(?:\b(?:on|the|or|and|until|by|since|through|thru)|-)[ ]*(?:the[ ]+)?(\d{1,2})(st|nd|rd|th)\b/gi;

/** Cheap substring tests that let a text skip patterns that cannot match it. */
const has = (lower: string, words: readonly string[]): boolean =>
  words.some((w) => lower.includes(w));
const MONTH_HINTS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];
const WEEKDAY_HINTS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const HOLIDAY_HINTS = [
  'christmas',
  'thanksgiving',
  'year',
  'easter',
  'patrick',
  ' day',
  'july',
  'halloween',
  'hanukkah',
  'chanukah',
  'passover',
  'rosh',
  'kippur',
  'friday',
];
const NEVER = /$^/g;
const DAY_RANGE_END = /^[ ]?[-–][ ]?(\d{1,2})(?![\d/:]|\.\d)/;

export const detectDate: Detector = (text) => {
  const spans: RawSpan[] = [];
  const lower = text.toLowerCase();
  const months = has(lower, MONTH_HINTS);
  const slash = lower.includes('/');
  const MONTH_DAY = months ? MONTH_DAY_ANY : NEVER;
  const DAY_MONTH = months ? DAY_MONTH_ANY : NEVER;
  const MONTH_YEAR = months ? MONTH_YEAR_ANY : NEVER;
  const MONTH_ALONE = months ? MONTH_ALONE_ANY : NEVER;
  const DATE_PAIR = slash ? DATE_PAIR_ANY : NEVER;
  const MONTH_DAY_NUMERIC = slash ? MONTH_DAY_NUMERIC_ANY : NEVER;
  const WEEKDAY = has(lower, WEEKDAY_HINTS) ? WEEKDAY_ANY : NEVER;
  const HOLIDAY = has(lower, HOLIDAY_HINTS) ? HOLIDAY_ANY : NEVER;
  for (const m of text.matchAll(MONTH_DAY)) {
    const end = m.index + m[0].length;
    // "may 5 mg", "march 3 times": a lower-case "may" without a year, or a unit after the number
    if (m[3] === undefined && (m[1] === 'may' || UNIT_AFTER.test(text.slice(end, end + 10))))
      continue;
    if (calendarValid(monthNumber(m[1]!), Number(m[2]), yearValue(m[3]))) {
      push(spans, m.index, end, 0.95);
      // "Dec 20-21", "March 3–5": the range's last day is a date too
      const range = m[3] === undefined ? DAY_RANGE_END.exec(text.slice(end, end + 4)) : null;
      if (range && Number(range[1]) > Number(m[2]) && Number(range[1]) <= 31)
        push(spans, end + range[0].length - range[1]!.length, end + range[0].length, 0.85);
    }
  }
  for (const m of text.matchAll(DATE_PAIR))
    if (calendarValid(Number(m[1]), Number(m[2])) && calendarValid(Number(m[3]), Number(m[4]))) {
      const second = m.index + m[0].length - m[3]!.length - m[4]!.length - 1;
      push(spans, m.index, m.index + m[1]!.length + m[2]!.length + 1, 0.8);
      push(spans, second, m.index + m[0].length, 0.8);
    }
  for (const m of text.matchAll(DAY_MONTH)) {
    // "2 may benefit", "3 march": the lower-case words "may" and "march" need a year
    if (m[3] === undefined && (m[2] === 'may' || m[2] === 'march')) continue;
    if (calendarValid(monthNumber(m[2]!), Number(m[1]), yearValue(m[3])))
      push(spans, m.index, m.index + m[0].length, 0.95);
  }
  for (const m of text.matchAll(MONTH_YEAR)) {
    // "may 2019" is a date; "may" as a verb before a 4-digit number is rare enough
    push(spans, m.index, m.index + m[0].length, 0.9);
  }
  for (const m of text.matchAll(ISO))
    if (calendarValid(Number(m[2]), Number(m[3]), Number(m[1])))
      push(spans, m.index, m.index + m[0].length, 0.97);
  for (const m of text.matchAll(NUMERIC)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = m[4]!.length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    // "." is day.month.year (European); "/" and "-" are month/day/year, else day/month/year
    const valid =
      m[2] === '.'
        ? calendarValid(b, a, year)
        : calendarValid(a, b, year) || calendarValid(b, a, year);
    if (valid) push(spans, m.index, m.index + m[0].length, 0.93);
  }
  for (const m of text.matchAll(MONTH_DAY_NUMERIC)) {
    const end = m.index + m[0].length;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (!calendarValid(a, b)) continue;
    const prior = before(text, m.index);
    const dated = DATE_BEFORE.test(prior) || /\d\/\d{1,2}-$/.test(prior);
    if (NOT_DATE_AFTER.test(text.slice(end, end + 15).toLowerCase())) continue;
    // pain out of 10, strength out of 5, halves, thirds and quarters
    const scoreLike = (b === 10 && a <= 10) || (b === 5 && a <= 5) || FRACTIONS.has(m[0]);
    if (scoreLike && (NOT_DATE_BEFORE.test(prior) || SCORE_CHANGE_BEFORE.test(prior) || !dated))
      continue;
    if (!dated && NOT_DATE_BEFORE.test(prior)) continue;
    push(spans, m.index, end, dated ? 0.85 : 0.75);
  }
  for (const m of text.matchAll(ORDINAL_DAY)) {
    const day = Number(m[1]);
    if (day < 1 || day > 31) continue;
    const end = m.index + m[0].length;
    // "the 2nd floor", "the 5th rib": an ordinal followed by a noun is no date
    if (
      /^[ ]+(?!of\b|at\b|and\b|or\b|to\b|through\b|until\b|if\b|in\b|for\b)\p{L}/iu.test(
        text.slice(end, end + 12),
      )
    )
      continue;
    const start = end - m[1]!.length - m[2]!.length;
    push(spans, start, end, 0.6);
  }
  for (const m of text.matchAll(WEEKDAY)) {
    const word = m[1]!;
    const end = m.index + m[0].length;
    const full = /day$/i.test(word);
    if (!full) {
      // "Sat", "WED": a date only when written with a date or after a date word
      const withDate = m[2] !== undefined;
      // "?cath Mon.": a capitalised abbreviation ending a clause in mixed-case text
      const titled =
        /^\p{Lu}\p{Ll}/u.test(word) &&
        (m[0].endsWith('.') || /^(?:[ ]*$|[ ]*[.;,\n)])/.test(text.slice(end, end + 3)));
      const listed =
        WEEKDAY_NEXT.test(text.slice(end, end + 8)) ||
        WEEKDAY_PREVIOUS.test(text.slice(Math.max(0, m.index - 8), m.index));
      const context = listed || WEEKDAY_CONTEXT.test(before(text, m.index));
      // "d/c Wed", "BIOPSY FRI": Tue to Fri name nothing else when not written in lower case;
      // Mon, Sat and Sun ("SAT" a saturation) need a time of day after them ("WED NIGHT")
      const midweek = /^(?:tues?|weds?|thu(?:rs?)?|fri)$/i.test(word);
      const timed = WEEKDAY_TIME_AFTER.test(text.slice(end, end + 12));
      if (!withDate && !titled && !context && !midweek && !timed) continue;
      if (!withDate && word === word.toLowerCase()) continue;
      if (!withDate && /^(?:sat|sun)$/i.test(word) && !context && !timed) continue;
    }
    push(spans, m.index, end, 0.85);
  }
  for (const m of text.matchAll(HOLIDAY)) push(spans, m.index, m.index + m[0].length, 0.85);
  // "the night after the Fourth": Independence Day by its ordinal, capitalised, no noun after it
  if (text.includes('the Fourth'))
    for (const m of text.matchAll(/\bthe (Fourth)\b(?![ ]+(?:of(?![ ]+July)|[\p{L}\d]))/gu))
      push(spans, m.index + 4, m.index + m[0].length, 0.7);
  for (const m of text.matchAll(MONTH_ALONE)) {
    // "march" is a verb too: a month alone is written with a capital; "June Whitacre" is a name
    if (m[0] === m[0].toLowerCase()) continue;
    const next = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (m[0] !== m[0].toUpperCase() && /^[ ]\p{Lu}\p{Ll}/u.test(next)) continue;
    push(spans, m.index, m.index + m[0].length, 0.7);
  }
  return spans;
};

// "Monday", "TUES 4/16", "Fri 8/9": a weekday, with the date written after it as one span
const WEEKDAY_ANY =
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)\b\.?(?:,?[ ]+(\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)(?![\w/]))?/gi;
// a date word, a verb of coming ("will come Sat", "flying in Weds") or a past participle
// ("changed Mon by wound RN") before the weekday
const WEEKDAY_CONTEXT =
  /\b(?:on|until|till|by|next|last|this|every|from|to|thru|through|visit|return|see|since|before|after|come|comes|coming|arrives?|arriving|in|due|again|[a-z]{3,}ed)\W{0,3}$/i;
const WEEKDAY_TIME_AFTER =
  /^[ ]+(?:night|nite|morning|am|pm|a\.m\.|p\.m\.|evening|afternoon|noon|at[ ]+\d|\d{1,2}(?::\d\d)?[ ]?(?:am|pm)\b|[0-2]\d[0-5]\d\b)/i;
// "MON/WED/FRI", "Tue-Thu": weekdays written as a list
const WEEKDAY_NEXT = /^(?:[ ]?[/,&-][ ]?|[ ]and[ ])(?:mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)\b/i;
const WEEKDAY_PREVIOUS =
  /\b(?:mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)(?:[ ]?[/,&-][ ]?|[ ]and[ ])$/i;
const HOLIDAY_ANY =
  /\b(?:christmas(?:[ ]+(?:day|eve))?|thanksgiving(?:[ ]+day)?|new[ ]+year['’]?s(?:[ ]+(?:day|eve))?|easter(?:[ ]+sunday)?|(?:st\.?|saint)[ ]+patrick['’]?s[ ]+day|memorial[ ]+day|labou?r[ ]+day|independence[ ]+day|fourth[ ]+of[ ]+july|veterans['’]?[ ]+day|valentine['’]?s[ ]+day|mother['’]?s[ ]+day|father['’]?s[ ]+day|halloween|hanukkah|chanukah|passover|rosh[ ]+hashanah|yom[ ]+kippur|good[ ]+friday|columbus[ ]+day|presidents['’]?[ ]+day|martin[ ]+luther[ ]+king[ ]+day|mlk[ ]+day)\b/gi;
// a month name alone ("thinks it is July"): full names only
const MONTH_ALONE_ANY =
  /\b(?:january|february|march|april|june|july|august|september|october|november|december)\b(?![ ]+\d)/gi;

function before(text: string, index: number): string {
  return text.slice(Math.max(0, index - 25), index).toLowerCase();
}

// "92 yo", "92 y/o", "94-year-old", "95 years old", "aged 95", "age: 91"
const AGE_AFTER =
  /(?<![\w.])(\d{2,3})[ -]?(?=(?:yo\b|y\/o|y\.o\.|yrs?\b|years?[ -]old|year[ -]old|-year-old|yr[ -]old))/gi;
const AGE_BEFORE = /\b(?:aged?|age:)[ ]*(\d{2,3})(?![\w]|\.\d)/gi;

const TENS = 'ninety|one hundred(?: and)?|a hundred(?: and)?';
const UNITS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
// "ninety-four year old", "NINETY-ONE YEARS OLD"
const AGE_WORDS = new RegExp(
  String.raw`\b(?:${TENS})(?:[- ](?:${UNITS}))?(?=[ -]+(?:years?|yrs?|y\/?o)\b)`,
  'gi',
);
// "(ninety yesterday)", "turned ninety-two": a number word from ninety up is written for an age
// (measurements are written in digits) unless a unit follows it
const AGE_WORD_ALONE = new RegExp(
  String.raw`\b(?:ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|(?:one|a) hundred(?:[- ](?:and[ ])?(?:${UNITS}))?)\b(?![ -]*(?:percent|%|mg|mcg|ml|cc|units?|minutes?|mins?|seconds?|secs?|hours?|hrs?|days?|weeks?|months?|pounds?|lbs?|kg|degrees?|mm|beats|bpm|times|dollars|feet|ft|yards|meters|miles|steps|[a-z]+s\b))`,
  'gi',
);
// "her 100th birthday", "NINETIETH BIRTHDAY"
const AGE_BIRTHDAY =
  /\b(?:(?:9\d|1[01]\d)(?:st|nd|rd|th)|ninetieth|ninety-\w+(?:st|nd|rd|th)|(?:one )?hundredth)(?=[ ]+birthday\b)/gi;
// "in her 90s", "turned 90", "now 95"
const AGE_DECADE = /\bin (?:his|her|their) (?:early |mid-?|late )?((?:9\d|1[01]\d)['’]?s)\b/gi;
const AGE_TURNED =
  /\b(?:turned|turns|turning|will be|now)[ ]+(9\d|1[01]\d)\b(?![ ]*(?:%|mg|ml|cc|min|\/))/gi;
const AGE_DECADE_HINT = /\bin (?:his|her|their) /i;
const AGE_TURNED_HINT = /(?:turned|turns|turning|will be|now)[ ]/i;
// a digit, then "y" or "-y" (every AGE_AFTER look-ahead begins so)
const AGE_AFTER_HINT = /\d[ -]?-?y/i;

/** Ages over 89 (HIPAA): the number only, so a surrogate can write "90+". */
export const detectAge: Detector = (text) => {
  const spans: RawSpan[] = [];
  // each pattern is tried only when the text has a word every match of it contains
  if (/ninet|hundred|birthday/i.test(text)) {
    for (const m of text.matchAll(AGE_WORDS))
      spans.push({ start: m.index, end: m.index + m[0].length, category: 'AGE', confidence: 0.85 });
    for (const m of text.matchAll(AGE_WORD_ALONE))
      spans.push({ start: m.index, end: m.index + m[0].length, category: 'AGE', confidence: 0.7 });
    for (const m of text.matchAll(AGE_BIRTHDAY))
      spans.push({ start: m.index, end: m.index + m[0].length, category: 'AGE', confidence: 0.85 });
  }
  const decade = AGE_DECADE_HINT.test(text);
  const turned = AGE_TURNED_HINT.test(text);
  for (const pattern of [...(decade ? [AGE_DECADE] : []), ...(turned ? [AGE_TURNED] : [])])
    for (const m of text.matchAll(pattern)) {
      const end = m.index + m[0].length;
      spans.push({ start: end - m[1]!.length, end, category: 'AGE', confidence: 0.85 });
    }
  for (const m of AGE_AFTER_HINT.test(text) ? text.matchAll(AGE_AFTER) : []) {
    const age = Number(m[1]);
    if (age >= 90 && age <= 130)
      spans.push({ start: m.index, end: m.index + m[1]!.length, category: 'AGE', confidence: 0.9 });
  }
  for (const m of /age/i.test(text) ? text.matchAll(AGE_BEFORE) : []) {
    const age = Number(m[1]);
    const end = m.index + m[0].length;
    if (age >= 90 && age <= 130)
      spans.push({ start: end - m[1]!.length, end, category: 'AGE', confidence: 0.9 });
  }
  return spans;
};
