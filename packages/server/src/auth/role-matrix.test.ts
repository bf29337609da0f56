import type { FastifyInstance } from 'fastify';
import {
  DIALECTS,
  buildTestApp,
  createUserAndLogin,
  json,
  loginAs,
  ADMIN,
  type TestApp,
} from '../test/harness.js';

/*
 * Every API route against every kind of caller: anonymous; the global roles member, auditor and
 * admin; and, on one project, its manager, reviewer and annotator plus an outsider (a member who
 * does not belong to it). The expectations are written here independently of the routes' own
 * declarations, so removing or loosening a check in the server makes this test fail; a route
 * missing from this table fails the completeness check.
 */

type Who = 'anonymous' | 'outsider' | 'annotator' | 'reviewer' | 'manager' | 'auditor' | 'admin';
const WHO: readonly Who[] = [
  'anonymous',
  'outsider',
  'annotator',
  'reviewer',
  'manager',
  'auditor',
  'admin',
];
type SignedIn = Exclude<Who, 'anonymous'>;
const SIGNED_IN: readonly Who[] = WHO.filter((w) => w !== 'anonymous');
const MEMBERS: readonly Who[] = ['outsider', 'annotator', 'reviewer', 'manager'];

interface Fixture {
  readonly who: Who;
  readonly n: number;
  readonly projectId: string;
  readonly itemId: string;
  readonly snapshotId: string;
  readonly userId: Record<SignedIn, string>;
  readonly tokenIdOf: Record<SignedIn, string>;
  /** An assignment of the project's annotator that is leased and not yet submitted. */
  freshLease(): Promise<string>;
  /** A QA review waiting for a verdict (every submission is sampled in this project). */
  pendingReview(): Promise<string>;
}

interface Case {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly route: string;
  readonly allowed: readonly Who[];
  /** Signed-in callers who may not even learn that the object exists (404). */
  readonly hidden?: readonly Who[];
  readonly request: (
    f: Fixture,
  ) => Promise<{ url: string; payload?: unknown }> | { url: string; payload?: unknown };
}

const PROJECT_READERS: readonly Who[] = ['manager', 'reviewer', 'auditor', 'admin'];

