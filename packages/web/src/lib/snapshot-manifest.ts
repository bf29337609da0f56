// A snapshot's manifest, read defensively into what the snapshots page shows: the counts by how
// each final label was decided, the guideline and taxonomy versions the labels were made under,
// the pseudonymous annotators with their gold accuracy, the agreement, and every export file —
// the final labels and the training files (DPO pairs, reward-model rankings…) — with its size and
// SHA-256, the command that checks a download against it, and how the training files treated
// ties and low agreement.

import type { SnapshotTrainingOptions } from '../api/types';
import { readTrainingOptions } from './snapshot-training';

export interface ManifestFile {
  /** jsonl, csv, or a training format: dpo, reward, prm, chat, redteam. */
  readonly format: string;
  /** The file carries every individual annotation, not only the final labels. */
  readonly annotations: boolean;
  /** For a training file: the field it reads, and for DPO pairs of one dimension, that dimension. */
  readonly field?: string;
  readonly dimension?: string;
  /** Where to download it (the server's export route with its query). */
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

export interface ManifestAnnotator {
  readonly id: string;
  readonly annotations: number;
  readonly goldAccuracy: number | null;
}

export interface ManifestAgreement {
  readonly key: string;
  readonly units: number;
  readonly alpha: number | null;
  readonly percentAgreement: number | null;
}

export interface MethodCount {
  readonly method: string;
  readonly count: number;
}

export interface Manifest {
  readonly projectName: string;
  readonly version: number | null;
  readonly createdAt: string | null;
  readonly total: number;
  /** How the final labels were decided, in a fixed order, then any other method. */
  readonly methods: readonly MethodCount[];
  readonly guidelineVersions: readonly number[];
  readonly taxonomyVersions: readonly number[];
  readonly currentGuidelineVersion: number | null;
  readonly currentTaxonomyVersion: number | null;
  readonly annotators: readonly ManifestAnnotator[];
  readonly threshold: number | null;
  readonly agreement: readonly ManifestAgreement[];
  readonly adjudication: { readonly pending: number; readonly decided: number } | null;
  readonly files: readonly ManifestFile[];
  /** How the training files treated ties and low agreement; null in a manifest without them. */
  readonly training: SnapshotTrainingOptions | null;
}

const METHOD_ORDER = ['majority', 'dawid-skene', 'adjudication', 'undecided'];

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}
function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
function numbers(value: unknown): number[] {
  return list(value).filter((v): v is number => typeof v === 'number');
}

/** The manifest as the page shows it; a missing or odd part reads as empty, never throws. */
export function readManifest(raw: unknown): Manifest {
  const root = record(raw);
  const project = record(root.project);
  const snapshot = record(root.snapshot);
  const items = record(root.items);
  const agreement = record(root.agreement);
  const adjudication = record(agreement.adjudication);
  const counted = Object.entries(items)
    .filter(([method, count]) => method !== 'total' && typeof count === 'number')
    .map(([method, count]) => ({ method, count: count as number }));
  const rank = (method: string) => {
    const at = METHOD_ORDER.indexOf(method);
    return at === -1 ? METHOD_ORDER.length : at;
  };
  return {
    projectName: text(project.name) ?? '',
    version: num(snapshot.version),
    createdAt: text(snapshot.createdAt),
    total: num(items.total) ?? counted.reduce((sum, m) => sum + m.count, 0),
    methods: counted.sort(
      (a, b) => rank(a.method) - rank(b.method) || a.method.localeCompare(b.method),
    ),
    guidelineVersions: numbers(root.guidelineVersions),
    taxonomyVersions: numbers(root.taxonomyVersions),
    currentGuidelineVersion: num(root.currentGuidelineVersion),
    currentTaxonomyVersion: num(root.currentTaxonomyVersion),
    annotators: list(root.annotators).map((entry) => {
      const a = record(entry);
      return {
        id: text(a.id) ?? '?',
        annotations: num(a.annotations) ?? 0,
        goldAccuracy: num(a.goldAccuracy),
      };
    }),
    threshold: num(agreement.threshold),
    agreement: list(agreement.fields).map((entry) => {
      const f = record(entry);
      return {
        key: text(f.key) ?? '?',
        units: num(f.units) ?? 0,
        alpha: num(f.krippendorff_alpha),
        percentAgreement: num(f.percent_agreement),
      };
    }),
    adjudication:
      num(adjudication.pending) === null
        ? null
        : { pending: num(adjudication.pending) ?? 0, decided: num(adjudication.decided) ?? 0 },
    files: list(root.files).map((entry) => {
      const f = record(entry);
      const field = text(f.field);
      const dimension = text(f.dimension);
      return {
        format: text(f.format) ?? '?',
        annotations: f.annotations === true,
        ...(field !== null ? { field } : {}),
        ...(dimension !== null ? { dimension } : {}),
        path: text(f.path) ?? '',
        rows: num(f.rows) ?? 0,
        bytes: num(f.bytes) ?? 0,
        sha256: text(f.sha256) ?? '',
      };
    }),
    training: readTrainingOptions(root.training),
  };
}

