// The app's pages, who may open them, and what the navigation shows to whom.
// Access here only decides what the UI offers; the server enforces every role check itself.

import type { GlobalRole, ProjectRole } from '../api/types';

export type PageName = 'login' | 'projects' | 'users' | 'audit' | 'account';

/** The tabs of a project's page; the overview is the page itself. */
export type ProjectTab =
  | 'overview'
  | 'items'
  | 'members'
  | 'import'
  | 'quality'
  | 'adjudication'
  | 'snapshots'
  | 'privacy';

/** In the order of a program: set up, import, watch quality, adjudicate, deliver. */
export const PROJECT_TABS: readonly ProjectTab[] = [
  'overview',
  'items',
  'members',
  'import',
  'quality',
  'adjudication',
  'snapshots',
  'privacy',
];

export type Route =
  | { readonly kind: 'page'; readonly page: PageName }
  /** /projects/:id[/items|/members|/import] */
  | { readonly kind: 'project'; readonly projectId: string; readonly tab: ProjectTab }
  /** /projects/:id/annotate: the annotator's workspace */
  | { readonly kind: 'annotate'; readonly projectId: string }
  | { readonly kind: 'redirect'; readonly to: string }
  | { readonly kind: 'not-found' };

export const PATHS: Readonly<Record<PageName, string>> = {
  login: '/login',
  projects: '/projects',
  users: '/users',
  audit: '/audit',
  account: '/account',
};

export const HOME_PATH = PATHS.projects;

/** Which page a pathname shows. A trailing slash is tolerated; '/' leads home. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '') return { kind: 'redirect', to: HOME_PATH };
  for (const [page, pagePath] of Object.entries(PATHS) as [PageName, string][]) {
    if (path === pagePath) return { kind: 'page', page };
  }
  const project = /^\/projects\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (project) {
    let projectId: string;
    try {
      projectId = decodeURIComponent(project[1] ?? '');
    } catch {
      return { kind: 'not-found' };
    }
    const rest = project[2];
    if (rest === undefined) return { kind: 'project', projectId, tab: 'overview' };
    if (rest === 'annotate') return { kind: 'annotate', projectId };
    const tab = PROJECT_TABS.find((t) => t === rest && t !== 'overview');
    if (tab !== undefined) return { kind: 'project', projectId, tab };
  }
  return { kind: 'not-found' };
}

/** The path of a project's page, or of one of its tabs. */
export function projectPath(projectId: string, tab: ProjectTab = 'overview'): string {
  const base = `${PATHS.projects}/${encodeURIComponent(projectId)}`;
  return tab === 'overview' ? base : `${base}/${tab}`;
}

export function annotatePath(projectId: string): string {
  return `${projectPath(projectId)}/annotate`;
}

/** Who sees what of a project: the global role and the role in the project (null: none). */
export interface ProjectAccess {
  readonly globalRole: GlobalRole;
  readonly projectRole: ProjectRole | null;
}

/**
 * The tabs a person sees on a project's page. Items, members, quality, adjudication and snapshots
 * are for managers and reviewers, and for admins and auditors, who see every project; importing
 * is for managers and admins; a PHI project's Privacy tab for managers, admins and auditors.
 * The server checks each request again.
 */
export function projectTabs(
  { globalRole, projectRole }: ProjectAccess,
  project: { readonly phi?: boolean } = {},
): readonly ProjectTab[] {
  const overseer = globalRole === 'admin' || globalRole === 'auditor';
  const reads = overseer || projectRole === 'manager' || projectRole === 'reviewer';
  return PROJECT_TABS.filter((tab) => {
    if (tab === 'overview') return true;
    if (tab === 'import') return canManageProject({ globalRole, projectRole });
    // A PHI project's privacy (grants, vault, compliance report): not for reviewers.
    if (tab === 'privacy') return project.phi === true && (overseer || projectRole === 'manager');
    return reads;
  });
}

/** Import items, add members and change their roles: the project's managers, and admins. */
export function canManageProject({ globalRole, projectRole }: ProjectAccess): boolean {
  return globalRole === 'admin' || (globalRole === 'member' && projectRole === 'manager');
}

/** Only members of a project are served items, whatever their project role. */
export function canAnnotate({ globalRole, projectRole }: ProjectAccess): boolean {
  return projectRole !== null && globalRole !== 'auditor';
}

const PAGE_ROLES: Readonly<Record<Exclude<PageName, 'login'>, readonly GlobalRole[]>> = {
  projects: ['admin', 'auditor', 'member'],
  // The auditor reads everything and changes nothing: the users page opens read-only.
  users: ['admin', 'auditor'],
  audit: ['admin', 'auditor'],
  // Everyone manages their own password and API tokens, auditors included.
  account: ['admin', 'auditor', 'member'],
};

export function canOpen(page: PageName, role: GlobalRole): boolean {
  return page === 'login' || PAGE_ROLES[page].includes(role);
}

export function canCreateProject(role: GlobalRole): boolean {
  return role === 'admin' || role === 'member';
}

export function canManageUsers(role: GlobalRole): boolean {
  return role === 'admin';
}

export interface NavItem {
  readonly page: PageName;
  readonly label: string;
  readonly path: string;
  /** The key that follows `g` to jump here. */
  readonly key: string;
}

const NAV: readonly NavItem[] = [
  { page: 'projects', label: 'Projects', path: PATHS.projects, key: 'p' },
  { page: 'users', label: 'Users', path: PATHS.users, key: 'u' },
  { page: 'audit', label: 'Audit log', path: PATHS.audit, key: 'a' },
];

/** The navigation a role sees: only pages it can open. */
export function navItems(role: GlobalRole): readonly NavItem[] {
  return NAV.filter((item) => canOpen(item.page, role));
}

/**
 * Where to go after signing in, from `?next=`. Only same-origin paths of the app are
 * followed, so a crafted link cannot send a person elsewhere after they typed a password.
 */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return HOME_PATH;
  }
  const pathname = next.split(/[?#]/)[0] ?? '';
  const route = matchRoute(pathname);
  if (route.kind === 'project' || route.kind === 'annotate') return next;
  if (route.kind !== 'page' || route.page === 'login') return HOME_PATH;
  return next;
}

/** The /login URL that returns to `current` afterwards (home is not worth remembering). */
export function loginPathFor(current: string): string {
  const next = safeNextPath(current);
  return next === HOME_PATH ? PATHS.login : `${PATHS.login}?next=${encodeURIComponent(next)}`;
}