const CASES: readonly Case[] = [
  { method: 'GET', route: '/api/health', allowed: WHO, request: () => ({ url: '/api/health' }) },
  {
    method: 'POST',
    route: '/api/auth/login',
    allowed: WHO,
    request: () => ({
      url: '/api/auth/login',
      payload: { email: ADMIN.email, password: ADMIN.password },
    }),
  },
  {
    method: 'GET',
    route: '/api/auth/me',
    allowed: SIGNED_IN,
    request: () => ({ url: '/api/auth/me' }),
  },
  // A wrong current password is a 400: what matters here is who gets past the access check.
  {
    method: 'POST',
    route: '/api/auth/password',
    allowed: SIGNED_IN,
    request: () => ({
      url: '/api/auth/password',
      payload: { currentPassword: 'wrong', newPassword: 'a new long password' },
    }),
  },
  {
    method: 'GET',
    route: '/api/auth/tokens',
    allowed: SIGNED_IN,
    request: () => ({ url: '/api/auth/tokens' }),
  },
  {
    method: 'POST',
    route: '/api/auth/tokens',
    allowed: SIGNED_IN,
    request: () => ({ url: '/api/auth/tokens', payload: { name: 'ci' } }),
  },
  {
    method: 'DELETE',
    route: '/api/auth/tokens/:id',
    allowed: SIGNED_IN,
    request: (f) => ({
      url: `/api/auth/tokens/${f.who === 'anonymous' ? 'tok_x' : f.tokenIdOf[f.who]}`,
    }),
  },
  {
    method: 'GET',
    route: '/api/users',
    allowed: ['auditor', 'admin'],
    request: () => ({ url: '/api/users' }),
  },
  {
    method: 'POST',
    route: '/api/users',
    allowed: ['admin'],
    request: (f) => ({
      url: '/api/users',
      payload: {
        email: `new-${f.who}-${f.n}@example.org`,
        name: 'New',
        password: 'a long enough password',
        role: 'member',
      },
    }),
  },
  {
    method: 'GET',
    route: '/api/users/:id',
    allowed: ['auditor', 'admin'],
    request: (f) => ({ url: `/api/users/${f.userId.outsider}` }),
  },
  {
    method: 'PATCH',
    route: '/api/users/:id',
    allowed: ['admin'],
    request: (f) => ({ url: `/api/users/${f.userId.outsider}`, payload: { name: 'Renamed' } }),
  },
  {
    method: 'GET',
    route: '/api/projects',
    allowed: SIGNED_IN,
    request: () => ({ url: '/api/projects' }),
  },
  {
    method: 'POST',
    route: '/api/projects',
    allowed: [...MEMBERS, 'admin'],
    request: () => ({ url: '/api/projects', payload: { name: 'P', template: 'sentiment' } }),
  },
  {
    method: 'GET',
    route: '/api/projects/:id',
    allowed: SIGNED_IN,
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/projects/${f.projectId}` }),
  },
  {
    method: 'GET',
    route: '/api/projects/:id/members',
    allowed: PROJECT_READERS,
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/projects/${f.projectId}/members` }),
  },
  {
    method: 'POST',
    route: '/api/projects/:id/members',
    allowed: ['manager', 'admin'],
    hidden: ['outsider'],
    request: (f) => ({
      url: `/api/projects/${f.projectId}/members`,
      payload: { userId: f.userId.annotator, role: 'annotator' },
    }),
  },
  {
    method: 'POST',
    route: '/api/projects/:id/members/:userId/qualification',
    allowed: ['manager', 'admin'],
    hidden: ['outsider'],
    request: (f) => ({
      url: `/api/projects/${f.projectId}/members/${f.userId.annotator}/qualification`,
      payload: { decision: 'qualified', note: 'checked by hand' },
    }),
  },
  {
    method: 'POST',
    route: '/api/projects/:id/items',
    allowed: ['manager', 'admin'],
    hidden: ['outsider'],
    request: (f) => ({
      url: `/api/projects/${f.projectId}/items`,
      payload: [{ data: { text: `more ${f.n}` } }],
    }),
  },
  {
    method: 'GET',
    route: '/api/projects/:id/items',
    allowed: PROJECT_READERS,
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/projects/${f.projectId}/items` }),
  },
  {
    method: 'GET',
    route: '/api/projects/:id/items/counts',
    allowed: PROJECT_READERS,
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/projects/${f.projectId}/items/counts` }),
  },
  // Only members of the project annotate: admins and auditors who are not members are refused.
  {
    method: 'GET',
    route: '/api/projects/:id/next',
    allowed: ['annotator', 'reviewer', 'manager'],
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/projects/${f.projectId}/next` }),
  },
  // Nobody but its holder touches an assignment.
  {
    method: 'POST',
    route: '/api/assignments/:id/submit',
    allowed: ['annotator'],
    request: async (f) => ({
      url: `/api/assignments/${await f.freshLease()}/submit`,
      payload: { value: { sentiment: 'positive' }, clientId: `c-${f.who}-${f.n}`, activeMs: 1000 },
    }),
  },
  {
    method: 'POST',
    route: '/api/assignments/:id/heartbeat',
    allowed: ['annotator'],
    request: async (f) => ({ url: `/api/assignments/${await f.freshLease()}/heartbeat` }),
  },
  {
    method: 'POST',
    route: '/api/assignments/:id/release',
    allowed: ['annotator'],
    request: async (f) => ({
      url: `/api/assignments/${await f.freshLease()}/release`,
      payload: { reason: 'skip' },
    }),
  },
  {
    method: 'GET',
    route: '/api/projects/:id/reviews',
    allowed: PROJECT_READERS,
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/projects/${f.projectId}/reviews` }),
  },
  {
    method: 'POST',
    route: '/api/reviews/:id',
    allowed: ['reviewer', 'manager', 'admin'],
    hidden: ['outsider'],
    request: async (f) => ({
      url: `/api/reviews/${await f.pendingReview()}`,
      payload: { verdict: 'accept' },
    }),
  },
  {
    method: 'GET',
    route: '/api/projects/:id/quality',
    allowed: PROJECT_READERS,
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/projects/${f.projectId}/quality` }),
  },
  {
    method: 'GET',
    route: '/api/projects/:id/adjudications',
    allowed: PROJECT_READERS,
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/projects/${f.projectId}/adjudications` }),
  },
  {
    method: 'POST',
    route: '/api/items/:id/adjudicate',
    allowed: ['reviewer', 'manager', 'admin'],
    hidden: ['outsider'],
    request: (f) => ({
      url: `/api/items/${f.itemId}/adjudicate`,
      payload: { value: { sentiment: 'neutral' }, rationale: 'decided in the matrix test' },
    }),
  },
  {
    method: 'POST',
    route: '/api/projects/:id/snapshots',
    allowed: ['manager', 'admin'],
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/projects/${f.projectId}/snapshots` }),
  },
  {
    method: 'GET',
    route: '/api/projects/:id/snapshots',
    allowed: PROJECT_READERS,
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/projects/${f.projectId}/snapshots` }),
  },
  {
    method: 'GET',
    route: '/api/snapshots/:id/manifest',
    allowed: PROJECT_READERS,
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/snapshots/${f.snapshotId}/manifest` }),
  },
  {
    method: 'GET',
    route: '/api/snapshots/:id/export',
    allowed: PROJECT_READERS,
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/snapshots/${f.snapshotId}/export?format=jsonl` }),
  },
  {
    method: 'GET',
    route: '/api/audit',
    allowed: ['auditor', 'admin'],
    request: () => ({ url: '/api/audit' }),
  },
  {
    method: 'GET',
    route: '/api/audit/verify',
    allowed: ['auditor', 'admin'],
    request: () => ({ url: '/api/audit/verify' }),
  },
  {
    method: 'PUT',
    route: '/api/users/:id/credentials',
    allowed: ['admin'],
    request: (f) => ({
      url: `/api/users/${f.userId.outsider}/credentials`,
      payload: { credentials: ['clinical'] },
    }),
  },
  // Issue 6. Nobody holds phi:reveal here (it is never implied by a role), so every reveal is refused.
  {
    method: 'POST',
    route: '/api/items/:id/reveal',
    allowed: [],
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/items/${f.itemId}/reveal`, payload: { reason: 'matrix check' } }),
  },
  {
    method: 'GET',
    route: '/api/projects/:id/permissions',
    allowed: ['manager', 'auditor', 'admin'],
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/projects/${f.projectId}/permissions` }),
  },
  {
    method: 'POST',
    route: '/api/projects/:id/permissions',
    allowed: ['manager', 'admin'],
    hidden: ['outsider'],
    request: (f) => ({
      url: `/api/projects/${f.projectId}/permissions`,
      payload: { userId: f.userId.reviewer, permission: 'phi:reveal' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/projects/:id/permissions/:userId/:permission',
    allowed: ['manager', 'admin'],
    hidden: ['outsider'],
    request: (f) => ({
      url: `/api/projects/${f.projectId}/permissions/${f.userId.reviewer}/phi:reveal`,
    }),
  },
  // A project that is not PHI has no vault: allowed callers get 409.
  {
    method: 'GET',
    route: '/api/projects/:id/vault',
    allowed: ['manager', 'auditor', 'admin'],
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/projects/${f.projectId}/vault` }),
  },
  {
    method: 'DELETE',
    route: '/api/projects/:id/vault',
    allowed: ['manager', 'admin'],
    hidden: ['outsider'],
    request: (f) => ({
      url: `/api/projects/${f.projectId}/vault`,
      payload: { reason: 'matrix check' },
    }),
  },
  // Likewise a project that is not PHI is never made one: allowed callers get 409.
  {
    method: 'PUT',
    route: '/api/projects/:id/phi',
    allowed: ['manager', 'admin'],
    hidden: ['outsider'],
    request: (f) => ({
      url: `/api/projects/${f.projectId}/phi`,
      payload: { phi: { mode: 'redact' } },
    }),
  },
  {
    method: 'GET',
    route: '/api/projects/:id/compliance-report',
    allowed: ['manager', 'auditor', 'admin'],
    hidden: ['outsider'],
    request: (f) => ({ url: `/api/projects/${f.projectId}/compliance-report?format=json` }),
  },
  // Signing out last: it revokes the token used.
  {
    method: 'POST',
    route: '/api/auth/logout',
    allowed: SIGNED_IN,
    request: () => ({ url: '/api/auth/logout' }),
  },
];

async function post(app: FastifyInstance, token: string, url: string, payload: unknown) {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}` },
    payload: payload as Record<string, unknown>,
  });
  if (res.statusCode >= 400) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {};
}

