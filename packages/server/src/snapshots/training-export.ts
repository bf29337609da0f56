import {
  chatRecord,
  chosenResponse,
  conllRecord,
  dpoRecords,
  processRewardRecord,
  rankingRecord,
  redTeamRecord,
  spansRecord,
  type SnapshotEntry,
} from '@concord/core/export';
import type { FieldConfig, ProjectConfig } from '@concord/core/config';
import { z } from 'zod';

/*
 * Training-ready files of a snapshot (issue 5): DPO pairs, reward-model rankings, process-reward
 * step labels, chat fine-tuning and red-team records; spans (issue 6) as JSON lines and CoNLL.
 * Each is a JSON line per record (CoNLL: a document per record), built from the snapshot's
 * stored rows, and hashed into the manifest like the JSONL and CSV files.
 */

export const TRAINING_FORMATS = [
  'dpo',
  'reward',
  'prm',
  'chat',
  'redteam',
  'spans',
  'conll',
] as const;
export type TrainingFormat = (typeof TRAINING_FORMATS)[number];

/** How ties and low agreement are treated in preference files; fixed when the snapshot is built. */
export const trainingOptionsSchema = z.object({
  /** Tied preferences have no chosen response: left out, or kept with the flag `tie`. */
  ties: z.enum(['exclude', 'flag']).default('exclude'),
  /** Pairs whose annotators agree less than this (share of judgments) are left out or flagged. */
  minAgreement: z.number().min(0).max(1).nullable().default(null),
  lowAgreement: z.enum(['exclude', 'flag']).default('exclude'),
  /** Pairs of a ranking: every pair it orders, or the best response against each other one. */
  rankingPairs: z.enum(['all', 'best-vs-rest']).default('all'),
});
export type TrainingOptions = z.infer<typeof trainingOptionsSchema>;
export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = trainingOptionsSchema.parse({});

/** One training file: its format, the field it reads and, for preferences, a dimension. */
export interface TrainingFile {
  readonly format: TrainingFormat;
  readonly field: string;
  readonly dimension?: string;
}

const isPreference = (f: FieldConfig) => f.type === 'pairwise' || f.type === 'ranking';

/**
 * The training files a project's config allows: DPO pairs and chat records for each pairwise or
 * ranking field (DPO also per dimension), reward-model rankings for each ranking field,
 * process-reward labels for each steps field, and red-team records when a text field is named
 * `refusal` (the red-team triage template's ideal refusal), and for each spans field its spans
 * as JSON lines with code-point offsets and as CoNLL/BIO token tags.
 */
export function trainingFiles(config: ProjectConfig): TrainingFile[] {
  const files: TrainingFile[] = [];
  for (const field of config.fields) {
    if (field.type === 'pairwise' || field.type === 'ranking') {
      files.push({ format: 'dpo', field: field.name });
      for (const dimension of field.dimensions ?? [])
        files.push({ format: 'dpo', field: field.name, dimension });
      if (field.type === 'ranking') files.push({ format: 'reward', field: field.name });
      files.push({ format: 'chat', field: field.name });
    } else if (field.type === 'steps') {
      files.push({ format: 'prm', field: field.name });
    } else if (field.type === 'spans') {
      files.push({ format: 'spans', field: field.name });
      files.push({ format: 'conll', field: field.name });
    } else if (field.type === 'text' && field.name === 'refusal') {
      files.push({ format: 'redteam', field: field.name });
      files.push({ format: 'chat', field: field.name });
    }
  }
  return files;
}

interface StoredAnnotation {
  readonly annotator: string;
  readonly value: Record<string, unknown>;
  readonly counted: boolean;
  readonly revision: number;
}

/** The snapshot entry of a stored row: the latest counted value of each annotator. */
export function snapshotEntry(
  itemId: string,
  data: string,
  value: string | null,
  annotations: string,
): SnapshotEntry {
  const latest = new Map<string, StoredAnnotation>();
  for (const a of JSON.parse(annotations) as StoredAnnotation[]) {
    if (!a.counted) continue;
    const seen = latest.get(a.annotator);
    if (seen === undefined || a.revision > seen.revision) latest.set(a.annotator, a);
  }
  return {
    itemId,
    data: JSON.parse(data) as unknown,
    final: value === null ? null : (JSON.parse(value) as Record<string, unknown>),
    annotations: [...latest.values()].map((a) => a.value),
  };
}

const line = (record: unknown) => `${JSON.stringify(record)}\n`;

/** The JSON lines one snapshot row contributes to a training file (often one, possibly none). */
export function trainingLines(
  file: TrainingFile,
  config: ProjectConfig,
  options: TrainingOptions,
  entry: SnapshotEntry,
): string {
  const field = config.fields.find((f) => f.name === file.field);
  if (field === undefined) return '';
  switch (file.format) {
    case 'dpo':
      if (!isPreference(field)) return '';
      return dpoRecords(field, entry, {
        ...(file.dimension !== undefined ? { dimension: file.dimension } : {}),
        ties: options.ties,
        ...(options.minAgreement !== null ? { minAgreement: options.minAgreement } : {}),
        lowAgreementRule: options.lowAgreement,
        rankingPairs: options.rankingPairs,
      })
        .map(line)
        .join('');
    case 'reward': {
      const record = field.type === 'ranking' ? rankingRecord(field, entry) : null;
      return record === null ? '' : line(record);
    }
    case 'prm': {
      const record = field.type === 'steps' ? processRewardRecord(field, entry) : null;
      return record === null ? '' : line(record);
    }
    case 'chat': {
      if (field.type === 'pairwise' || field.type === 'ranking') {
        const chosen = chosenResponse(field, entry);
        const record = chosen === null ? null : chatRecord(entry, chosen);
        return record === null ? '' : line(record);
      }
      // A written answer (the ideal refusal): the final one, else every distinct one written.
      const final = entry.final?.[field.name];
      const texts =
        typeof final === 'string' && final.trim() !== ''
          ? [final]
          : [
              ...new Set(
                entry.annotations
                  .map((a) => a[field.name])
                  .filter((t): t is string => typeof t === 'string'),
              ),
            ];
      return texts
        .map((text) => chatRecord(entry, text))
        .filter((r) => r !== null)
        .map(line)
        .join('');
    }
    case 'spans': {
      const record = field.type === 'spans' ? spansRecord(field, entry) : null;
      return record === null ? '' : line(record);
    }
    case 'conll':
      return field.type === 'spans' ? conllRecord(field, entry) : '';
    case 'redteam': {
      const triage = config.fields.filter((f) => f.type !== 'text').map((f) => f.name);
      const record = redTeamRecord(entry, field.name, triage);
      return record === null ? '' : line(record);
    }
  }
}
