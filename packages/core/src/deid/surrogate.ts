/*
 * Realistic, consistent surrogates for detected identifiers (issue 6). Each surrogate is drawn
 * from HMAC-SHA256(project secret, category ‖ normalised original) (surrogate-random.ts), so the
 * same identifier gets the same surrogate in every item and every re-import of a project, and
 * another project's secret gives unrelated ones. The surrogate keeps the original's form: digit
 * grouping and punctuation, letter case, name order and initials, the way a date was written.
 * A surrogate that would equal the original is drawn again.
 *
 * Choices worth knowing (also in packages/cli/README.md):
 * - SSN: area 900–999, a range the SSA never issues, so a surrogate is never a real SSN.
 * - Credit card: first digit (network) kept, the rest random, check digit made Luhn-valid so
 *   the text still reads as a card number to people and validators.
 * - IBAN: country kept, random account part, valid ISO 7064 check digits.
 * - ZIP: Safe Harbor allows keeping the first three digits only where that area has more than
 *   20,000 people, which these lists cannot tell, so a ZIP becomes a different real US ZIP code.
 * - Dates move by the patient's offset (surrogate-dates.ts); a year or decade alone is kept
 *   (Safe Harbor keeps years). Ages over 89 become "90+"; younger ages are not identifiers.
 */
import type { DeidConfig } from './config.js';
import { placeLists, nameLists } from './dictionaries.js';
import { shiftDateText } from './surrogate-dates.js';
import { nameWordSurrogate, personSurrogate, type NameContext } from './surrogate-names.js';
import {
  applyCase,
  KeyedRandom,
  letterCase,
  normaliseIdentifier,
  type SecretKey,
} from './surrogate-random.js';
import { luhnValid } from './validators.js';

/** What surrogates of one record share: the key, the config, the date offset, name roles. */
export interface SurrogateContext {
  readonly secret: SecretKey;
  readonly config: Pick<DeidConfig, 'mode' | 'keepYear'>;
  /** Days every date of this record's patient moves by (never 0). */
  readonly dateOffsetDays: number;
  /** What this record's names show about their words (roles, initials). */
  readonly names: NameContext;
  /**
   * Surrogates already drawn for this record (its name repeated costs a lookup). Lives only as
   * long as the record's de-identification, so no original stays in memory after it.
   */
  readonly memo?: Map<string, string>;
}

/** The placeholder of redact mode, e.g. `[PERSON]`. */
export function redaction(category: string): string {
  return `[${category}]`;
}

/** Surrogate surnames come from the 5,000 most frequent (rarer ones look odd). */
let surnames: readonly string[] | undefined;
function surnamePool(): readonly string[] {
  return (surnames ??= nameLists().surnames.slice(0, 5000));
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Replaces each digit and letter by a random one of its kind and case; everything else is
 * kept. In `hex` mode (IPv6) letters a–f stay hexadecimal.
 */
function scramble(text: string, random: KeyedRandom, hex = false): string {
  let result = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 48 && code <= 57) result += random.char(DIGITS);
    else if (hex && /[a-f]/i.test(ch)) {
      const letter = random.char('abcdef');
      result += code < 97 ? letter.toUpperCase() : letter;
    } else if ((code >= 65 && code <= 90) || (code > 127 && /\p{Lu}/u.test(ch)))
      result += random.char(UPPER);
    else if ((code >= 97 && code <= 122) || (code > 127 && /\p{L}/u.test(ch)))
      result += random.char(LOWER);
    else result += ch;
  }
  return result;
}

/** Sets the digit at digit-position `n` (0-based, counting digits only) of a formatted string. */
function setDigit(text: string, n: number, digit: string): string {
  let seen = -1;
  return text.replace(/\d/g, (d) => (++seen === n ? digit : d));
}