describe.each(DIALECTS)('role matrix on %s', (dialect) => {
  let t: TestApp;
  const tokens = {} as Record<SignedIn, string>;
  const userId = {} as Record<SignedIn, string>;
  const tokenIdOf = {} as Record<SignedIn, string>;
  let projectId = '';
  let itemId = '';
  let snapshotId = '';

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    tokens.admin = await loginAs(t.app, ADMIN.email, ADMIN.password);
    for (const who of ['outsider', 'annotator', 'reviewer', 'manager', 'auditor'] as const) {
      const user = await createUserAndLogin(t.app, tokens.admin, {
        email: `${who}@example.org`,
        role: who === 'auditor' ? 'auditor' : 'member',
      });
      tokens[who] = user.token;
      userId[who] = user.id;
    }
    userId.admin = json<{ user: { id: string } }>(
      await t.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${tokens.admin}` },
      }),
    ).user.id;
    projectId = (
      await post(t.app, tokens.manager, '/api/projects', {
        name: 'Matrix',
        template: 'sentiment',
        policy: { overlap: 1, goldRate: 0, reviewRate: 1 },
      })
    ).id as string;
    for (const role of ['annotator', 'reviewer'] as const)
      await post(t.app, tokens.manager, `/api/projects/${projectId}/members`, {
        userId: userId[role],
        role,
      });
    await post(
      t.app,
      tokens.manager,
      `/api/projects/${projectId}/items`,
      Array.from({ length: 60 }, (_, i) => ({ data: { text: `message ${i}` } })),
    );
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/items?limit=1`,
      headers: { authorization: `Bearer ${tokens.manager}` },
    });
    itemId = json<{ items: { id: string }[] }>(listed).items[0]!.id;
    snapshotId = (
      await post(t.app, tokens.manager, `/api/projects/${projectId}/snapshots`, undefined)
    ).id as string;
    for (const who of SIGNED_IN as SignedIn[]) {
      tokenIdOf[who] = (
        await post(t.app, tokens[who], '/api/auth/tokens', { name: `revocable-${who}` })
      ).id as string;
    }
  });
  afterAll(() => t.close());

  const freshLease = async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/next`,
      headers: { authorization: `Bearer ${tokens.annotator}` },
    });
    if (res.statusCode !== 200) throw new Error(`lease: ${res.statusCode} ${res.body}`);
    return json<{ assignment: { id: string } }>(res).assignment.id;
  };

  const pendingReview = async () => {
    const lease = await freshLease();
    await t.app.inject({
      method: 'POST',
      url: `/api/assignments/${lease}/submit`,
      headers: { authorization: `Bearer ${tokens.annotator}` },
      payload: { value: { sentiment: 'neutral' }, clientId: `review-${lease}` },
    });
    const review = await t.database.db
      .selectFrom('reviews')
      .select('id')
      .where('status', '=', 'pending')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    return review.id;
  };

  it('covers every registered API route', () => {
    const registered = t.app.concord.routes
      .filter(
        (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD',
      )
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(registered).toEqual(CASES.map((c) => `${c.method} ${c.route}`).sort());
  });

  it('every API route declares who may call it', () => {
    const undeclared = t.app.concord.routes.filter(
      (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.access === undefined,
    );
    expect(undeclared).toEqual([]);
  });

  let n = 0;
  for (const c of CASES) {
    for (const who of WHO) {
      const expected =
        who === 'anonymous' && !c.allowed.includes(who)
          ? 401
          : c.hidden?.includes(who)
            ? 404
            : c.allowed.includes(who)
              ? 'allowed'
              : 403;
      it(`${c.method} ${c.route} as ${who} → ${expected}`, async () => {
        n += 1;
        const { url, payload } = await c.request({
          who,
          n,
          projectId,
          itemId,
          snapshotId,
          userId,
          tokenIdOf,
          freshLease,
          pendingReview,
        });
        const res = await t.app.inject({
          method: c.method,
          url,
          ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
          headers: who === 'anonymous' ? {} : { authorization: `Bearer ${tokens[who]}` },
        });
        if (expected === 'allowed') {
          expect([401, 403, 404], res.body).not.toContain(res.statusCode);
          expect(res.statusCode, res.body).toBeLessThan(500);
        } else {
          expect(res.statusCode, res.body).toBe(expected);
          const code = json<{ error: { code: string } }>(res).error.code;
          expect(code).toBe(
            expected === 401
              ? 'CONCORD_ERR_UNAUTHENTICATED'
              : expected === 404
                ? 'CONCORD_ERR_NOT_FOUND'
                : 'CONCORD_ERR_FORBIDDEN',
          );
        }
      });
    }
  }
});
