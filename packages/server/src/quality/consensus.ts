import type { Label } from '@concord/core/agreement';
import { llmFieldConsensus, spansConsensus } from '@concord/core/aggregation';
import type { ProjectConfig } from '@concord/core/config';

export interface ItemConsensus {
  /** The final value per field (choice: majority; multi-choice: labels chosen by a majority; rating: median). */
  readonly value: Record<string, unknown>;
  /** The weakest field's support: the winning share of votes (ratings: share within ±0 of the median). */
  readonly confidence: number;
  /** Whether some single-choice field tied (or a preference, ranking or step label). */
  readonly tied: boolean;
}

/**
 * The consensus of one item from its annotators' latest values (majority vote with ties left
 * open for adjudication; medians for ratings, the lower middle value when the count is even).
 */
export function itemConsensus(
  config: ProjectConfig,
  values: readonly Readonly<Record<string, unknown>>[],
): ItemConsensus {
  const out: Record<string, unknown> = {};
  let confidence = 1;
  let tied = false;
  const n = values.length;
  if (n === 0) return { value: out, confidence: 0, tied: false };
  for (const field of config.fields) {
    if (field.type === 'choice' && !field.multiple) {
      const counts = new Map<Label, number>();
      for (const v of values)
        if (typeof v[field.name] === 'string')
          counts.set(v[field.name] as string, (counts.get(v[field.name] as string) ?? 0) + 1);
      const ranked = [...counts].sort((a, b) => b[1] - a[1]);
      if (ranked.length === 0) continue;
      const [label, votes] = ranked[0]!;
      if (ranked[1] && ranked[1][1] === votes) tied = true;
      out[field.name] = ranked[1] && ranked[1][1] === votes ? null : label;
      confidence = Math.min(confidence, votes / n);
    } else if (field.type === 'choice') {
      const counts = new Map<string, number>();
      for (const v of values)
        for (const label of (Array.isArray(v[field.name]) ? v[field.name] : []) as string[])
          counts.set(label, (counts.get(label) ?? 0) + 1);
      out[field.name] = field.labels
        .map((l) => l.value)
        .filter((label) => (counts.get(label) ?? 0) * 2 > n);
      for (const label of field.labels) {
        const c = counts.get(label.value) ?? 0;
        confidence = Math.min(confidence, Math.max(c, n - c) / n);
      }
    } else if (field.type === 'rating') {
      const median = (xs: number[]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        return sorted[Math.floor((sorted.length - 1) / 2)]!;
      };
      const dims = field.dimensions && field.dimensions.length > 0 ? field.dimensions : null;
      const pick = (v: Readonly<Record<string, unknown>>, d: string | null) => {
        const raw = d ? (v[field.name] as Record<string, unknown> | undefined)?.[d] : v[field.name];
        return typeof raw === 'number' ? raw : null;
      };
      const result: Record<string, number> = {};
      for (const d of dims ?? [null]) {
        const xs = values.map((v) => pick(v, d)).filter((x): x is number => x !== null);
        if (xs.length === 0) continue;
        const m = median(xs);
        confidence = Math.min(confidence, xs.filter((x) => x === m).length / xs.length);
        if (d) result[d] = m;
        else out[field.name] = m;
      }
      if (dims) out[field.name] = result;
    } else if (field.type === 'pairwise' || field.type === 'ranking' || field.type === 'steps') {
      // Bradley–Terry over the responses, majority per step (core's llmFieldConsensus). With a
      // threshold of 0 its low-confidence flag marks ties only; the policy's threshold is the
      // caller's, applied to the confidence as for every other field.
      const c = llmFieldConsensus(
        field,
        values.map((v) => v[field.name]),
        { threshold: 0 },
      );
      out[field.name] = c.value;
      confidence = Math.min(confidence, c.confidence);
      if (c.lowConfidence) tied = true;
    } else if (field.type === 'spans') {
      // Spans at least half the annotators marked; confidence: mean agreement per marked span.
      const c = spansConsensus(
        field,
        values.map((v) => v[field.name]),
      );
      out[field.name] = c.value;
      confidence = Math.min(confidence, c.confidence);
      if (c.tied) tied = true;
    }
  }
  return { value: out, confidence, tied };
}
