import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { ProjectConfig, QualityPolicy } from '@concord/core/config';
import { DEFAULT_POLICY } from '@concord/core/config';
import type { ProjectRole, ProjectsTable, QualificationStatus } from '../db/schema.js';

export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The caller's role in the project, or null when they see it through a global role. */
  myRole: z.enum(['manager', 'reviewer', 'annotator']).nullable(),
  /** The caller's own qualification in the project (null when not a member). */
  myQualification: z.enum(['pending', 'qualified', 'failed']).nullable(),
  config: z.looseObject({ fields: z.array(z.looseObject({ name: z.string(), type: z.string() })) }),
  policy: z.looseObject({}),
  guidelines: z.string(),
  guidelineVersion: z.number().int(),
  taxonomyVersion: z.number().int(),
  itemCount: z.number().int(),
});
export type PresentedProject = z.infer<typeof projectSchema>;

/**
 * One project as GET /projects/:id gives it: with the size of its qualification set, so the
 * workspace tells a new annotator about it only when there is one. A count, never which items.
 */
export const projectDetailSchema = projectSchema.extend({
  qualificationItems: z.number().int(),
  /** The caller's own grants on the project (e.g. `phi:reveal`), so the app offers what they hold. */
  myPermissions: z.array(z.string()),
});
export type PresentedProjectDetail = z.infer<typeof projectDetailSchema>;

export function parseConfig(row: Pick<Selectable<ProjectsTable>, 'config'>): ProjectConfig {
  return JSON.parse(row.config) as ProjectConfig;
}

export function parsePolicy(row: Pick<Selectable<ProjectsTable>, 'policy'>): QualityPolicy {
  return { ...DEFAULT_POLICY, ...(JSON.parse(row.policy) as Partial<QualityPolicy>) };
}

/**
 * The config as a project role sees it: annotators and reviewers do not get a PHI project's
 * allow and deny lists, custom patterns or known-identifier keys, which may name real
 * identifiers (a local surname, a record-number format); managers, admins and auditors see the
 * whole config.
 */
function configFor(config: ProjectConfig, role: ProjectRole | null): ProjectConfig {
  if (!config.phi || role === 'manager' || role === null) return config;
  return {
    ...config,
    phi: { ...config.phi, allow: [], deny: [], patterns: [], knownIdentifiers: [] },
  };
}

/** A project as its members see it: config, policy and guidelines included (they hold no secrets). */
export function presentProject(
  row: Selectable<ProjectsTable> & {
    my_role: ProjectRole | null;
    my_qualification?: QualificationStatus | null;
  },
): PresentedProject {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    myRole: row.my_role,
    myQualification: row.my_qualification ?? null,
    config: configFor(parseConfig(row), row.my_role),
    policy: parsePolicy(row),
    guidelines: row.guidelines,
    guidelineVersion: Number(row.guideline_version),
    taxonomyVersion: Number(row.taxonomy_version),
    itemCount: Number(row.item_count),
  };
}

export function presentProjectDetail(
  row: Parameters<typeof presentProject>[0] & { qualification_items: number | string | bigint },
  myPermissions: readonly string[] = [],
): PresentedProjectDetail {
  return {
    ...presentProject(row),
    qualificationItems: Number(row.qualification_items),
    myPermissions: [...myPermissions],
  };
}
