import type { Label } from '@concord/core/agreement';
import type { ProjectConfig } from '@concord/core/config';

/**
 * One thing agreement is measured on: a single-choice field, a rating field, or one dimension of
 * a rating field. Multi-choice and text fields have no α of their own here.
 */
export interface AgreementKey {
  readonly key: string;
  readonly field: string;
  readonly dimension: string | null;
  readonly kind: 'choice' | 'rating';
  /** The declared scale, in order. */
  readonly levels: readonly Label[];
  /** The metric reported first: nominal for choices, ordinal for ratings. */
  readonly metric: 'nominal' | 'ordinal';
  /** The label this key takes from an annotation value, or null when absent. */
  extract(value: Readonly<Record<string, unknown>>): Label | null;
}

export function agreementKeys(config: ProjectConfig): AgreementKey[] {
  const keys: AgreementKey[] = [];
  for (const field of config.fields) {
    if (field.type === 'choice' && !field.multiple) {
      keys.push({
        key: field.name,
        field: field.name,
        dimension: null,
        kind: 'choice',
        levels: field.labels.map((l) => l.value),
        metric: 'nominal',
        extract: (value) =>
          typeof value[field.name] === 'string' ? (value[field.name] as string) : null,
      });
    } else if (field.type === 'rating') {
      const levels = Array.from({ length: field.max - field.min + 1 }, (_, i) => field.min + i);
      const dimensions =
        field.dimensions && field.dimensions.length > 0 ? field.dimensions : [null];
      for (const dimension of dimensions) {
        keys.push({
          key: dimension ? `${field.name}.${dimension}` : field.name,
          field: field.name,
          dimension,
          kind: 'rating',
          levels,
          metric: 'ordinal',
          extract: (value) => {
            const raw = dimension
              ? (value[field.name] as Record<string, unknown> | undefined)?.[dimension]
              : value[field.name];
            return typeof raw === 'number' ? raw : null;
          },
        });
      }
    }
  }
  return keys;
}
