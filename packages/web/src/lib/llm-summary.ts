// A pairwise, ranking or steps answer in one line of words, for the adjudication queue, the
// items list and the adjudication log: what was preferred, in what order, where the first error is.

import type { LlmField } from '@concord/core/config';

const STRENGTH_WORDS: Readonly<Record<number, string>> = {
  1: 'slightly better',
  2: 'clearly better',
  3: 'much better',
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function preference(value: Record<string, unknown>): string {
  const choice = value.choice;
  if (choice === 'tie') return 'tie';
  if (choice !== 'A' && choice !== 'B') return '—';
  const strength = typeof value.strength === 'number' ? STRENGTH_WORDS[value.strength] : undefined;
  return strength === undefined ? choice : `${choice} ${strength}`;
}

/** Response numbers best first; tied responses joined by "=": "2 > 1 = 3". */
export function rankOrder(ranks: readonly unknown[]): string {
  const entries = ranks
    .map((rank, i) => ({ rank: typeof rank === 'number' ? rank : Infinity, response: i + 1 }))
    .sort((a, b) => a.rank - b.rank || a.response - b.response);
  let out = '';
  entries.forEach((e, i) => {
    if (i > 0) out += e.rank === entries[i - 1]!.rank ? ' = ' : ' > ';
    out += String(e.response);
  });
  return out;
}

function perDimension(
  value: Record<string, unknown>,
  format: (v: Record<string, unknown>) => string,
): string {
  const dimensions = isRecord(value.dimensions) ? value.dimensions : {};
  const parts = Object.entries(dimensions)
    .filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]))
    .map(([name, v]) => `${name} ${format(v)}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/**
 * @example
 * formatLlmValue(pairwiseField, { choice: 'A', strength: 2, dimensions: { safety: { choice: 'tie' } } });
 * // "A clearly better (safety tie)"
 */
export function formatLlmValue(field: LlmField, value: unknown): string {
  if (!isRecord(value)) return '—';
  switch (field.type) {
    case 'pairwise':
      return `${preference(value)}${perDimension(value, preference)}`;
    case 'ranking': {
      const order = (v: Record<string, unknown>) =>
        Array.isArray(v.ranks) ? rankOrder(v.ranks) : '—';
      return `${order(value)}${perDimension(value, order)}`;
    }
    case 'steps': {
      const steps = Array.isArray(value.steps) ? value.steps.map(String) : [];
      const first =
        typeof value.firstError === 'number'
          ? `first error at step ${value.firstError + 1}`
          : 'no error';
      const final = typeof value.final === 'string' ? ` · final: ${value.final}` : '';
      // Each step's label by its number, so a reviewer sees where two annotators part.
      const labels = steps.map((label, i) => `${i + 1} ${label}`).join(', ');
      return `${first}: ${labels}${final}`;
    }
  }
}
