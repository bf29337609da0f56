/**
 * Pattern detectors with validation. Each detector is a small function over the text that
 * returns candidate spans in UTF-16 indices (detect() converts them to code points).
 *
 * Category names. Where presidio-research's synthetic set (../shared/datasets/deid-presidio-synth)
 * has a name, we use it; otherwise a HIPAA Safe Harbor (45 CFR 164.514(b)(2)) name:
 *   EMAIL_ADDRESS   dataset               (HIPAA: electronic mail addresses)
 *   URL             HIPAA                 (Web URLs: an address with a scheme or a path)
 *   DOMAIN_NAME     dataset               (a bare domain; the dataset also labels full URLs so,
 *                                          `concord deid --eval` maps those gold spans to URL)
 *   IP_ADDRESS      dataset               (HIPAA: IP addresses)
 *   US_SSN          dataset               (HIPAA: social security numbers)
 *   CREDIT_CARD     dataset               (HIPAA: account numbers)
 *   IBAN_CODE       dataset               (HIPAA: account numbers)
 *   PHONE_NUMBER    dataset               (HIPAA: telephone and fax numbers)
 *   DATE_TIME       dataset               (HIPAA: all elements of dates except the year)
 *   AGE             dataset               (HIPAA: ages over 89; only those are detected)
 *   ZIP_CODE        dataset               (HIPAA: ZIP codes)
 *   US_DRIVER_LICENSE dataset             (HIPAA: licence numbers, only a driver's licence)
 *   MEDICAL_RECORD_NUMBER  HIPAA          (medical record numbers)
 *   ACCOUNT_NUMBER  HIPAA                 (account numbers)
 *   LICENSE_NUMBER  HIPAA                 (certificate/license numbers, e.g. DEA)
 */

import { ibanValid, ipv4Valid, ipv6Valid, luhnValid, ssnValid } from './validators.js';

export interface RawSpan {
  /** UTF-16 index, inclusive. */
  start: number;
  /** UTF-16 index, exclusive. */
  end: number;
  category: string;
  confidence: number;
}

export type Detector = (text: string) => RawSpan[];

function span(start: number, end: number, category: string, confidence: number): RawSpan {
  return { start, end, category, confidence };
}

/** Lower-cased text of up to `width` UTF-16 units before `index`. */
function before(text: string, index: number, width: number): string {
  return text.slice(Math.max(0, index - width), index).toLowerCase();
}

function after(text: string, index: number, width: number): string {
  return text.slice(index, index + width).toLowerCase();
}

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g;

export const detectEmail: Detector = (text) =>
  text.includes('@')
    ? [...text.matchAll(EMAIL)].map((m) =>
        span(m.index, m.index + m[0].length, 'EMAIL_ADDRESS', 0.99),
      )
    : [];

const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;
const URL_PATTERN = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]+/gi;
const TLDS =
  'com|org|net|edu|gov|mil|int|info|biz|io|co|us|uk|ca|au|de|fr|it|es|nl|be|ch|at|se|no|dk|fi|pl|cz|sk|hu|pt|br|ar|mx|uy|cl|jp|cn|in|ru|ie|nz|za|cy|gr|ro|bg|hr|si|lt|lv|ee|is|il|tr|eu|me|tv|app|dev|health|med';
const DOMAIN = new RegExp(
  String.raw`(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:${TLDS})(?![\w-]|\.[a-z0-9])(?:\/[^\s<>"'\`]*)?`,
  'gi',
);
// what every DOMAIN match contains, a dot and a top-level domain: tested first, it spares the
// costly pattern (tried at every letter and digit) in texts without one
const DOMAIN_HINT = new RegExp(String.raw`\.(?:${TLDS})(?![\w-]|\.[a-z0-9])`, 'i');

/** URL when the address has a scheme or a path ("https://x.org", "x.org/records"), else DOMAIN_NAME. */
export function urlCategory(value: string): 'URL' | 'DOMAIN_NAME' {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^[^/]+\/./.test(value) ? 'URL' : 'DOMAIN_NAME';
}

