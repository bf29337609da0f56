import { createHash } from 'node:crypto';
import { canonicalJson } from '@concord/core/audit';
import type { DeidConfig, ProjectConfig } from '@concord/core/config';

/** What a snapshot manifest says of a PHI project's de-identification settings. */
export interface PhiManifestSummary {
  readonly mode: DeidConfig['mode'];
  /** The categories removed; absent means all of them. */
  readonly categories?: DeidConfig['categories'];
  readonly keepYear: boolean;
  readonly maxDateShiftDays: number;
  readonly allow: number;
  readonly deny: number;
  readonly patterns: number;
  readonly knownIdentifiers: number;
  /** SHA-256 (hex) of the canonical JSON of the whole `phi` section, to tell two settings apart. */
  readonly sha256: string;
}

/**
 * The project config as a snapshot manifest embeds it: everyone who may read snapshots reads
 * it, reviewers and annotators included, so a PHI project's allow and deny lists, custom
 * patterns and known-identifier keys — which may name real identifiers — are summarised as
 * counts with a SHA-256 of the full section, which proves which settings were in force.
 */
export function manifestConfig(
  config: ProjectConfig,
): Omit<ProjectConfig, 'phi'> & { phi?: PhiManifestSummary } {
  const { phi, ...rest } = config;
  if (phi === undefined) return rest;
  return {
    ...rest,
    phi: {
      mode: phi.mode,
      ...(phi.categories !== undefined ? { categories: phi.categories } : {}),
      keepYear: phi.keepYear,
      maxDateShiftDays: phi.maxDateShiftDays,
      allow: phi.allow?.length ?? 0,
      deny: phi.deny?.length ?? 0,
      patterns: phi.patterns?.length ?? 0,
      knownIdentifiers: phi.knownIdentifiers?.length ?? 0,
      sha256: createHash('sha256').update(canonicalJson(phi)).digest('hex'),
    },
  };
}
