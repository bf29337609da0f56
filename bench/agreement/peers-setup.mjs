// Finds the Python peers (Debian packages, run with /usr/bin/python3) and, when running as root,
// installs the missing ones with apt-get; otherwise says which command would.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTHON = '/usr/bin/python3';

/** The peers, the module that proves each is importable and its Debian package. */
export const PEERS = [
  { id: 'nltk', name: 'NLTK', module: 'nltk', apt: 'python3-nltk' },
  { id: 'sklearn', name: 'scikit-learn', module: 'sklearn', apt: 'python3-sklearn' },
  { id: 'statsmodels', name: 'statsmodels', module: 'statsmodels', apt: 'python3-statsmodels' },
];

function importable(module) {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

function aptBusy() {
  const found = spawnSync('pgrep', ['-x', 'apt|apt-get|dpkg|unattended-upgr'], {
    encoding: 'utf8',
  });
  return found.status === 0 && found.stdout.trim() !== '';
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The Debian version of each peer's package (`null` when not installed). */
export function debianVersions() {
  const versions = {};
  for (const peer of PEERS) {
    const query = spawnSync('dpkg-query', ['-W', '-f', '${Version}', peer.apt], {
      encoding: 'utf8',
    });
    versions[peer.apt] = query.status === 0 && query.stdout !== '' ? query.stdout : null;
  }
  return versions;
}

/**
 * The ids of the peers that can run. Missing ones are installed from Debian when running as root
 * (after any apt run already in progress finishes); otherwise the apt command is printed and those
 * peers are skipped.
 */
export function ensurePeers(log) {
  let missing = PEERS.filter((peer) => !importable(peer.module));
  if (missing.length > 0 && process.getuid?.() === 0) {
    if (aptBusy()) {
      log('another apt/dpkg run is in progress; waiting for it before checking the peers again');
      for (let waited = 0; waited < 900 && aptBusy(); waited += 5) sleep(5000);
      missing = missing.filter((peer) => !importable(peer.module));
    }
  }
  if (missing.length === 0) return PEERS.map((peer) => peer.id);
  const packages = missing.map((peer) => peer.apt);
  const command = [
    'apt-get',
    'install',
    '-y',
    ...(existsSync(PYTHON) ? [] : ['python3']),
    ...packages,
  ];
  if (process.getuid?.() !== 0) {
    log(`SKIPPING ${missing.map((peer) => peer.name).join(', ')}: not importable from ${PYTHON}.`);
    log(`Install with: sudo ${command.join(' ')}`);
    return PEERS.filter((peer) => !missing.includes(peer)).map((peer) => peer.id);
  }
  const install = () =>
    spawnSync(command[0], [...command.slice(1), '-o', 'DPkg::Lock::Timeout=900'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  log(`installing the peers from Debian: ${command.join(' ')}`);
  if (!install()) {
    log(
      'apt-get install failed; refreshing the package lists (apt-get update) and trying once more',
    );
    spawnSync('apt-get', ['update'], { stdio: ['ignore', 'inherit', 'inherit'] });
    install();
  }
  const still = missing.filter((peer) => !importable(peer.module));
  for (const peer of still)
    log(`SKIPPING ${peer.name}: still not importable after ${command.join(' ')}`);
  return PEERS.filter((peer) => !still.includes(peer)).map((peer) => peer.id);
}