/** URLs (with scheme or www.) and bare domain names with a known top-level domain. */
export const detectUrlAndDomain: Detector = (text) => {
  const spans: RawSpan[] = [];
  for (const m of text.matchAll(URL_PATTERN)) {
    const value = m[0].replace(TRAILING_PUNCTUATION, '');
    spans.push(span(m.index, m.index + value.length, urlCategory(value), 0.95));
  }
  for (const m of DOMAIN_HINT.test(text) ? text.matchAll(DOMAIN) : []) {
    // "e.g", "i.e", "Dr.It" are excluded by requiring a label of 2+ characters before the TLD
    const host = m[0].split('/')[0]!;
    const labels = host.split('.');
    if (labels[labels.length - 2]!.length < 2) continue;
    const value = m[0].replace(TRAILING_PUNCTUATION, '');
    spans.push(span(m.index, m.index + value.length, urlCategory(value), 0.8));
  }
  return spans;
};

const IPV4 = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\d)/g;
const IPV6 =
  /(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::\d{1,3}(?:\.\d{1,3}){3})?(?![\w:])/g;

/**
 * An IPv6 address has two colons within a few hex digits: skip the costly pattern otherwise.
 * (Begun at the colon, not at optional hex digits before it, so the engine scans for a colon.)
 */
const IPV6_HINT = /:[0-9A-Fa-f]{0,4}:/;

export const detectIp: Detector = (text) => {
  const spans: RawSpan[] = [];
  for (const m of text.matchAll(IPV4))
    if (ipv4Valid(m[0]) && !/\b(?:version|ver|v)\.?\s*$/.test(before(text, m.index, 10)))
      spans.push(span(m.index, m.index + m[0].length, 'IP_ADDRESS', 0.95));
  if (!IPV6_HINT.test(text)) return spans;
  for (const m of text.matchAll(IPV6))
    if (ipv6Valid(m[0])) spans.push(span(m.index, m.index + m[0].length, 'IP_ADDRESS', 0.95));
  return spans;
};

const SSN = /(?<![\w-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w]|-\d)/g;
const SSN_CONTEXT = /\b(?:ssn|ss#|social security|soc\.? sec)/;

/** SSN: dashed or spaced form anywhere; undashed form only after an SSN context word. */
export const detectSsn: Detector = (text) => {
  const spans: RawSpan[] = [];
  for (const m of text.matchAll(SSN)) {
    if (!ssnValid(m[1]!, m[3]!, m[4]!)) continue;
    const context = SSN_CONTEXT.test(before(text, m.index, 40));
    if (m[2] === '-')
      spans.push(span(m.index, m.index + m[0].length, 'US_SSN', context ? 0.97 : 0.85));
    else if (context) spans.push(span(m.index, m.index + m[0].length, 'US_SSN', 0.95));
    // "022 58 3391": the spaced 3-2-4 grouping is an SSN's own shape
    else if (m[2] === ' ') spans.push(span(m.index, m.index + m[0].length, 'US_SSN', 0.7));
  }
  return spans;
};

const CARD = /(?<![\w-])\d(?:[ -]?\d){11,18}(?![\w]|[ -]\d)/g;
/** Issuer prefixes (IIN) of the card networks: Visa, Mastercard, Amex, Diners, Discover, JCB, Maestro, UnionPay. */
const CARD_PREFIX = /^(?:4|5[0-8]|2[2-7]|3[0-9]|6|1800|2131)/;

const CARD_CONTEXT = /\b(?:card|visa|mastercard|amex|american express|discover|maestro|cc)\b/;

/** Printed card groupings: 4-4-4-4(-3), 4-4-4-1..4, Amex 4-6-5, Diners 4-6-4. */
const CARD_GROUPS = /^(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{3})?|\d{4}([ -])\d{6}\2\d{4,5})$/;

/** Credit cards: 12–19 digits, optionally grouped by spaces or dashes, a card prefix, and Luhn. */
export const detectCreditCard: Detector = (text) => {
  const spans: RawSpan[] = [];
  for (const m of text.matchAll(CARD)) {
    const digits = m[0].replace(/\D/g, '');
    if (!luhnValid(digits)) continue;
    // an issuer prefix, or a card context word for numbers outside the known prefixes
    if (!CARD_PREFIX.test(digits) && !CARD_CONTEXT.test(before(text, m.index, 30))) continue;
    const bare = digits.length === m[0].length;
    if (!bare && !CARD_GROUPS.test(m[0])) continue;
    spans.push(span(m.index, m.index + m[0].length, 'CREDIT_CARD', bare ? 0.9 : 0.95));
  }
  return spans;
};

const IBAN = /(?<![\w])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{1,4}){3,8}(?![\w])/g;

