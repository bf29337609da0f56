import {
  detectCreditCard,
  detectEmail,
  detectIban,
  detectIp,
  detectPhone,
  detectSsn,
  detectUrlAndDomain,
  type Detector,
  type RawSpan,
} from './detectors.js';
import { detectAge, detectDate } from './dates.js';
import { detectIdentifier, detectLooseIdentifier, detectZip } from './identifiers.js';
import { detectEntities } from './entities.js';
import { utf16ToCodePointMapper } from './offsets.js';

/** A detected identifier. Offsets are Unicode code points into the text, end exclusive (issue 6). */
export interface Span {
  start: number;
  end: number;
  category: string;
  confidence: number;
}

export interface DetectOptions {
  /** Only report these categories (default: all). */
  categories?: readonly string[];
}

const DETECTORS: readonly Detector[] = [
  detectEmail,
  detectUrlAndDomain,
  detectIp,
  detectSsn,
  detectCreditCard,
  detectIban,
  detectPhone,
  detectDate,
  detectAge,
  detectZip,
  detectIdentifier,
  detectLooseIdentifier,
  detectEntities,
];

/**
 * Overlap rule: spans are ranked by confidence (validated checksums and explicit context
 * score highest), then by length (the longer span is the more complete identifier), then by
 * start; each span is kept unless it overlaps one already kept. So an e-mail (0.99) beats the
 * domain inside it (0.8), a Luhn-valid card (0.95) beats a context-less phone reading (0.75),
 * and a full ISO date-time beats a shorter reading of the same digits.
 */
export function resolveOverlaps<T extends RawSpan>(spans: readonly T[]): T[] {
  const ranked = [...spans].sort(
    (a, b) =>
      b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  // kept stays sorted by start and non-overlapping, so one binary search finds the neighbours
  const kept: T[] = [];
  for (const candidate of ranked) {
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (kept[mid]!.start < candidate.start) low = mid + 1;
      else high = mid;
    }
    const previous = kept[low - 1];
    const next = kept[low];
    if (previous && previous.end > candidate.start) continue;
    if (next && next.start < candidate.end) continue;
    kept.splice(low, 0, candidate);
  }
  return kept;
}

/** Runs the pattern detectors over `text` and returns non-overlapping spans in code points. */
export function detect(text: string, options: DetectOptions = {}): Span[] {
  const wanted = options.categories ? new Set(options.categories) : undefined;
  const raw = DETECTORS.flatMap((detector) => detector(text)).filter(
    (s) => s.end > s.start && (!wanted || wanted.has(s.category)),
  );
  const toCodePoint = utf16ToCodePointMapper(text);
  return resolveOverlaps(raw).map((s) => ({
    start: toCodePoint(s.start),
    end: toCodePoint(s.category === 'PERSON' ? withoutPossessive(text, s.start, s.end) : s.end),
    category: s.category,
    confidence: s.confidence,
  }));
}

/** The end of a name without a possessive 's ("Mrs. Dunnigan's son": the name is "Dunnigan"). */
function withoutPossessive(text: string, start: number, end: number): number {
  return end - start > 3 && /['’][sS]$/.test(text.slice(end - 2, end)) ? end - 2 : end;
}
