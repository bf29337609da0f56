/*
 * Date surrogates: a detected date is parsed into its parts (year, month, day, in whatever
 * order and spelling the text used), moved by the patient's offset in days, and written back
 * in the same form — "03/05/2020" stays zero-padded month/day/year, "JAN 5th" stays an upper-case
 * abbreviation with an ordinal, "2020-03-05T10:30Z" keeps its time. Because every date of a
 * patient moves by the same number of days, the interval between two of them is unchanged.
 *
 * Parts the text leaves out are taken from a reference: a date without a year is computed in
 * 2000 (a leap year, so "2/29" exists), a month and year without a day as the 15th, a day alone
 * ("the 11th") in a 31-day month. The interval between two year-less dates is therefore exact
 * unless they straddle the end of February; a month-year moves to the month its 15th lands in.
 * With keepYear the shifted month and day are written with the original year, so an interval
 * across New Year changes by a year (packages/cli/README.md, `concord deid`). A weekday alone
 * moves by the offset modulo 7; a holiday becomes its (typical) date moved, written "December 30";
 * a year, a decade or a time of day alone is kept.
 */
import { applyCase, letterCase } from './surrogate-random.js';

const MONTH_NAMES =
  'january february march april may june july august september october november december'.split(
    ' ',
  );
const WEEKDAY_NAMES = 'sunday monday tuesday wednesday thursday friday saturday'.split(' ');

/**
 * Holidays the detectors report as dates, with their date (movable feasts: a typical one, so
 * the interval to the patient's other dates is only approximate).
 */
const HOLIDAYS: Record<string, readonly [month: number, day: number]> = {
  newyearsday: [1, 1],
  newyears: [1, 1],
  newyear: [1, 1],
  martinlutherkingday: [1, 17],
  mlkday: [1, 17],
  valentinesday: [2, 14],
  presidentsday: [2, 17],
  stpatricksday: [3, 17],
  saintpatricksday: [3, 17],
  easter: [4, 9],
  eastersunday: [4, 9],
  goodfriday: [4, 7],
  mothersday: [5, 10],
  memorialday: [5, 28],
  fathersday: [6, 18],
  juneteenth: [6, 19],
  independenceday: [7, 4],
  fourthofjuly: [7, 4],
  laborday: [9, 4],
  columbusday: [10, 10],
  halloween: [10, 31],
  veteransday: [11, 11],
  thanksgiving: [11, 24],
  thanksgivingday: [11, 24],
  hanukkah: [12, 15],
  chanukah: [12, 15],
  christmaseve: [12, 24],
  christmas: [12, 25],
  christmasday: [12, 25],
  newyearseve: [12, 31],
};

const TOKEN = new RegExp(
  [
    // a time of day (kept as it is), with seconds, am/pm or a zone
    String.raw`(?<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[ap]\.?m\.?)?(?:Z|[+-]\d{2}:?\d{2})?)`,
    String.raw`(?<decade>(?:\d{4}|['’]\d{2})s)(?![a-z])`,
    String.raw`(?<apostrophe>['’]\d{2})(?!\d)`,
    String.raw`(?<number>\d+)(?<ordinal>st|nd|rd|th)?(?!(?!t\d)[a-z])`,
    String.raw`(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])`,
    String.raw`(?<weekday>(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)(?![a-z])`,
  ].join('|'),
  'giy',
);

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'time'; text: string }
  | { kind: 'number'; text: string; value: number; ordinal?: string }
  | { kind: 'apostrophe'; text: string; value: number }
  | { kind: 'decade'; text: string; value: number }
  | { kind: 'month'; text: string; value: number }
  | { kind: 'weekday'; text: string };

/** Two-digit years: 00–30 are 20xx, 31–99 are 19xx (clinical text spans both centuries). */
function fullYear(twoDigits: number): number {
  return twoDigits <= 30 ? 2000 + twoDigits : 1900 + twoDigits;
}

