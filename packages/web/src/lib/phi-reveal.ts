// The reveal of an item's originals (issue 6): the reason asked first, then the original text
// beside the surrogate text with each replaced identifier marked in both, so the reader sees
// what stood where. Offsets from the server are Unicode code points, end exclusive, as in the
// detect contract; JavaScript strings index UTF-16 units, so they are converted here.

/** One identifier the de-identification replaced, where it is in each text. */
export interface Replacement {
  /** In the de-identified (surrogate) text. */
  readonly start: number;
  readonly end: number;
  /** In the original text. */
  readonly originalStart: number;
  readonly originalEnd: number;
  readonly category: string;
  readonly confidence: number;
}

/** The answer of POST /api/items/:id/reveal: the originals and where they were replaced. */
export interface RevealedItem {
  readonly data: unknown;
  readonly meta: unknown;
  /** Per field path ("text", "notes.0.body"): the replacements made in that string. */
  readonly replacements: Readonly<Record<string, readonly Replacement[]>>;
}

/** The server's minimum, so the person is told before a round trip. */
export const MIN_REVEAL_REASON = 5;
export const MAX_REVEAL_REASON = 500;

/** Why the reason cannot be sent, or undefined. The reason is kept with the audit event. */
export function revealReasonError(reason: string): string | undefined {
  const text = reason.trim();
  if (text === '') return 'Say why you need the original; the reason is kept in the audit log.';
  if ([...text].length < MIN_REVEAL_REASON)
    return `Give a reason of at least ${MIN_REVEAL_REASON} characters.`;
  if ([...text].length > MAX_REVEAL_REASON)
    return `Keep the reason under ${MAX_REVEAL_REASON} characters.`;
  return undefined;
}

/** A run of text, plain or one replaced identifier (`mark` is its 1-based number). */
export interface Segment {
  readonly text: string;
  readonly mark: number | null;
  readonly category: string | null;
}

/**
 * Cuts `text` into plain runs and marked identifiers. `side` chooses which offsets of each
 * replacement apply: the surrogate text's or the original's. A replacement is numbered by its
 * order in the list on both sides, so the two texts can be read against each other. Offsets
 * that overlap an earlier mark or fall outside the text are skipped rather than trusted.
 */
export function markSegments(
  text: string,
  replacements: readonly Replacement[],
  side: 'surrogate' | 'original',
): Segment[] {
  const points = Array.from(text);
  const ranges = replacements
    .map((r, i) => ({
      start: side === 'surrogate' ? r.start : r.originalStart,
      end: side === 'surrogate' ? r.end : r.originalEnd,
      category: r.category,
      mark: i + 1,
    }))
    .filter((r) => Number.isInteger(r.start) && Number.isInteger(r.end))
    .filter((r) => r.start >= 0 && r.end > r.start && r.end <= points.length)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const segments: Segment[] = [];
  let at = 0;
  for (const range of ranges) {
    if (range.start < at) continue;
    if (range.start > at)
      segments.push({ text: points.slice(at, range.start).join(''), mark: null, category: null });
    segments.push({
      text: points.slice(range.start, range.end).join(''),
      mark: range.mark,
      category: range.category,
    });
    at = range.end;
  }
  if (at < points.length)
    segments.push({ text: points.slice(at).join(''), mark: null, category: null });
  return segments;
}

/**
 * The value at a field path of the reveal ("text", "notes.0.body", "data.text"), or undefined.
 * The server names paths from the item's data; a leading "data." is tolerated.
 */
export function valueAtPath(data: unknown, path: string): unknown {
  const parts = path.split('.').filter((p) => p !== '');
  let value: unknown = data;
  for (const [i, part] of parts.entries()) {
    if (i === 0 && part === 'data' && !(isRecord(value) && 'data' in value)) continue;
    if (Array.isArray(value) && /^\d+$/.test(part)) value = value[Number(part)];
    else if (isRecord(value)) value = value[part];
    else return undefined;
  }
  return value;
}

/** One field of the item, both ways: what annotators see and what was there. */
export interface RevealedField {
  readonly path: string;
  readonly surrogate: readonly Segment[];
  readonly original: readonly Segment[];
  readonly replaced: number;
}

/**
 * The fields to show side by side: every string field with replacements, in the order of the
 * reveal's paths. A field whose surrogate or original is not a string (a changed import) is
 * left out; the counts say how many identifiers each field had.
 */
export function revealedFields(surrogateData: unknown, revealed: RevealedItem): RevealedField[] {
  const fields: RevealedField[] = [];
  for (const [path, replacements] of Object.entries(revealed.replacements)) {
    const surrogate = valueAtPath(surrogateData, path);
    const original = valueAtPath(revealed.data, path);
    if (typeof surrogate !== 'string' || typeof original !== 'string') continue;
    fields.push({
      path,
      surrogate: markSegments(surrogate, replacements, 'surrogate'),
      original: markSegments(original, replacements, 'original'),
      replaced: replacements.length,
    });
  }
  return fields;
}

/** "PERSON" → "person", "PHONE_NUMBER" → "phone number": category names as people read them. */
export function categoryLabel(category: string): string {
  const known = CATEGORY_WORDS[category];
  return known ?? category.toLowerCase().replace(/_/g, ' ');
}

const CATEGORY_WORDS: Readonly<Record<string, string>> = {
  US_SSN: 'SSN',
  IP_ADDRESS: 'IP address',
  IBAN_CODE: 'IBAN',
  URL: 'URL',
  DATE_TIME: 'date',
  US_DRIVER_LICENSE: 'driver licence',
  LICENSE_NUMBER: 'licence number',
  ID_NUMBER: 'ID number',
  DEVICE_ID: 'device ID',
  VEHICLE_ID: 'vehicle ID',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