/** What each training format is, in words. */
const TRAINING_TITLES: ReadonlyMap<string, string> = new Map([
  ['dpo', 'DPO pairs'],
  ['reward', 'Reward-model rankings'],
  ['prm', 'Process-reward step labels'],
  ['chat', 'Chat fine-tuning'],
  ['redteam', 'Red-team records'],
]);

/** What one line of each training file holds. */
const TRAINING_CONTENTS: ReadonlyMap<string, string> = new Map([
  [
    'dpo',
    'a prompt with a chosen and a rejected response, their margin and the annotators’ agreement',
  ],
  ['reward', 'a prompt with its responses, their final ranks and Bradley–Terry scores'],
  ['prm', 'a solution’s steps with a label each, the first error and the final answer’s label'],
  ['chat', 'a conversation that ends with the answer to learn'],
  ['redteam', 'an attack, the response, its triage labels and the ideal refusal'],
]);

/** Whether a file is one of the training files (not the JSONL or CSV of the final labels). */
export function isTrainingFile(file: ManifestFile): boolean {
  return TRAINING_TITLES.has(file.format);
}

/**
 * What a file holds, in words: "JSON Lines · final labels", "CSV · final labels", "DPO pairs ·
 * preference · safety" (the field, then the dimension or "overall"), "Reward-model rankings ·
 * order". Process-reward, chat and red-team files name their field only when the snapshot has
 * another file of the same kind to tell them from.
 */
export function fileTitle(file: ManifestFile, files: readonly ManifestFile[] = [file]): string {
  const training = TRAINING_TITLES.get(file.format);
  if (training === undefined) {
    const format = file.format === 'jsonl' ? 'JSON Lines' : file.format.toUpperCase();
    return `${format} · ${file.annotations ? 'final labels and every annotation' : 'final labels'}`;
  }
  const alike = files.filter((f) => f.format === file.format && f.field !== file.field);
  const named = file.format === 'dpo' || file.format === 'reward' || alike.length > 0;
  const parts = [training];
  if (named && file.field !== undefined) parts.push(file.field);
  if (file.format === 'dpo') parts.push(file.dimension ?? 'overall');
  return parts.join(' · ');
}

/** What one line of a training file holds, or null for the JSONL and CSV of the final labels. */
export function fileContents(file: ManifestFile): string | null {
  return TRAINING_CONTENTS.get(file.format) ?? null;
}

/**
 * The name the server gives the download (its Content-Disposition): the project name made safe
 * for a file system, the version, "-annotations" for the file that carries them, for a training
 * file its format, field and dimension, then the extension (a training file is JSON Lines).
 */
export function exportFileName(projectName: string, version: number, file: ManifestFile): string {
  const base = projectName.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);
  const annotations = file.annotations ? '-annotations' : '';
  if (!isTrainingFile(file)) return `${base}-v${version}${annotations}.${file.format}`;
  const what = [file.format, file.field, file.dimension].filter((p) => p !== undefined);
  return `${base}-v${version}${annotations}-${what.join('-')}.jsonl`;
}

/**
 * The command that checks a downloaded file against the manifest, run where the file is:
 * `sha256sum` prints "<file>: OK", or "FAILED" for a file that differs. Two lines, so it reads
 * without scrolling; the backslash keeps it one command when pasted.
 */
export function verifyCommand(fileName: string, sha256: string): string {
  return [`echo "${sha256}  ${fileName}" \\`, '  | sha256sum --check'].join('\n');
}

/** "812 B", "14.2 kB", "3.4 MB": sizes as a file manager shows them (powers of 1000). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** The versions labels were made under ("v1", "v1, v2"), and how that stands to the current one. */
export function versionSummary(
  versions: readonly number[],
  current: number | null,
): { readonly value: string; readonly note: string } {
  if (versions.length === 0) return { value: '—', note: 'no labels yet' };
  const sorted = [...versions].sort((a, b) => a - b);
  const value = sorted.map((v) => `v${v}`).join(', ');
  if (current === null) return { value, note: '' };
  if (sorted.length === 1 && sorted[0] === current) return { value, note: 'the current version' };
  return { value, note: `the project is at v${current} now` };
}