function tokenise(text: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    TOKEN.lastIndex = i;
    // a token only starts at a word boundary ("3rd" is one token, "x3" is not a number),
    // or after the "T" between an ISO date and its time
    const prior = text.slice(Math.max(0, i - 2), i);
    const m = /[\p{L}\d]$/u.test(prior) && !/\dT$/i.test(prior) ? null : TOKEN.exec(text);
    if (!m) {
      literal += text[i++];
      continue;
    }
    if (literal) parts.push({ kind: 'text', text: literal });
    literal = '';
    const g = m.groups!;
    if (g.time) parts.push({ kind: 'time', text: m[0] });
    else if (g.decade) {
      const digits = g.decade.replace(/\D/g, '');
      const value = digits.length === 2 ? fullYear(Number(digits)) : Number(digits);
      parts.push({ kind: 'decade', text: m[0], value });
    } else if (g.apostrophe)
      parts.push({ kind: 'apostrophe', text: m[0], value: fullYear(Number(m[0].slice(1))) });
    else if (g.number)
      parts.push({
        kind: 'number',
        text: g.number,
        value: Number(g.number),
        ...(g.ordinal ? { ordinal: g.ordinal } : {}),
      });
    else if (g.month)
      parts.push({
        kind: 'month',
        text: m[0],
        value: MONTH_NAMES.findIndex((n) => n.startsWith(g.month!.slice(0, 3).toLowerCase())) + 1,
      });
    else parts.push({ kind: 'weekday', text: m[0] });
    i = m.index + m[0].length;
  }
  if (literal) parts.push({ kind: 'text', text: literal });
  return parts;
}

type Role = 'year' | 'month' | 'day';

function validMonthDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Roles for parts in order: inOrder([a, b, c], 'month', 'day', 'year'). */
function inOrder(parts: readonly Part[], ...roles: Role[]): Map<Part, Role> {
  return new Map(parts.map((part, i) => [part, roles[i]!]));
}

