// Readers of the truth-inference sets in ../shared/datasets (see each folder's SOURCE.md), and the
// accuracies crowd-kit 1.4.1 reached on them (../shared/datasets/README.md). Each reader returns
// the ratings in the shape of `@concord/core/agreement`'s `ratingTable` and the truth of the items
// that have one. Repeated answers of a worker on a task are kept, as separate observations.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * crowd-kit 1.4.1 accuracies, copied from the table in shared/datasets/README.md ("Truth-inference
 * accuracy measured with crowd-kit 1.4.1"). `null`: not measured there. Bluebirds' MACE is listed as
 * a range (0.73–0.81, depending on ids); `mace` holds the value with random_state=0 (0.7500,
 * cubam-bluebirds/SOURCE.md) and `maceRange` the range.
 */
export const CROWD_KIT = {
  bluebirds: {
    mv: 0.7593,
    wawa: 0.7593,
    zbs: 0.7593,
    ds: 0.8889,
    oneCoin: 0.5833,
    glad: 0.7222,
    mace: 0.75,
    maceRange: [0.73, 0.81],
  },
  AdultContent2: {
    mv: 0.7628,
    wawa: 0.7658,
    zbs: 0.7658,
    ds: 0.7658,
    oneCoin: 0.7087,
    glad: null,
    mace: null,
  },
  CF: { mv: 0.9, wawa: 0.8933, zbs: 0.8933, ds: 0.83, oneCoin: 0.8867, glad: 0.88, mace: 0.89 },
  CF_amt: {
    mv: 0.8467,
    wawa: 0.8567,
    zbs: 0.8567,
    ds: 0.84,
    oneCoin: 0.86,
    glad: 0.8533,
    mace: 0.8667,
  },
  MS: { mv: 0.71, wawa: 0.7986, zbs: 0.8, ds: 0.7686, oneCoin: 0.7929, glad: 0.7886, mace: 0.7986 },
  SP: {
    mv: 0.8896,
    wawa: 0.895,
    zbs: 0.8946,
    ds: 0.9152,
    oneCoin: 0.9166,
    glad: 0.9172,
    mace: 0.9148,
  },
  SP_amt: {
    mv: 0.944,
    wawa: 0.944,
    zbs: 0.946,
    ds: 0.944,
    oneCoin: 0.946,
    glad: 0.946,
    mace: 0.944,
  },
  ZenCrowd_all: {
    mv: 0.8382,
    wawa: 0.8382,
    zbs: 0.8358,
    ds: 0.8025,
    oneCoin: 0.8623,
    glad: 0.8304,
    mace: 0.8466,
  },
  ZenCrowd_in: {
    mv: 0.7451,
    wawa: 0.7475,
    zbs: 0.7451,
    ds: 0.7564,
    oneCoin: 0.7926,
    glad: 0.7716,
    mace: 0.7725,
  },
  ZenCrowd_us: {
    mv: 0.8676,
    wawa: 0.8662,
    zbs: 0.8632,
    ds: 0.8294,
    oneCoin: 0.9039,
    glad: 0.8789,
    mace: 0.8382,
  },
};

/** CUBAM's YAML maps `{id: true, id: false, …}`, keyed by the number before each map (labels.yaml). */
function yamlMaps(text) {
  const maps = new Map();
  for (const match of text.matchAll(/(?:^|\n)(\d+):\s*\{([^}]*)\}/g)) {
    const entries = new Map();
    for (const entry of match[2].matchAll(/(\d+):\s*(true|false)/g))
      entries.set(entry[1], entry[2]);
    maps.set(match[1], entries);
  }
  return maps;
}

function bluebirds(folder) {
  const ratings = [];
  for (const [worker, answers] of yamlMaps(readFileSync(join(folder, 'labels.yaml'), 'utf8')))
    for (const [image, answer] of answers)
      ratings.push({ item: image, annotator: worker, value: answer });
  const truth = new Map(
    [...readFileSync(join(folder, 'gt.yaml'), 'utf8').matchAll(/(\d+):\s*(true|false)/g)].map(
      (m) => [m[1], m[2]],
    ),
  );
  return { ratings, truth };
}

/** ActiveCrowdToolkit CSV: `worker,task,label,gold[,extra]`, no header; every task carries its gold. */
function activeCrowd(file) {
  const ratings = [];
  const truth = new Map();
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (line === '') continue;
    const [worker, task, label, gold] = line.split(',');
    ratings.push({ item: task, annotator: worker, value: Number(label) });
    truth.set(task, Number(gold));
  }
  return { ratings, truth };
}

/** Get-Another-Label: labels.txt `worker<TAB>url<TAB>label`, gold.txt `url<TAB>label` (333 of its urls were labelled). */
function adultContent(folder) {
  const ratings = [];
  for (const line of readFileSync(join(folder, 'labels.txt'), 'utf8').split(/\r?\n/)) {
    if (line === '') continue;
    const [worker, url, label] = line.split('\t');
    ratings.push({ item: url, annotator: worker, value: label });
  }
  const labelled = new Set(ratings.map((r) => r.item));
  const truth = new Map();
  for (const line of readFileSync(join(folder, 'gold.txt'), 'utf8').split(/\r?\n/)) {
    if (line === '') continue;
    const [url, label] = line.split('\t');
    if (labelled.has(url)) truth.set(url, label);
  }
  return { ratings, truth };
}

const ACTIVE_CROWD = [
  'CF',
  'CF_amt',
  'MS',
  'SP',
  'SP_amt',
  'ZenCrowd_all',
  'ZenCrowd_in',
  'ZenCrowd_us',
];

/**
 * The sets with truth under `datasetsFolder` (shared/datasets), in the order of the README table,
 * as `{ name, ratings, truth, crowdKit }`; `null` when the folder is absent.
 */
export function loadTruthSets(datasetsFolder) {
  if (!existsSync(datasetsFolder)) return null;
  const sets = [
    { name: 'bluebirds', ...bluebirds(join(datasetsFolder, 'cubam-bluebirds')) },
    { name: 'AdultContent2', ...adultContent(join(datasetsFolder, 'gal-adultcontent2')) },
    ...ACTIVE_CROWD.map((name) => ({
      name,
      ...activeCrowd(join(datasetsFolder, 'active-crowd-toolkit', `${name}.csv`)),
    })),
  ];
  return sets.map((set) => ({ ...set, crowdKit: CROWD_KIT[set.name] }));
}