function phone(text: string, random: KeyedRandom): string {
  // a "+44" country code and an extension marker are kept; the number itself is random
  const country = /^\+\d{1,3}/.exec(text)?.[0] ?? '';
  let body = text.slice(country.length).replace(/\d/g, () => random.char(DIGITS));
  // a national number does not start with 0 or 1 (NANP area and exchange codes)
  const first = body.search(/\d/);
  if (first >= 0 && !country) body = setDigit(body, 0, String(2 + random.below(8)));
  return country + body;
}

function ssn(text: string, random: KeyedRandom): string {
  return setDigit(scramble(text, random), 0, '9');
}

function creditCard(text: string, random: KeyedRandom): string {
  const digits = text.replace(/\D/g, '').length;
  let result = setDigit(scramble(text, random), 0, text.replace(/\D/g, '')[0]!);
  for (let check = 0; check < 10; check++) {
    result = setDigit(result, digits - 1, String(check));
    if (luhnValid(result)) break;
  }
  return result;
}

function mod97(digits: string): number {
  let remainder = 0;
  for (const ch of digits) {
    const code = ch.charCodeAt(0);
    const num = code >= 65 ? String(code - 55) : ch;
    for (const d of num) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder;
}

function iban(text: string, random: KeyedRandom): string {
  const country = text.slice(0, 2);
  const rest = scramble(text.slice(4), random);
  const bban = rest.replace(/ /g, '').toUpperCase();
  const check = 98 - mod97(bban + country.toUpperCase() + '00');
  return country + String(check).padStart(2, '0') + rest;
}

function ipAddress(text: string, random: KeyedRandom): string {
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(text))
    return Array.from({ length: 4 }, () => String(1 + random.below(254))).join('.');
  return scramble(text, random, true);
}

/** A lower-case word for host names and e-mail local parts: a surname. */
function nameWord(random: KeyedRandom): string {
  return random
    .pick(surnamePool())
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * An e-mail address: a name in the local part becomes that name's surrogate ("john.smith@" →
 * "mark.harper@" where John Smith became Mark Harper), other words surnames, digits random.
 */
function email(text: string, random: KeyedRandom, ctx: SurrogateContext): string {
  const at = text.lastIndexOf('@');
  const local = text
    .slice(0, at)
    .replace(/\p{L}+/gu, (w) =>
      applyCase(nameWordSurrogate(ctx.secret, w, ctx.names) ?? nameWord(random), letterCase(w)),
    )
    .replace(/\d+/g, (d) => scramble(d, random));
  return `${local}@${host(text.slice(at + 1), random)}`;
}

/** Second-level labels under a country code ("example.com.br", "nhs.co.uk"), kept as they are. */
const GENERIC_SECOND_LEVEL = new Set(['com', 'co', 'org', 'net', 'gov', 'edu', 'ac', 'nhs']);

/** A host name: "www" and the top-level domain (with "com." in "com.br") kept, the rest replaced. */
function host(name: string, random: KeyedRandom): string {
  const labels = name.split('.');
  const last = labels.length - 1;
  const kept = (label: string, i: number) =>
    i === last ||
    label.toLowerCase() === 'www' ||
    (i === last - 1 &&
      i > 0 &&
      labels[last]!.length === 2 &&
      GENERIC_SECOND_LEVEL.has(label.toLowerCase()));
  return labels
    .map((label, i) => (kept(label, i) ? label : applyCase(nameWord(random), letterCase(label))))
    .join('.');
}

