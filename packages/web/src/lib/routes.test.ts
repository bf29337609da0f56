import { describe, expect, it } from 'vitest';
import {
  annotatePath,
  canAnnotate,
  canCreateProject,
  canManageProject,
  canManageUsers,
  canOpen,
  loginPathFor,
  matchRoute,
  navItems,
  projectPath,
  projectTabs,
  safeNextPath,
} from './routes';

describe('matchRoute', () => {
  it('knows the pages, with or without a trailing slash', () => {
    expect(matchRoute('/login')).toEqual({ kind: 'page', page: 'login' });
    expect(matchRoute('/projects')).toEqual({ kind: 'page', page: 'projects' });
    expect(matchRoute('/users/')).toEqual({ kind: 'page', page: 'users' });
    expect(matchRoute('/audit')).toEqual({ kind: 'page', page: 'audit' });
    expect(matchRoute('/account')).toEqual({ kind: 'page', page: 'account' });
  });

  it('knows a project, its tabs and its workspace, by the project id', () => {
    expect(matchRoute('/projects/prj_1')).toEqual({
      kind: 'project',
      projectId: 'prj_1',
      tab: 'overview',
    });
    expect(matchRoute('/projects/prj_1/items/')).toEqual({
      kind: 'project',
      projectId: 'prj_1',
      tab: 'items',
    });
    expect(matchRoute('/projects/prj_1/adjudication')).toEqual({
      kind: 'project',
      projectId: 'prj_1',
      tab: 'adjudication',
    });
    expect(matchRoute('/projects/prj_1/annotate')).toEqual({
      kind: 'annotate',
      projectId: 'prj_1',
    });
    expect(matchRoute('/projects/prj_1/overview')).toEqual({ kind: 'not-found' });
    expect(matchRoute('/projects/prj_1/elsewhere')).toEqual({ kind: 'not-found' });
    expect(matchRoute('/projects/%E0%A4%A')).toEqual({ kind: 'not-found' });
  });

  it('builds the paths it reads back', () => {
    expect(projectPath('a/b')).toBe('/projects/a%2Fb');
    expect(matchRoute(projectPath('a/b', 'members'))).toEqual({
      kind: 'project',
      projectId: 'a/b',
      tab: 'members',
    });
    expect(matchRoute(annotatePath('p 1'))).toEqual({ kind: 'annotate', projectId: 'p 1' });
  });

  it('sends the root to the projects page and anything else to not-found', () => {
    expect(matchRoute('/')).toEqual({ kind: 'redirect', to: '/projects' });
    expect(matchRoute('/projectsx')).toEqual({ kind: 'not-found' });
    expect(matchRoute('/api/health')).toEqual({ kind: 'not-found' });
  });
});

describe('role access', () => {
  it('shows a member only projects', () => {
    expect(navItems('member').map((n) => n.label)).toEqual(['Projects']);
    expect(canOpen('users', 'member')).toBe(false);
    expect(canOpen('audit', 'member')).toBe(false);
  });

  it('opens the account page to every role, outside the main navigation', () => {
    for (const role of ['admin', 'auditor', 'member'] as const) {
      expect(canOpen('account', role)).toBe(true);
      expect(navItems(role).map((n) => n.page)).not.toContain('account');
    }
  });

  it('shows an admin everything', () => {
    expect(navItems('admin').map((n) => n.label)).toEqual(['Projects', 'Users', 'Audit log']);
  });

  it('lets an auditor read users and the audit log but change nothing', () => {
    expect(navItems('auditor').map((n) => n.label)).toEqual(['Projects', 'Users', 'Audit log']);
    expect(canManageUsers('auditor')).toBe(false);
    expect(canCreateProject('auditor')).toBe(false);
  });

  it('lets admins and members create projects, and only admins manage users', () => {
    const roles = ['admin', 'auditor', 'member'] as const;
    expect(roles.map(canCreateProject)).toEqual([true, false, true]);
    expect(roles.map(canManageUsers)).toEqual([true, false, false]);
  });
});

describe('project access', () => {
  const access = (
    globalRole: 'admin' | 'auditor' | 'member',
    projectRole: 'manager' | 'reviewer' | 'annotator' | null,
  ) => ({
    globalRole,
    projectRole,
  });

  it('shows annotators the overview only, reviewers all but the import, managers everything', () => {
    expect(projectTabs(access('member', 'annotator'))).toEqual(['overview']);
    expect(projectTabs(access('member', 'reviewer'))).toEqual([
      'overview',
      'items',
      'members',
      'quality',
      'adjudication',
      'snapshots',
    ]);
    expect(projectTabs(access('member', 'manager'))).toEqual([
      'overview',
      'items',
      'members',
      'import',
      'quality',
      'adjudication',
      'snapshots',
    ]);
  });

  it('adds the Privacy tab of a PHI project for managers, admins and auditors only', () => {
    const phi = { phi: true };
    expect(projectTabs(access('member', 'manager'), phi)).toContain('privacy');
    expect(projectTabs(access('admin', null), phi)).toContain('privacy');
    expect(projectTabs(access('auditor', null), phi)).toContain('privacy');
    expect(projectTabs(access('member', 'reviewer'), phi)).not.toContain('privacy');
    expect(projectTabs(access('member', 'annotator'), phi)).toEqual(['overview']);
    expect(projectTabs(access('member', 'manager'))).not.toContain('privacy');
  });

  it('lets admins manage every project and auditors read it, without annotating unless members', () => {
    expect(projectTabs(access('admin', null))).toEqual([
      'overview',
      'items',
      'members',
      'import',
      'quality',
      'adjudication',
      'snapshots',
    ]);
    expect(projectTabs(access('auditor', null))).toEqual([
      'overview',
      'items',
      'members',
      'quality',
      'adjudication',
      'snapshots',
    ]);
    expect(canManageProject(access('auditor', 'manager'))).toBe(false);
    expect(canAnnotate(access('admin', null))).toBe(false);
    expect(canAnnotate(access('admin', 'annotator'))).toBe(true);
    expect(canAnnotate(access('member', 'reviewer'))).toBe(true);
  });
});

describe('safeNextPath', () => {
  it('follows paths of the app, keeping their query', () => {
    expect(safeNextPath('/audit?page=2')).toBe('/audit?page=2');
    expect(safeNextPath('/users')).toBe('/users');
    expect(safeNextPath('/projects/prj_1/annotate')).toBe('/projects/prj_1/annotate');
    expect(safeNextPath('/projects/prj_1/items?kind=gold')).toBe('/projects/prj_1/items?kind=gold');
  });

  it('never leaves the app after sign-in', () => {
    for (const next of [
      null,
      'https://evil.example',
      '//evil.example/users',
      '/\\evil.example',
      '/login',
      '/nowhere',
      'users',
    ]) {
      expect(safeNextPath(next)).toBe('/projects');
    }
  });
});

describe('loginPathFor', () => {
  it('remembers where the person was, except home', () => {
    expect(loginPathFor('/audit?page=3')).toBe('/login?next=%2Faudit%3Fpage%3D3');
    expect(loginPathFor('/projects')).toBe('/login');
    expect(loginPathFor('/login')).toBe('/login');
  });
});