/** Which part is the year, month and day; undefined when the parts do not read as one date. */
function assignRoles(parts: readonly Part[]): Map<Part, Role> | undefined {
  const roles = new Map<Part, Role>();
  const dated = parts.filter((p) => p.kind !== 'text' && p.kind !== 'time' && p.kind !== 'weekday');
  if (dated.length === 0) return roles;
  const months = dated.filter((p) => p.kind === 'month');
  if (months.length > 1) return undefined;
  if (months.length === 1) {
    roles.set(months[0]!, 'month');
    for (const p of dated) {
      if (p.kind === 'month') continue;
      const has = (role: Role) => [...roles.values()].includes(role);
      if (p.kind === 'apostrophe' || (p.kind === 'number' && p.text.length === 4)) {
        if (has('year')) return undefined;
        roles.set(p, 'year');
      } else if (p.kind === 'number' && !has('day') && p.value >= 1 && p.value <= 31)
        roles.set(p, 'day');
      else if (p.kind === 'number' && has('day') && !has('year') && p.text.length === 2)
        roles.set(p, 'year');
      else return undefined;
    }
    return roles;
  }
  if (dated.some((p) => p.kind === 'decade')) {
    if (dated.length !== 1) return undefined;
    roles.set(dated[0]!, 'year');
    return roles;
  }
  const numbers = dated as Extract<Part, { kind: 'number' | 'apostrophe' }>[];
  const separators = parts
    .filter((p) => p.kind === 'text')
    .map((p) => p.text)
    .join('');
  const is4 = (p: Part | undefined) => p?.kind === 'number' && p.text.length === 4;
  const isYear = (p: Part | undefined) => is4(p) || p?.kind === 'apostrophe';
  const [a, b, c] = numbers;
  if (numbers.length === 3 && a && b && c) {
    if (is4(a)) return inOrder([a, b, c], 'year', 'month', 'day');
    if (separators.includes('.') || !validMonthDay(a.value, b.value))
      return inOrder([a, b, c], 'day', 'month', 'year');
    return inOrder([a, b, c], 'month', 'day', 'year');
  }
  if (numbers.length === 2 && a && b) {
    if (is4(a)) return inOrder([a, b], 'year', 'month');
    if (isYear(b)) return inOrder([a, b], 'month', 'year');
    if (separators.includes('.') || !validMonthDay(a.value, b.value))
      return inOrder([a, b], 'day', 'month');
    return inOrder([a, b], 'month', 'day');
  }
  if (numbers.length === 1 && a) {
    if (isYear(a)) return inOrder([a], 'year');
    if (a.kind === 'number' && a.ordinal && a.value >= 1 && a.value <= 31)
      return inOrder([a], 'day');
  }
  return undefined;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant, "chrono-Compatible
 * Low-Level Date Algorithms", days_from_civil / civil_from_days); an out-of-range day such as
 * February 31 counts on into March. Pure arithmetic: core never reads the clock.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function ordinalSuffix(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

function renderMonth(original: string, month: number): string {
  const full = MONTH_NAMES[month - 1]!;
  const word = original.toLowerCase();
  const wasFull = MONTH_NAMES.includes(word);
  // "Sept" keeps its 4 letters only for September; any other abbreviation is 3 letters
  const abbreviation = word === 'sept' && month === 9 ? 'sept' : full.slice(0, 3);
  const form = letterCase(original);
  return applyCase(wasFull ? full : abbreviation, form === 'mixed' ? 'title' : form);
}

function renderWeekday(original: string, weekday: number): string {
  const full = WEEKDAY_NAMES[weekday]!;
  const word = original.toLowerCase();
  const text = WEEKDAY_NAMES.includes(word) ? full : full.slice(0, Math.min(word.length, 3));
  const form = letterCase(original);
  return applyCase(text, form === 'mixed' ? 'title' : form);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Moves the date written in `text` by `offsetDays` and writes it in the same form, or returns
 * undefined when `text` is not one date this parser reads (the caller then redacts it). A year
 * or decade alone is returned as it is: Safe Harbor keeps years.
 *
 * @example shiftDateText('03/05/2020', 10, false) // '03/15/2020'
 * @example shiftDateText('JAN 30th', 3, false)    // 'FEB 2nd'
 */
export function shiftDateText(
  text: string,
  offsetDays: number,
  keepYear: boolean,
): string | undefined {
  const holiday = HOLIDAYS[text.toLowerCase().replace(/[^a-z]/g, '')];
  if (holiday) return renderHoliday(text, holiday, offsetDays);
  const parts = tokenise(text);
  const roles = assignRoles(parts);
  if (!roles) return shiftRange(parts, offsetDays, keepYear);
  if (roles.size === 0) return dateless(text, parts, offsetDays);
  if (![...roles.values()].some((role) => role !== 'year')) return text;
  return shiftParts(parts, roles, offsetDays, keepYear);
}

/**
 * Renders the parts moved by the offset. A month-year, a day alone or (with keepYear) a shift
 * of a whole year can land on the same text; the date then moves on, a day at a time in the
 * offset's direction, until it differs.
 */
function shiftParts(
  parts: readonly Part[],
  roles: ReadonlyMap<Part, Role>,
  offsetDays: number,
  keepYear: boolean,
): string | undefined {
  const text = parts.map((p) => p.text).join('');
  const step = offsetDays < 0 ? -1 : 1;
  for (let extra = 0; extra < 400; extra++) {
    const shifted = render(parts, roles, offsetDays + step * extra, keepYear);
    if (shifted !== text) return shifted;
  }
  return undefined;
}

const RANGE_SEPARATOR = /^\s*(?:-|–|—|to|through|thru|until)\s*$/i;

/**
 * A range written as one date span: "10/03-10/04", "3/5/2020 to 3/9/2020", "March 3-5, 2020".
 * Each end moves by the offset; an end that lacks a part takes it from the other ("5" in
 * "March 3-5, 2020" is a day of March 2020).
 */
function shiftRange(
  parts: readonly Part[],
  offsetDays: number,
  keepYear: boolean,
): string | undefined {
  const at = parts.findIndex((p) => p.kind === 'text' && RANGE_SEPARATOR.test(p.text));
  if (at <= 0 || at === parts.length - 1) return undefined;
  const left = parts.slice(0, at);
  const right = parts.slice(at + 1);
  const leftRoles = assignRoles(left);
  let rightRoles = assignRoles(right);
  if (!leftRoles || leftRoles.size === 0) return undefined;
  if (left.some((p) => p.kind === 'month') && !right.some((p) => p.kind === 'month')) {
    // "March 3-5, 2020": the end is a day of the start's month, perhaps with the year
    const [day, year, ...more] = right.filter(
      (p) => p.kind === 'number' || p.kind === 'apostrophe',
    );
    const isDay =
      day?.kind === 'number' && day.text.length <= 2 && day.value >= 1 && day.value <= 31;
    const isYear = year === undefined || year.kind === 'apostrophe' || year.text.length === 4;
    if (!isDay || !isYear || more.length > 0) return undefined;
    rightRoles = year ? inOrder([day, year], 'day', 'year') : inOrder([day], 'day');
  }
  if (!rightRoles || rightRoles.size === 0) return undefined;
  // each end borrows the parts it lacks from the other (they are not written out)
  const borrow = (own: ReadonlyMap<Part, Role>, other: ReadonlyMap<Part, Role>) => {
    const roles = new Map(own);
    const has = new Set(own.values());
    for (const [part, role] of other) if (!has.has(role)) roles.set(part, role);
    return roles;
  };
  const start = shiftParts(left, borrow(leftRoles, rightRoles), offsetDays, keepYear);
  const end = shiftParts(right, borrow(rightRoles, leftRoles), offsetDays, keepYear);
  if (start === undefined || end === undefined) return undefined;
  return start + parts[at]!.text + end;
}

/** A weekday alone moves with the offset; a time alone is kept; anything else: undefined. */
function dateless(text: string, parts: readonly Part[], offsetDays: number): string | undefined {
  const named = parts.filter((p) => p.kind !== 'text');
  if (named.length > 0 && named.every((p) => p.kind === 'time')) return text;
  if (named.length !== 1 || named[0]!.kind !== 'weekday') return undefined;
  const weekday = named[0]!;
  const index = WEEKDAY_NAMES.findIndex((n) =>
    n.startsWith(weekday.text.slice(0, 3).toLowerCase()),
  );
  // an offset of whole weeks would give the same day: one day further, in its direction
  const shift = offsetDays % 7 === 0 ? offsetDays + (offsetDays < 0 ? -1 : 1) : offsetDays;
  const moved = renderWeekday(weekday.text, (((index + shift) % 7) + 7) % 7);
  return parts.map((p) => (p === weekday ? moved : p.text)).join('');
}

/** The weekday (0 = Sunday) `offsetDays` after the one named by `word`. */
function movedWeekday(word: string, offsetDays: number): number {
  const index = WEEKDAY_NAMES.findIndex((n) => n.startsWith(word.slice(0, 3).toLowerCase()));
  return (((index + offsetDays) % 7) + 7) % 7;
}

function renderHoliday(
  text: string,
  [month, day]: readonly [number, number],
  offsetDays: number,
): string {
  const shifted = civilFromDays(daysFromCivil(2001, month, day) + offsetDays);
  const form = letterCase(text);
  const trailing = /[^\p{L}]*$/u.exec(text)![0];
  return (
    applyCase(
      `${MONTH_NAMES[shifted.month - 1]!} ${shifted.day}`,
      form === 'mixed' ? 'title' : form,
    ) + trailing
  );
}

function render(
  parts: readonly Part[],
  roles: ReadonlyMap<Part, Role>,
  offsetDays: number,
  keepYear: boolean,
): string {
  const partFor = (role: Role) => [...roles].find(([, r]) => r === role)?.[0];
  const yearPart = partFor('year');
  const monthPart = partFor('month');
  const dayPart = partFor('day');
  const year: number | undefined =
    yearPart?.kind === 'number' && yearPart.text.length === 2
      ? fullYear(yearPart.value)
      : yearPart && 'value' in yearPart
        ? yearPart.value
        : undefined;
  const month = monthPart && 'value' in monthPart ? monthPart.value : undefined;
  const day = dayPart && 'value' in dayPart ? dayPart.value : undefined;
  // missing parts come from the reference described at the top of this file
  const shifted = civilFromDays(
    daysFromCivil(year ?? 2000, month ?? 1, day ?? (month !== undefined ? 15 : 1)) + offsetDays,
  );
  const newYear = keepYear && year !== undefined ? year : shifted.year;
  const newMonth = shifted.month;
  // A 29 February reached in another year, written with a kept year that has none: the 28th.
  const newDay =
    newMonth === 2 &&
    shifted.day === 29 &&
    daysFromCivil(newYear, 3, 1) - daysFromCivil(newYear, 2, 28) === 1
      ? 28
      : shifted.day;
  // 1970-01-01 was a Thursday (4)
  const weekday = (((daysFromCivil(newYear, newMonth, newDay) + 4) % 7) + 7) % 7;
  const fullDate = year !== undefined && month !== undefined && day !== undefined;
  // "03/05/2020" and ISO dates pad to two digits; "3/5/2020", "11/22/2000" and "JAN 11th" do not
  const padded =
    monthPart?.kind === 'number' &&
    ([monthPart, dayPart].some((p) => p?.text.startsWith('0')) ||
      (yearPart !== undefined &&
        parts.includes(yearPart) &&
        parts.indexOf(yearPart) < parts.indexOf(monthPart)));
  return parts
    .map((p) => {
      const role = roles.get(p);
      if (p.kind === 'weekday')
        return renderWeekday(p.text, fullDate ? weekday : movedWeekday(p.text, offsetDays));
      if (p.kind === 'month') return renderMonth(p.text, newMonth);
      if (p.kind === 'apostrophe') return `${p.text[0]}${pad(newYear % 100, 2)}`;
      if (p.kind !== 'number' || !role) return p.text;
      if (role === 'year') return p.text.length === 2 ? pad(newYear % 100, 2) : String(newYear);
      const value = role === 'month' ? newMonth : newDay;
      const width = padded || p.text.startsWith('0') ? 2 : 1;
      const suffix = p.ordinal ? applyCase(ordinalSuffix(value), letterCase(p.ordinal)) : '';
      return pad(value, width) + suffix;
    })
    .join('');
}