/** IBAN: country length table and mod-97. */
export const detectIban: Detector = (text) => {
  const spans: RawSpan[] = [];
  for (const m of text.matchAll(IBAN)) {
    // a grouped IBAN may be followed by an unrelated word; drop trailing groups until it validates
    let value = m[0];
    while (!ibanValid(value) && value.includes(' ')) value = value.slice(0, value.lastIndexOf(' '));
    if (ibanValid(value)) spans.push(span(m.index, m.index + value.length, 'IBAN_CODE', 0.99));
  }
  return spans;
};

const PHONE =
  /(?<![\w+/.-])(?:\+\d{1,3}[ .-]?)?(?:\(0\)[ ]?)?(?:\(\d{1,5}\)[ ]?)?\d{1,12}(?:[ .-]\d{1,7}){0,5}(?:[ ]?(?:x|ext\.?|extension)[ ]?\d{1,6})?(?![\w/]|[.-]\d)/gi;
const PHONE_BEFORE =
  /\b(?:phone|tel|telephone|call|called|fax|mobile|cell|desk|pager|beeper|page|paged|contact|messages to|answering at|registered|reach|text|ph|dial)\b[^\d]{0,20}$/;
const PHONE_AFTER = /^[ (-]*(?:office|fax|mobile|cell|home|work|pager|\(?[hwmc]\)?)\b/;
/** NANP-shaped numbers and "+country" numbers are phones without context. */
// also "206 555 0117" (three groups, spaces) and "1-800-555-0160" (the trunk prefix 1)
const PHONE_SHAPE =
  /^(?:\+|\(\d{3}\) ?\d{3}[ .-]\d{4}|(?:001[ .-]|1[ .-])?\d{3}[.-]\d{3}[.-]\d{4}|\d{3} \d{3} \d{4}(?:$|[ ]?(?:x|ext)))/i;

// "pager 4-1177", "BEEPER 3381", "PAGER #55123", "paged at work, x4321", "(Lindqvist, x6620)"
const PAGER =
  /\b(?:pager|beeper|page|paged|pgr|bpr)\b[^\d\n]{0,12}?#?[ ]?(\d(?:-?\d){3,6})(?![\w/-]|[.]\d)/gi;
const BARE_EXTENSION = /(?<![\w])(?:x|ext\.?[ ]?|extension[ ])(?:\d-\d{4}|\d{3,5})\b/gi;

/** Telephone, fax and pager numbers: 7–15 digits (extension excluded), shape or context. */
export const detectPhone: Detector = (text) => {
  const spans: RawSpan[] = [];
  for (const m of text.matchAll(PAGER)) {
    const end = m.index + m[0].length;
    let start = end - m[1]!.length;
    // "paged at work, x4321": a bare extension keeps its x
    if (/[xX]/.test(text[start - 1] ?? '')) start--;
    spans.push(span(start, end, 'PHONE_NUMBER', 0.85));
  }
  for (const m of text.matchAll(BARE_EXTENSION)) {
    const prior = before(text, m.index, 40);
    // "617-555-0176 X221": the extension of the number before it, read with that number
    if (/\d[ ]?$/.test(prior)) continue;
    // four or more digits ("X5512", "x3-4550") are an extension in any context; three need one
    if (
      /(?:\d-\d{4}|\d{4,5})$/.test(m[0]) ||
      /\b(?:ext|extension|pager|paged|page|call|phone|tel|work|office|at|reach|beeper|contact|number)\b|[(,][ ]?[\p{L}'-]*[ ]?,?[ ]?$/u.test(
        prior,
      )
    )
      spans.push(span(m.index, m.index + m[0].length, 'PHONE_NUMBER', 0.8));
  }
  for (const m of text.matchAll(PHONE)) {
    const main = m[0].replace(/[ ]?(?:x|ext\.?|extension)[ ]?\d+$/i, '');
    const digits = main.replace(/\D/g, '').length;
    if (digits < 7 || digits > 15) continue;
    const end = m.index + m[0].length;
    const context =
      PHONE_BEFORE.test(before(text, m.index, 40)) || PHONE_AFTER.test(after(text, end, 12));
    if (context) spans.push(span(m.index, end, 'PHONE_NUMBER', 0.9));
    else if (PHONE_SHAPE.test(m[0])) spans.push(span(m.index, end, 'PHONE_NUMBER', 0.75));
  }
  return spans;
};