function url(text: string, random: KeyedRandom): string {
  const m = /^((?:[a-z]+:\/\/)?)([^/?#:]+)(.*)$/i.exec(text);
  if (!m) return scramble(text, random);
  return m[1]! + host(m[2]!, random) + scramble(m[3]!, random);
}

function zip(text: string, random: KeyedRandom): string {
  const { zips } = placeLists();
  const five = random.pick(zips).zip;
  return text.length > 5 ? five + text.slice(5, 6) + scramble(text.slice(6), random) : five;
}

function location(text: string, random: KeyedRandom): string {
  // "Boston, MA": the city is replaced, a state after the comma is kept (Safe Harbor allows it)
  const comma = text.indexOf(',');
  const city = comma >= 0 ? text.slice(0, comma) : text;
  const form = letterCase(city);
  return (
    applyCase(random.pick(placeLists().cities), form === 'mixed' ? 'title' : form) +
    (comma >= 0 ? text.slice(comma) : '')
  );
}

const STREET_WORDS = new Set(
  (
    'street st avenue ave av road rd boulevard blvd drive dr lane ln court ct place pl square sq ' +
    'terrace ter parkway pkwy highway hwy way circle cir trail trl route rte plaza pike alley ' +
    'north south east west n s e w ne nw se sw apt apartment suite ste unit floor fl room rm ' +
    'building bldg po box p o the of and'
  ).split(' '),
);
const ORGANIZATION_WORDS = new Set(
  (
    'hospital hospitals medical center centre clinic clinics health healthcare care university ' +
    'college school general memorial regional community childrens children institute ' +
    'foundation inc llc ltd corp corporation company co bank group associates of the and for at ' +
    'services pharmacy laboratory laboratories lab labs nursing home rehabilitation rehab ' +
    'hospice practice partners family medicine surgical surgery cancer heart eye dental ' +
    'county city state national saint st mount mt valley'
  ).split(' '),
);

function surnameIn(form: string, random: KeyedRandom): string {
  const f = letterCase(form);
  return applyCase(random.pick(surnamePool()), f === 'mixed' ? 'title' : f);
}

/**
 * Replaces each run of proper words (not in `generic`) by one surname and each number by a
 * random one of as many digits: "123 Main Street" → "485 Harper Street", "Mass General
 * Hospital" → "Lopez General Hospital". Returns undefined when there is no proper word or number.
 */
function properWords(
  text: string,
  random: KeyedRandom,
  generic: ReadonlySet<string>,
): string | undefined {
  let result = '';
  let at = 0;
  let inRun = false;
  let replaced = false;
  for (const m of text.matchAll(/\p{L}[\p{L}'’-]*|\d+/gu)) {
    const between = text.slice(at, m.index);
    const word = m[0];
    at = m.index + word.length;
    if (/^\d/.test(word)) {
      result += between + setDigit(scramble(word, random), 0, String(1 + random.below(9)));
      inRun = false;
      replaced = true;
    } else if (generic.has(word.toLowerCase().replace(/['’]/g, ''))) {
      result += between + word;
      inRun = false;
    } else if (inRun && /^\s+$/.test(between)) {
      // "Beth Israel Deaconess": one surname for the whole run
    } else {
      result += between + surnameIn(word, random);
      inRun = true;
      replaced = true;
    }
  }
  return replaced ? result + text.slice(at) : undefined;
}

function organization(text: string, random: KeyedRandom): string {
  // "MGH", "BIDMC": an acronym stays an acronym
  if (/^[A-Z]{2,6}$/.test(text)) return scramble(text, random);
  const hasGeneric = [...text.matchAll(/\p{L}[\p{L}'’-]*/gu)].some((m) =>
    ORGANIZATION_WORDS.has(m[0].toLowerCase().replace(/['’]/g, '')),
  );
  const form = letterCase(text);
  const named = (rest: string) =>
    applyCase(`${surnameIn('Title', random)} ${rest}`, form === 'mixed' ? 'title' : form);
  if (!hasGeneric) return named('Medical Center');
  return properWords(text, random, ORGANIZATION_WORDS) ?? named(text);
}

function streetAddress(text: string, random: KeyedRandom): string {
  return (
    properWords(text, random, STREET_WORDS) ??
    `${1 + random.below(9999)} ${surnameIn('Title', random)} ${text}`
  );
}

const NUMBER_WORD =
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|and)';
const SPELLED_NUMBER = new RegExp(`\\b${NUMBER_WORD}(?:[ -]+${NUMBER_WORD})*\\b`, 'i');

/** "92" → "90+", "ninety-four" → "90+" (the rest of the text, "yo", "year old", kept). */
function age(text: string): string {
  return /\d/.test(text) ? text.replace(/\d+/, '90+') : text.replace(SPELLED_NUMBER, '90+');
}

function drawn(category: string, text: string, random: KeyedRandom, ctx: SurrogateContext): string {
  switch (category) {
    case 'PERSON':
      return personSurrogate(ctx.secret, text, ctx.names);
    case 'PHONE_NUMBER':
      return phone(text, random);
    case 'US_SSN':
      return ssn(text, random);
    case 'CREDIT_CARD':
      return creditCard(text, random);
    case 'IBAN_CODE':
      return iban(text, random);
    case 'IP_ADDRESS':
      return ipAddress(text, random);
    case 'EMAIL_ADDRESS':
      return email(text, random, ctx);
    case 'URL':
    case 'DOMAIN_NAME':
      return url(text, random);
    case 'ZIP_CODE':
      return zip(text, random);
    case 'LOCATION':
      return location(text, random);
    case 'STREET_ADDRESS':
      return streetAddress(text, random);
    case 'ORGANIZATION':
      return organization(text, random);
    default:
      // record, account, licence, device, vehicle and other numbers: same shape, random content
      return scramble(text, random);
  }
}

/**
 * The surrogate of one detected identifier, or `undefined` when it is kept (an age under 90,
 * a year alone). Redact mode gives `[CATEGORY]`.
 *
 * @example surrogateFor('555-123-4567', 'PHONE_NUMBER', ctx) // e.g. '731-402-9985', same every time
 */
export function surrogateFor(
  text: string,
  category: string,
  ctx: SurrogateContext,
): string | undefined {
  if (ctx.config.mode === 'redact') return redaction(category);
  if (category === 'AGE') {
    // the detectors report ages over 89 only; a younger age in digits is not an identifier
    const years = Number(/\d+/.exec(text)?.[0] ?? NaN);
    const surrogate = age(text);
    return years < 90 || surrogate === text ? undefined : surrogate;
  }
  if (category === 'DATE_TIME') {
    const shifted = shiftDateText(text, ctx.dateOffsetDays, ctx.config.keepYear);
    if (shifted === undefined) return redaction(category);
    return shifted === text ? undefined : shifted;
  }
  const label = `${category}\0${text}`;
  const known = ctx.memo?.get(label);
  if (known !== undefined) return known;
  const surrogate = draw();
  ctx.memo?.set(label, surrogate);
  return surrogate;

  function draw(): string {
    // "Boston, MA" and "BOSTON" are one city: a place is keyed on the part before the state
    const key = normaliseIdentifier(category === 'LOCATION' ? text.split(',')[0]! : text);
    const original = normaliseIdentifier(text);
    for (let attempt = 0; attempt < 20; attempt++) {
      const random = new KeyedRandom(ctx.secret, `${category}\0${key}\0${attempt}`);
      const candidate = drawn(category, text, random, ctx);
      if (normaliseIdentifier(candidate) !== original) return candidate;
    }
    return redaction(category);
  }
}

/**
 * The date offset of a patient: HMAC(secret, patient) → 1..maxDays days, either sign, never 0.
 *
 * @example dateOffsetDays(secret, 'patient-17', 365) // e.g. -211, the same for every record of patient-17
 */
export function dateOffsetDays(secret: SecretKey, patient: string, maxDays: number): number {
  const random = new KeyedRandom(secret, `DATE_SHIFT\0${patient}`);
  const days = 1 + random.below(maxDays);
  return random.below(2) === 0 ? days : -days;
}

/**
 * The pseudonym of a patient identifier, the same across records and re-imports of a project:
 * "P-" and 12 characters of HMAC(secret, patient) in Crockford base 32.
 */
export function patientPseudonym(secret: SecretKey, patient: string): string {
  const random = new KeyedRandom(secret, `PATIENT\0${patient}`);
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let id = 'P-';
  for (let i = 0; i < 12; i++) id += alphabet[random.below(32)];
  return id;
}
