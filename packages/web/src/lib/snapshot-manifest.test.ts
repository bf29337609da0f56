import { describe, expect, it } from 'vitest';
import {
  exportFileName,
  fileContents,
  fileTitle,
  formatBytes,
  isTrainingFile,
  readManifest,
  verifyCommand,
  versionSummary,
} from './snapshot-manifest';

// The shape build-snapshot.ts writes.
const manifest = {
  project: { id: 'prj_1', name: 'Support tickets: sentiment', config: {}, policy: {} },
  snapshot: { id: 'snp_1', version: 2, createdAt: '2025-03-04T05:06:07.000Z', createdBy: 'usr_1' },
  items: { total: 12, majority: 9, 'dawid-skene': 0, adjudication: 2, undecided: 1 },
  guidelineVersions: [1],
  taxonomyVersions: [1],
  currentGuidelineVersion: 1,
  currentTaxonomyVersion: 1,
  annotators: [{ id: 'annotator-0123456789', annotations: 8, goldAccuracy: 0.75 }],
  agreement: {
    threshold: 0.8,
    fields: [
      {
        key: 'sentiment',
        units: 12,
        krippendorff_alpha: 0.61,
        percent_agreement: 0.7,
        perLabel: [],
      },
    ],
    adjudication: { pending: 1, decided: 11 },
  },
  files: [
    {
      format: 'jsonl',
      annotations: false,
      path: '/api/snapshots/snp_1/export?format=jsonl',
      rows: 12,
      bytes: 2048,
      sha256: 'ab'.repeat(32),
    },
    {
      format: 'jsonl',
      annotations: true,
      path: '/api/snapshots/snp_1/export?format=jsonl&annotations=true',
      rows: 12,
      bytes: 9000,
      sha256: 'cd'.repeat(32),
    },
  ],
};

describe('readManifest', () => {
  it('reads the counts by method in a fixed order, the versions, annotators, agreement and files', () => {
    const view = readManifest(manifest);
    expect(view.total).toBe(12);
    expect(view.methods.map((m) => m.method)).toEqual([
      'majority',
      'dawid-skene',
      'adjudication',
      'undecided',
    ]);
    expect(view.annotators).toEqual([
      { id: 'annotator-0123456789', annotations: 8, goldAccuracy: 0.75 },
    ]);
    expect(view.agreement).toEqual([
      { key: 'sentiment', units: 12, alpha: 0.61, percentAgreement: 0.7 },
    ]);
    expect(view.files[1]).toMatchObject({ annotations: true, bytes: 9000 });
    expect(view.version).toBe(2);
  });

  it('reads an empty or odd manifest as empty rather than failing', () => {
    const view = readManifest({ items: 'many', files: [null] });
    expect(view.total).toBe(0);
    expect(view.files).toEqual([
      { format: '?', annotations: false, path: '', rows: 0, bytes: 0, sha256: '' },
    ]);
    expect(readManifest(null).annotators).toEqual([]);
  });
});

describe('export file names and checks', () => {
  const view = readManifest(manifest);
  it('names the download as the server does', () => {
    expect(exportFileName(view.projectName, 2, view.files[0]!)).toBe(
      'Support-tickets-sentiment-v2.jsonl',
    );
    expect(exportFileName(view.projectName, 2, view.files[1]!)).toBe(
      'Support-tickets-sentiment-v2-annotations.jsonl',
    );
  });

  it('gives a sha256sum line that checks the file', () => {
    expect(verifyCommand('a-v1.jsonl', 'ff')).toBe(
      ['echo "ff  a-v1.jsonl" \\', '  | sha256sum --check'].join('\n'),
    );
  });

  it('says what each file holds', () => {
    expect(fileTitle(view.files[0]!)).toBe('JSON Lines · final labels');
    expect(fileTitle({ ...view.files[0]!, format: 'csv' })).toBe('CSV · final labels');
  });
});

