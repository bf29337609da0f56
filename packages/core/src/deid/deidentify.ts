/*
 * De-identification of text and items (issue 6): detect() plus the project's configuration,
 * then each identifier replaced by its consistent surrogate (surrogate.ts) or a `[CATEGORY]`
 * placeholder, with the list of replacements that maps offsets between the two texts.
 */
import type { DeidConfig } from './config.js';
import { detect, resolveOverlaps, type Span } from './detect.js';
import { utf16ToCodePointMapper } from './offsets.js';
import {
  dateOffsetDays,
  patientPseudonym,
  surrogateFor,
  type SurrogateContext,
} from './surrogate.js';
import {
  learnNameRoleFromContext,
  learnNameRoles,
  newNameContext,
  type NameContext,
} from './surrogate-names.js';
import type { SecretKey } from './surrogate-random.js';

/** One replaced identifier. Offsets are code points, end exclusive. */
export interface Replacement {
  /** Where the replacement is in the de-identified text. */
  start: number;
  end: number;
  /** Where the identifier was in the original text. */
  originalStart: number;
  originalEnd: number;
  category: string;
  confidence: number;
}

/** The project secret: the HMAC key every surrogate and date offset is drawn from. */
export interface DeidSecret {
  key: string | Uint8Array;
}

/** A value known to identify this record (e.g. the patient's name from the import metadata). */
export interface KnownIdentifier {
  text: string;
  category: string;
}

/** Confidence of spans the project configured: known identifiers and deny words, then patterns. */
const CONFIGURED = 1;
const CUSTOM_PATTERN = 0.99;
/** A known name's word alone: a weaker signal, so an e-mail or date holding it stays whole. */
const KNOWN_WORD = 0.9;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The occurrences of `phrase` as whole words, case-insensitive, any run of spaces between words. */
function phraseRegExp(phrase: string): RegExp {
  const body = phrase.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
}

/** Name titles never matched on their own when a known name is split into words. */
const TITLE = /^(?:dr|mr|mrs|ms|miss|prof|jr|sr|md|rn|ii|iii|iv)\.?$/i;

interface Found {
  start: number;
  end: number;
  category: string;
  confidence: number;
}

/** Lower case, one space between words: how deny phrases are looked up. */
const phraseKey = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

interface CompiledConfig {
  patterns: { regExp: RegExp; category: string }[];
  /** All deny phrases in one alternation (longest first), or null without any. */
  deny: RegExp | null;
  denyCategory: Map<string, string>;
}

/** A config's patterns and deny list compiled once (a deny list may hold 10,000 phrases). */
const compiled = new WeakMap<DeidConfig, CompiledConfig>();

