import type { DeidConfig, ProjectConfig } from '@concord/core/config';
import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import { ConcordError } from '../errors.js';
import { parseConfig } from '../presenters/project.js';

export interface PhiSettings {
  /** The new de-identification settings; null asks to turn PHI off, which is refused. */
  readonly phi: DeidConfig | null;
  /** Credentials annotators must hold; omitted, the requirement is left as it is. */
  readonly credentials?: readonly string[] | undefined;
}

/** The top-level keys of two `phi` sections whose values differ, sorted. */
export function changedPhiKeys(before: DeidConfig, after: DeidConfig): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter(
      (k) =>
        JSON.stringify(before[k as keyof DeidConfig]) !==
        JSON.stringify(after[k as keyof DeidConfig]),
    )
    .sort();
}

/**
 * Replaces the `phi` section of a PHI project's config (and, when given, its required
 * credentials), recording `project.phi.update` with which keys changed — never the allow, deny,
 * pattern or known-identifier values, which may name real identifiers. Items already imported
 * keep their surrogates; the new settings apply to later imports. The surrogate secret is
 * untouched, so an identifier keeps its surrogate across the change.
 *
 * Refused (409) for a project that is not PHI — what it holds was imported in clear, and
 * de-identifying only what comes next would leave those originals where annotators see them —
 * and for turning PHI off, which would put the next imports in clear beside the surrogates.
 * Once records are imported, the date settings (keepYear, maxDateShiftDays, patientKey) are
 * fixed too: a patient's later dates would shift differently from the earlier ones.
 */
/** Settings that decide how a patient's dates shift: changing them splits date linkage. */
const DATE_LINKAGE_KEYS: readonly string[] = ['keepYear', 'maxDateShiftDays', 'patientKey'];

export async function updatePhiSettings(
  ctx: AppContext,
  actorId: string,
  projectId: string,
  settings: PhiSettings,
): Promise<{ readonly phi: DeidConfig; readonly changed: string[] }> {
  return inTransaction(ctx, async (trx, audit) => {
    const project = await trx
      .selectFrom('projects')
      .select(['id', 'config'])
      .where('id', '=', projectId)
      .executeTakeFirst();
    if (!project) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No project ${projectId}`);
    const config: ProjectConfig = parseConfig(project);
    const before = config.phi;
    if (before === undefined)
      throw new ConcordError(
        'CONCORD_ERR_CONFLICT',
        `Project ${projectId} is not a PHI project: what it holds was imported in clear, so it cannot be made PHI afterwards. Create a new project with a phi section and import the records there.`,
      );
    if (settings.phi === null)
      throw new ConcordError(
        'CONCORD_ERR_CONFLICT',
        `Project ${projectId} is a PHI project and stays one: turning de-identification off would import the next records in clear beside the surrogates. Purge the vault or create a new project instead.`,
      );
    const changed = changedPhiKeys(before, settings.phi);
    const dateKeys = changed.filter((key) => DATE_LINKAGE_KEYS.includes(key));
    if (dateKeys.length > 0) {
      const imported = await trx
        .selectFrom('items')
        .select('id')
        .where('project_id', '=', projectId)
        .limit(1)
        .executeTakeFirst();
      if (imported) {
        const message = `fixed once records are imported: a patient's dates already shifted one way would shift another way in later imports, losing the intervals between them. Keep it, or create a new project for the new setting.`;
        throw new ConcordError(
          'CONCORD_ERR_CONFLICT',
          `body.phi.${dateKeys[0]}: ${message}`,
          dateKeys.map((key) => ({ path: `body.phi.${key}`, message })),
        );
      }
    }
    const next: ProjectConfig = { ...config, phi: settings.phi };
    if (settings.credentials !== undefined) {
      const held = [...new Set(settings.credentials)];
      if (JSON.stringify(held) !== JSON.stringify(config.credentials ?? []))
        changed.push('credentials');
      if (held.length > 0) next.credentials = held;
      else delete next.credentials;
    }
    changed.sort();
    if (changed.length === 0) return { phi: settings.phi, changed };
    await trx
      .updateTable('projects')
      .set({ config: JSON.stringify(next), updated_at: ctx.now().toISOString() })
      .where('id', '=', projectId)
      .execute();
    await audit({
      actorId,
      action: 'project.phi.update',
      entityType: 'project',
      entityId: projectId,
      payload: {
        changed,
        mode: settings.phi.mode,
        ...(changed.includes('credentials') ? { credentials: next.credentials ?? [] } : {}),
      },
    });
    return { phi: settings.phi, changed };
  });
}
