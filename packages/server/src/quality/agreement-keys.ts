import {
  llmAgreementKeys,
  textTokens,
  tokenLabels,
  tokenMarks,
  type Label,
  type TokenRange,
} from '@concord/core/agreement';
import { spanSourceText, spansOf, type ProjectConfig } from '@concord/core/config';

type Value = Readonly<Record<string, unknown>>;

/**
 * One thing agreement is measured on: a single-choice field, a rating field or one of its
 * dimensions, a pairwise preference (overall, a dimension, or the signed strength), or the step
 * labels and final label of a steps field, or the tokens of a spans field's text (nominal over
 * each token's label or O; with nested or overlapping spans one binary key per label, inside a
 * span of it or not). Multi-choice, text and ranking fields have no α of their own here
 * (rankings are measured by Kendall's W in the quality report).
 */
export interface AgreementKey {
  readonly key: string;
  readonly field: string;
  readonly dimension: string | null;
  readonly kind: 'choice' | 'rating' | 'pairwise' | 'steps' | 'spans';
  /** The declared scale, in order. */
  readonly levels: readonly Label[];
  /** The metric reported first: nominal for choices, ordinal for ratings and strengths. */
  readonly metric: 'nominal' | 'ordinal';
  /**
   * The units of agreement one item contributes given its annotators' values: each unit is the
   * list of labels its annotators gave (one unit per item, or one per step of a steps field, or
   * one per token of a spans field's text, read from the item's parsed `data`).
   */
  units(values: readonly Value[], itemData?: unknown): Label[][];
  /** The units need the item's `data` (spans: the text is cut into tokens). */
  readonly needsItemData?: boolean;
  /**
   * The label this key takes from one annotation, for keys with one unit per item (agreement
   * with consensus, Dawid–Skene); absent for per-step keys.
   */
  readonly extract?: (value: Value) => Label | null;
}

/** Whether a key has one unit per item, read from one annotation at a time. */
export function hasExtract(
  key: AgreementKey,
): key is AgreementKey & Required<Pick<AgreementKey, 'extract'>> {
  return key.extract !== undefined;
}

/** A key with one unit per item, from a function that reads one annotation's label. */
function perItem(
  key: Omit<AgreementKey, 'units' | 'extract'>,
  extract: (value: Value) => Label | null,
): AgreementKey {
  return {
    ...key,
    extract,
    units: (values) => [values.map(extract).filter((x): x is Label => x !== null)],
  };
}

export function agreementKeys(config: ProjectConfig): AgreementKey[] {
  const keys: AgreementKey[] = [];
  for (const field of config.fields) {
    if (field.type === 'choice' && !field.multiple) {
      keys.push(
        perItem(
          {
            key: field.name,
            field: field.name,
            dimension: null,
            kind: 'choice',
            levels: field.labels.map((l) => l.value),
            metric: 'nominal',
          },
          (value) => (typeof value[field.name] === 'string' ? (value[field.name] as string) : null),
        ),
      );
    } else if (field.type === 'rating') {
      const levels = Array.from({ length: field.max - field.min + 1 }, (_, i) => field.min + i);
      const dimensions =
        field.dimensions && field.dimensions.length > 0 ? field.dimensions : [null];
      for (const dimension of dimensions) {
        keys.push(
          perItem(
            {
              key: dimension ? `${field.name}.${dimension}` : field.name,
              field: field.name,
              dimension,
              kind: 'rating',
              levels,
              metric: 'ordinal',
            },
            (value) => {
              const raw = dimension
                ? (value[field.name] as Record<string, unknown> | undefined)?.[dimension]
                : value[field.name];
              return typeof raw === 'number' ? raw : null;
            },
          ),
        );
      }
    } else if (field.type === 'spans') {
      // Token-level α on the grid of core's spansAgreement: a unit per token of data[source].
      const labels = field.labels.map((l) => l.value);
      const tokensOf = (itemData: unknown) => cachedTokens(field.source, itemData);
      if (field.overlap === 'none') {
        // The label of a token no span covers ('' when a label is called O, as in core).
        const outside = labels.includes('O') ? '' : 'O';
        keys.push({
          key: field.name,
          field: field.name,
          dimension: null,
          kind: 'spans',
          levels: [...labels, outside],
          metric: 'nominal',
          needsItemData: true,
          units: (values, itemData) => {
            const tokens = tokensOf(itemData);
            if (tokens === null || values.length === 0) return [];
            const labelled = values.map((v) =>
              tokenLabels(spansOf(v[field.name]), tokens, outside),
            );
            return tokens.map((_, t) => labelled.map((l) => l[t]!));
          },
        });
      } else {
        for (const label of labels)
          keys.push({
            key: `${field.name}.${label}`,
            field: field.name,
            dimension: label,
            kind: 'spans',
            levels: [0, 1],
            metric: 'nominal',
            needsItemData: true,
            units: (values, itemData) => {
              const tokens = tokensOf(itemData);
              if (tokens === null || values.length === 0) return [];
              const inside = values.map((v) => tokenMarks(spansOf(v[field.name]), tokens, label));
              return tokens.map((_, t) => inside.map((i) => i[t]!));
            },
          });
      }
    } else if (field.type === 'pairwise' || field.type === 'steps') {
      // Core's live-α keys of the field: pairwise choices (overall, per dimension, strength)
      // with one unit per item; step labels with one unit per step, and the final label.
      for (const k of llmAgreementKeys(field)) {
        const units = (values: readonly Value[]) => k.units(values.map((v) => v[field.name]));
        const single = field.type === 'pairwise' || k.key === `${field.name}.final`;
        keys.push({
          key: k.key,
          field: k.field,
          dimension: k.dimension,
          kind: field.type,
          levels: k.levels,
          metric: k.metric,
          units,
          ...(single ? { extract: (value: Value) => units([value])[0]?.[0] ?? null } : {}),
        });
      }
    }
  }
  return keys;
}

/** Whether any key of the config reads the item's `data` (a spans field). */
export function keysNeedItemData(config: ProjectConfig): boolean {
  return config.fields.some((f) => f.type === 'spans');
}

/** The tokens of an item's text per (data object, source key): one tokenisation per submission. */
const tokenCache = new WeakMap<object, Map<string, TokenRange[] | null>>();

function cachedTokens(source: string, itemData: unknown): TokenRange[] | null {
  if (typeof itemData !== 'object' || itemData === null) return null;
  let bySource = tokenCache.get(itemData);
  if (!bySource) {
    bySource = new Map<string, TokenRange[] | null>();
    tokenCache.set(itemData, bySource);
  }
  let tokens = bySource.get(source);
  if (tokens === undefined) {
    const text = spanSourceText({ source }, itemData);
    tokens = text === null ? null : textTokens(text);
    bySource.set(source, tokens);
  }
  return tokens;
}