// The files build-snapshot.ts lists for a project with a pairwise field `pref` (dimension
// `safety`), a ranking field `order` and a steps field `steps`, and the options it recorded.
const training = {
  project: { id: 'prj_2', name: 'Assistant preferences' },
  snapshot: { id: 'snp_2', version: 1 },
  training: { ties: 'flag', minAgreement: 0.67, lowAgreement: 'exclude', rankingPairs: 'all' },
  files: [
    { format: 'jsonl', annotations: false },
    { format: 'dpo', annotations: false, field: 'pref' },
    { format: 'dpo', annotations: false, field: 'pref', dimension: 'safety' },
    { format: 'chat', annotations: false, field: 'pref' },
    { format: 'dpo', annotations: false, field: 'order' },
    { format: 'reward', annotations: false, field: 'order' },
    { format: 'chat', annotations: false, field: 'order' },
    { format: 'prm', annotations: false, field: 'steps' },
  ].map((f) => ({
    ...f,
    path: `/api/snapshots/snp_2/export?format=${f.format}${'field' in f ? `&field=${f.field}` : ''}${'dimension' in f ? `&dimension=${f.dimension}` : ''}`,
    rows: 5,
    bytes: 2100,
    sha256: 'ef'.repeat(32),
  })),
};

describe('training files', () => {
  const view = readManifest(training);
  const [jsonl, dpo, dpoSafety, chatPref, , reward, , prm] = view.files;

  it('reads each file’s field, dimension and download path, and the options the files were made with', () => {
    expect(dpoSafety).toMatchObject({
      format: 'dpo',
      field: 'pref',
      dimension: 'safety',
      path: '/api/snapshots/snp_2/export?format=dpo&field=pref&dimension=safety',
    });
    expect(jsonl).not.toHaveProperty('field');
    expect(view.training).toEqual({
      ties: 'flag',
      minAgreement: 0.67,
      lowAgreement: 'exclude',
      rankingPairs: 'all',
    });
    // A manifest from before training files records no options.
    expect(readManifest(manifest).training).toBeNull();
  });

  it('titles each file in words, naming the field where another file of its kind reads another', () => {
    expect(view.files.map((f) => fileTitle(f, view.files))).toEqual([
      'JSON Lines · final labels',
      'DPO pairs · pref · overall',
      'DPO pairs · pref · safety',
      'Chat fine-tuning · pref',
      'DPO pairs · order · overall',
      'Reward-model rankings · order',
      'Chat fine-tuning · order',
      'Process-reward step labels',
    ]);
    expect(fileTitle(chatPref!, [chatPref!])).toBe('Chat fine-tuning');
    expect(fileTitle({ ...prm!, format: 'redteam', field: 'refusal' })).toBe('Red-team records');
    expect(fileContents(reward!)).toContain('final ranks');
    expect(fileContents(jsonl!)).toBeNull();
    expect(view.files.filter(isTrainingFile)).toHaveLength(7);
  });

  it('names a training download as the server does: format, field, dimension, .jsonl', () => {
    expect(exportFileName(view.projectName, 1, dpoSafety!)).toBe(
      'Assistant-preferences-v1-dpo-pref-safety.jsonl',
    );
    expect(exportFileName(view.projectName, 1, dpo!)).toBe(
      'Assistant-preferences-v1-dpo-pref.jsonl',
    );
    expect(exportFileName(view.projectName, 1, prm!)).toBe(
      'Assistant-preferences-v1-prm-steps.jsonl',
    );
  });
});

describe('formatBytes', () => {
  it('reads sizes in powers of 1000', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(14_234)).toBe('14 kB');
    expect(formatBytes(3_400)).toBe('3.4 kB');
    expect(formatBytes(3_400_000)).toBe('3.4 MB');
  });
});

describe('versionSummary', () => {
  it('says whether the labels were made under the current version', () => {
    expect(versionSummary([1], 1)).toEqual({ value: 'v1', note: 'the current version' });
    expect(versionSummary([2, 1], 2)).toEqual({
      value: 'v1, v2',
      note: 'the project is at v2 now',
    });
    expect(versionSummary([], 1)).toEqual({ value: '—', note: 'no labels yet' });
  });
});
