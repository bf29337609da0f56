import { useEffect, useState } from 'react';
import type { ProjectDetail, User } from '../../api/types';
import type { PhiApi } from '../../lib/phi-api';
import { isPhiProject } from '../../lib/phi-config';

/**
 * Whether the signed-in person holds `phi:reveal` on the project, so the reveal is offered only
 * to them. The project's own answer (`myPermissions`) is used when the server sends it;
 * otherwise those who may read the grants (its managers, admins) look themselves up there.
 * Anyone else is not offered the reveal; the server checks the permission on every reveal.
 */
export function useCanReveal(
  phiApi: PhiApi,
  project: ProjectDetail,
  user: User,
  readsGrants: boolean,
): boolean {
  const phi = isPhiProject(project.config);
  const told = project.myPermissions;
  const [holds, setHolds] = useState(false);
  useEffect(() => {
    if (!phi || told !== undefined || !readsGrants || user.role === 'auditor') {
      setHolds(false);
      return;
    }
    const controller = new AbortController();
    phiApi
      .permissions(project.id, { limit: 10_000, offset: 0 }, { signal: controller.signal })
      .then(
        (page) =>
          setHolds(page.grants.some((g) => g.userId === user.id && g.permission === 'phi:reveal')),
        () => setHolds(false),
      );
    return () => controller.abort();
  }, [phiApi, project.id, phi, told, readsGrants, user.id, user.role]);
  if (!phi) return false;
  return told !== undefined ? told.includes('phi:reveal') : holds;
}