function compile(config: DeidConfig): CompiledConfig {
  let c = compiled.get(config);
  if (!c) {
    const denyCategory = new Map<string, string>();
    for (const { text, category } of config.deny)
      if (!denyCategory.has(phraseKey(text))) denyCategory.set(phraseKey(text), category);
    const phrases = [...denyCategory.keys()]
      .filter((p) => p !== '')
      .sort((a, b) => b.length - a.length);
    c = {
      patterns: config.patterns.map((p) => ({
        regExp: new RegExp(p.pattern, [...new Set(p.flags + 'g')].join('')),
        category: p.category,
      })),
      deny:
        phrases.length === 0
          ? null
          : new RegExp(
              `(?<![\\p{L}\\p{N}])(?:${phrases.map((p) => p.split(' ').map(escapeRegExp).join('\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
              'giu',
            ),
      denyCategory,
    };
    compiled.set(config, c);
  }
  return c;
}

/** Configured spans in UTF-16 indices: custom patterns, deny words, known identifiers. */
function configuredSpans(
  text: string,
  config: DeidConfig,
  known: readonly KnownIdentifier[],
): Found[] {
  const spans: Found[] = [];
  const add = (start: number, end: number, category: string, confidence: number) =>
    spans.push({ start, end, category, confidence });
  const { patterns, deny, denyCategory } = compile(config);
  for (const { regExp, category } of patterns)
    for (const m of text.matchAll(regExp))
      if (m[0].length > 0) add(m.index, m.index + m[0].length, category, CUSTOM_PATTERN);
  if (deny)
    for (const m of text.matchAll(deny))
      add(m.index, m.index + m[0].length, denyCategory.get(phraseKey(m[0]))!, CONFIGURED);
  for (const { text: phrase, category } of known) {
    if (phrase.trim() === '') continue;
    // a one-word name ("Rose", "Al") only where it is written as a name, not "rose", "al"
    const capitalOnly = category === 'PERSON' && !/\s/.test(phrase.trim());
    for (const m of text.matchAll(phraseRegExp(phrase)))
      if (!capitalOnly || /^\p{Lu}/u.test(m[0]))
        add(m.index, m.index + m[0].length, category, CONFIGURED);
    // a known person's surname or given name alone: only where it is written as a name
    if (category === 'PERSON' && !capitalOnly)
      for (const word of phrase.trim().split(/[\s,]+/))
        if (word.replace(/\./g, '').length >= 2 && !TITLE.test(word))
          for (const m of text.matchAll(phraseRegExp(word)))
            if (/^\p{Lu}/u.test(m[0])) add(m.index, m.index + m[0].length, category, KNOWN_WORD);
  }
  return spans;
}

/**
 * Detects identifiers with the project's configuration on top of detect(): only
 * `config.categories`; detected spans whose text is an `allow` word dropped; `deny` words,
 * custom `patterns` and the record's `known` identifiers added (whatever the categories). A
 * configured span that overlaps a detected span of the same category takes in its extent
 * ("Dr. John Smith" detected, "Smith" known: the whole name); otherwise configured spans win.
 * Offsets are code points, end exclusive.
 *
 * @example detectWithConfig('Seen by Rose Bowman', config, [{ text: 'Rose Bowman', category: 'PERSON' }])
 *   // [{ start: 8, end: 19, category: 'PERSON', confidence: 1 }]
 */
export function detectWithConfig(
  text: string,
  config: DeidConfig,
  known: readonly KnownIdentifier[] = [],
): Span[] {
  const toCodePoint = utf16ToCodePointMapper(text);
  const points = config.allow.length > 0 ? [...text] : [];
  const allow = new Set(config.allow.map((w) => w.toLowerCase()));
  const detected = detect(text, config.categories ? { categories: config.categories } : {}).filter(
    (s) =>
      allow.size === 0 || !allow.has(points.slice(s.start, s.end).join('').trim().toLowerCase()),
  );
  const configured = configuredSpans(text, config, known).map((s) => ({
    ...s,
    start: toCodePoint(s.start),
    end: toCodePoint(s.end),
  }));
  if (configured.length === 0) return detected;
  for (const c of configured)
    for (const d of detected)
      if (d.category === c.category && d.start < c.end && c.start < d.end) {
        c.start = Math.min(c.start, d.start);
        c.end = Math.max(c.end, d.end);
      }
  return resolveOverlaps([...configured, ...detected]).map(
    ({ start, end, category, confidence }) => ({
      start,
      end,
      category,
      confidence,
    }),
  );
}

/** Code-point offset → UTF-16 index of `text` (identity when there are no astral characters). */
function codePointToUtf16Mapper(text: string): (point: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (point) => point;
  const index: number[] = [];
  let i = 0;
  for (const ch of text) {
    index.push(i);
    i += ch.length;
  }
  index.push(i);
  return (point) => index[point]!;
}

function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) n--;
  }
  return n;
}

/** Replaces the spans of `text` (code points, sorted, non-overlapping) by their surrogates. */
function replaceSpans(
  text: string,
  spans: readonly Span[],
  ctx: SurrogateContext,
): { text: string; replacements: Replacement[] } {
  const toUtf16 = codePointToUtf16Mapper(text);
  const replacements: Replacement[] = [];
  let output = '';
  let outputPoints = 0;
  let at = 0; // UTF-16 index in text
  let atPoint = 0;
  for (const span of spans) {
    const start = toUtf16(span.start);
    const end = toUtf16(span.end);
    const original = text.slice(start, end);
    const surrogate = surrogateFor(original, span.category, ctx);
    if (surrogate === undefined) continue;
    output += text.slice(at, start);
    outputPoints += span.start - atPoint;
    const length = codePointLength(surrogate);
    replacements.push({
      start: outputPoints,
      end: outputPoints + length,
      originalStart: span.start,
      originalEnd: span.end,
      category: span.category,
      confidence: span.confidence,
    });
    output += surrogate;
    outputPoints += length;
    at = end;
    atPoint = span.end;
  }
  return { text: output + text.slice(at), replacements };
}

/** Each detected name with the 20 characters before it. */
function personSpans(text: string, spans: readonly Span[]): { name: string; before: string }[] {
  const toUtf16 = codePointToUtf16Mapper(text);
  return spans
    .filter((s) => s.category === 'PERSON')
    .map((s) => {
      const start = toUtf16(s.start);
      return {
        name: text.slice(start, toUtf16(s.end)),
        before: text.slice(Math.max(0, start - 20), start),
      };
    });
}

/**
 * The roles of the record's name words: first from its full names ("John Smith"), then from
 * titles before a lone word ("Dr. Young"), so each lone word is replaced as the part of a name
 * it is.
 */
function learnRoles(
  known: readonly KnownIdentifier[],
  names: readonly { name: string; before: string }[],
): NameContext {
  const context = newNameContext();
  for (const k of known) if (k.category === 'PERSON') learnNameRoles(k.text, context);
  for (const { name } of names) learnNameRoles(name, context);
  for (const { name, before } of names) learnNameRoleFromContext(name, before, context);
  return context;
}

function context(
  secret: SecretKey,
  config: DeidConfig,
  dateKey: string,
  names: NameContext,
): SurrogateContext {
  return {
    secret,
    config,
    dateOffsetDays: dateOffsetDays(secret, dateKey, config.maxDateShiftDays),
    names,
    memo: new Map(),
  };
}

/**
 * De-identifies one text: each identifier detectWithConfig finds is replaced by its surrogate
 * (or `[CATEGORY]` in redact mode). Dates move by the `patient`'s offset; without a patient,
 * by an offset keyed on the text itself (stable across re-imports of the same text, but two
 * texts of one patient then move differently: pass `patient` for longitudinal data).
 * `config` is a parsed `deidConfigSchema` value.
 *
 * @example deidentifyText('Seen by Dr. John Smith on 03/05/2020', { secret, config, patient: 'p1' })
 *   // { text: 'Seen by Dr. Mark Harper on 01/17/2020', replacements: [...] }
 */
export function deidentifyText(
  text: string,
  opts: {
    secret: DeidSecret['key'];
    config: DeidConfig;
    patient?: string;
    known?: readonly KnownIdentifier[];
  },
): { text: string; replacements: Replacement[] } {
  const spans = detectWithConfig(text, opts.config, opts.known);
  const roles = learnRoles(opts.known ?? [], personSpans(text, spans));
  const dateKey = opts.patient !== undefined ? `patient\0${opts.patient}` : `text\0${text}`;
  return replaceSpans(text, spans, context(opts.secret, opts.config, dateKey, roles));
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every string inside `value` with its dotted path ("messages.0.content"). */
function stringLeaves(value: unknown, path: string, out: [string, string][]): void {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => stringLeaves(v, `${path}.${i}`, out));
  else if (isPlainObject(value))
    for (const [key, v] of Object.entries(value))
      stringLeaves(v, path ? `${path}.${key}` : key, out);
}

/** A copy of `value` with the string at each dotted path replaced. */
function withStrings(value: unknown, path: string, replaced: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return replaced.get(path) ?? value;
  if (Array.isArray(value)) return value.map((v, i) => withStrings(v, `${path}.${i}`, replaced));
  if (isPlainObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        withStrings(v, path ? `${path}.${key}` : key, replaced),
      ]),
    );
  return value;
}

function knownValues(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (typeof value === 'number' || typeof value === 'bigint') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(knownValues);
  return [];
}

/**
 * De-identifies an item: the string values of `data` (under `config.fields`, or all of them,
 * nested objects and arrays included) are replaced; the `knownIdentifiers` keys and the
 * `patientKey` are removed from `meta`, `meta.patient` set to the patient's keyed
 * pseudonym, and the other strings of `meta` de-identified like the data's. The known identifiers' values are searched for in the text, and every field of
 * the item shares one patient date offset and one set of name roles. Without a patient,
 * dates move by an offset keyed on the item's data (stable across re-imports).
 * `replacements` is keyed by dotted field path ("note", "messages.0.content"); every
 * de-identified field has an entry, possibly empty.
 *
 * @example deidentifyRecord({ note: 'Mr. Smith called' }, { patient_id: '17', name: 'John Smith' }, { secret, config })
 *   // { data: { note: 'Mr. Harper called' }, meta: { patient: 'P-…' }, replacements: { note: [...] }, patient: 'P-…' }
 */
export function deidentifyRecord(
  data: Record<string, unknown>,
  meta: Record<string, unknown>,
  opts: { secret: DeidSecret['key']; config: DeidConfig },
): {
  data: Record<string, unknown>;
  meta: Record<string, unknown>;
  replacements: Record<string, Replacement[]>;
  patient: string | null;
} {
  const { secret, config } = opts;
  const known: KnownIdentifier[] = config.knownIdentifiers.flatMap(({ key, category }) =>
    knownValues(meta[key]).map((text) => ({ text, category })),
  );
  const patientValue = knownValues(meta[config.patientKey])[0];
  const patient = patientValue === undefined ? null : patientPseudonym(secret, patientValue);
  const newMeta: Record<string, unknown> = { ...meta };
  for (const { key } of config.knownIdentifiers) delete newMeta[key];
  delete newMeta[config.patientKey];
  if (patient !== null) newMeta.patient = patient;

  const leaves: [string, string][] = [];
  if (config.fields) {
    for (const field of config.fields) if (field in data) stringLeaves(data[field], field, leaves);
  } else stringLeaves(data, '', leaves);

  const detected = leaves.map(([, text]) => detectWithConfig(text, config, known));
  const roles = learnRoles(
    known,
    leaves.flatMap(([, text], i) => personSpans(text, detected[i]!)),
  );
  const dateKey =
    patientValue !== undefined ? `patient\0${patientValue}` : `record\0${JSON.stringify(data)}`;
  const ctx = context(secret, config, dateKey, roles);

  const replaced = new Map<string, string>();
  const replacements: Record<string, Replacement[]> = {};
  leaves.forEach(([path, text], i) => {
    const result = replaceSpans(text, detected[i]!, ctx);
    replaced.set(path, result.text);
    replacements[path] = result.replacements;
  });
  // The rest of meta is stored beside the data and shown to managers and reviewers: its strings
  // are de-identified like the data's (the originals are in the vault record), the pseudonym kept.
  const metaLeaves: [string, string][] = [];
  for (const [key, value] of Object.entries(newMeta))
    if (key !== 'patient' || patient === null) stringLeaves(value, key, metaLeaves);
  const metaReplaced = new Map(
    metaLeaves.map(([path, text]) => [
      path,
      replaceSpans(text, detectWithConfig(text, config, known), ctx).text,
    ]),
  );
  return {
    data: withStrings(data, '', replaced) as Record<string, unknown>,
    meta: withStrings(newMeta, '', metaReplaced) as Record<string, unknown>,
    replacements,
    patient,
  };
}

type Side = 'start' | 'originalStart';

/**
 * Maps an offset from one side of the replacements to the other. A boundary inside a
 * replaced identifier snaps outward: a start to the identifier's start, an end to its end.
 */
function mapOffset(
  replacements: readonly Replacement[],
  offset: number,
  boundary: 'start' | 'end',
  from: Side,
): number {
  const fromStart = (r: Replacement) => (from === 'start' ? r.start : r.originalStart);
  const fromEnd = (r: Replacement) => (from === 'start' ? r.end : r.originalEnd);
  const toStart = (r: Replacement) => (from === 'start' ? r.originalStart : r.start);
  const toEnd = (r: Replacement) => (from === 'start' ? r.originalEnd : r.end);
  let shift = 0;
  for (const r of replacements) {
    if (fromEnd(r) <= offset) {
      shift = toEnd(r) - fromEnd(r);
      continue;
    }
    if (fromStart(r) >= offset) break;
    // inside the replaced identifier
    return boundary === 'start' ? toStart(r) : toEnd(r);
  }
  return offset + shift;
}

function sorted(replacements: readonly Replacement[], side: Side): readonly Replacement[] {
  for (let i = 1; i < replacements.length; i++)
    if (replacements[i]![side] < replacements[i - 1]![side])
      return [...replacements].sort((a, b) => a[side] - b[side]);
  return replacements;
}

/**
 * Maps a span on the de-identified text back to the original text (an annotation made on
 * surrogates → original offsets, for authorised export). A boundary inside a replaced
 * identifier snaps outward to the identifier's original bounds. Code points, end exclusive.
 *
 * @example // "Seen by Ann Lee." from "Seen by Johnathan Smith."
 * mapToOriginal([{ start: 8, end: 15, originalStart: 8, originalEnd: 23, … }], 8, 16) // { start: 8, end: 24 }
 */
export function mapToOriginal(
  replacements: readonly Replacement[],
  start: number,
  end: number,
): { start: number; end: number } {
  return mapSpan(replacements, start, end, 'start');
}

/** The inverse of mapToOriginal: a span on the original text → the de-identified text. */
export function mapFromOriginal(
  replacements: readonly Replacement[],
  start: number,
  end: number,
): { start: number; end: number } {
  return mapSpan(replacements, start, end, 'originalStart');
}

function mapSpan(
  replacements: readonly Replacement[],
  start: number,
  end: number,
  from: Side,
): { start: number; end: number } {
  const list = sorted(replacements, from);
  return { start: mapOffset(list, start, 'start', from), end: mapOffset(list, end, 'end', from) };
}
