import { z } from 'zod';
import type { ProjectRole, ProjectsTable } from '../db/schema.js';

export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The caller's role in the project, or null when they see it through a global role. */
  myRole: z.enum(['manager', 'reviewer', 'annotator']).nullable(),
});
export type PresentedProject = z.infer<typeof projectSchema>;

export function presentProject(
  row: ProjectsTable & { my_role: ProjectRole | null },
): PresentedProject {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    myRole: row.my_role,
  };
}
