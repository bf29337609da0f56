// The note the workspace shows a new annotator before their first answer: only when they still
// have to qualify and the project has a qualification set, so nobody is told about a test that
// is not there (or that they passed long ago).

import { formatPercent } from '../api/errors';
import type { ProjectDetail } from '../api/types';
import type { SessionStats } from './session-stats';

type NoteProject = Pick<ProjectDetail, 'myQualification' | 'qualificationItems' | 'policy'>;

/** The note's text, or null when it does not apply (qualified, no set, or already answering). */
export function qualificationNote(
  project: NoteProject,
  stats: Pick<SessionStats, 'labelled' | 'skipped'>,
): string | null {
  if (project.myQualification !== 'pending' || project.qualificationItems <= 0) return null;
  if (stats.labelled > 0 || stats.skipped > 0) return null;
  const set =
    project.qualificationItems === 1
      ? 'its qualification item'
      : `its qualification set of ${project.qualificationItems.toLocaleString('en-US')} items`;
  return `New to this project? You start with ${set}: your answers are compared with known ones, and you need ${formatPercent(project.policy.qualificationPassMark)} to go on to the rest.`;
}
