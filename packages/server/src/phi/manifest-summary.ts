import { canonicalJson } from '@concord/core/audit';
import type { DeidConfig, ProjectConfig } from '@concord/core/config';
import type { Vault } from './vault.js';

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
  /**
   * HMAC-SHA256 (hex) of the canonical JSON of the whole `phi` section under a key derived from
   * the server's vault key (`Vault.mac`), to tell two settings apart; absent without a vault. A
   * bare SHA-256 would let any reader test guesses of a short deny or allow list offline.
   */
  readonly digest?: string;
}

/**
 * The project config as a snapshot manifest embeds it: everyone who may read snapshots reads
 * it, reviewers and annotators included, so a PHI project's allow and deny lists, custom
 * patterns and known-identifier keys — which may name real identifiers — are summarised as
 * counts with a keyed digest of the full section, which tells which settings were in force.
 */
export function manifestConfig(
  config: ProjectConfig,
  vault: Pick<Vault, 'mac'> | null,
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
      ...(vault ? { digest: vault.mac('manifest-phi', canonicalJson(phi)) } : {}),
    },
  };
}
