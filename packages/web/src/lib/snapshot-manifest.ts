// A snapshot's manifest, read defensively into what the snapshots page shows: the counts by how
// each final label was decided, the guideline and taxonomy versions the labels were made under,
// the pseudonymous annotators with their gold accuracy, the agreement, and every export file with
// its size and SHA-256 — with the command that checks a download against it.

export interface ManifestFile {
  readonly format: string;
  /** The file carries every individual annotation, not only the final labels. */
  readonly annotations: boolean;
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
      return {
        format: text(f.format) ?? '?',
        annotations: f.annotations === true,
        path: text(f.path) ?? '',
        rows: num(f.rows) ?? 0,
        bytes: num(f.bytes) ?? 0,
        sha256: text(f.sha256) ?? '',
      };
    }),
  };
}

/** "JSON Lines · final labels", "JSON Lines · with every annotation", "CSV · final labels". */
export function fileTitle(file: ManifestFile): string {
  const format = file.format === 'jsonl' ? 'JSON Lines' : file.format.toUpperCase();
  return `${format} · ${file.annotations ? 'final labels and every annotation' : 'final labels'}`;
}

/**
 * The name the server gives the download (its Content-Disposition): the project name made safe
 * for a file system, the version, "-annotations" for the file that carries them, the format.
 */
export function exportFileName(projectName: string, version: number, file: ManifestFile): string {
  const base = projectName.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);
  return `${base}-v${version}${file.annotations ? '-annotations' : ''}.${file.format}`;
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
