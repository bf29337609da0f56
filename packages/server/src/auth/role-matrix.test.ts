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
 * Every API route against every role, including anonymous. The expectations are written here
 * independently of the routes' own declarations, so removing or loosening a check in the server
 * makes this test fail. A new route that is missing from this table fails the completeness check.
 */

type Who = 'anonymous' | 'member' | 'auditor' | 'admin';
const WHO: readonly Who[] = ['anonymous', 'member', 'auditor', 'admin'];

interface Case {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The route as registered (with :params). */
  readonly route: string;
  readonly allowed: readonly Who[];
  /** Builds the concrete request for a caller. */
  readonly request: (f: Fixture) => { url: string; payload?: Record<string, unknown> };
}

interface Fixture {
  readonly memberId: string;
  readonly projectId: string;
  readonly tokenIdOf: Record<Exclude<Who, 'anonymous'>, string>;
  readonly who: Who;
  readonly n: number;
}

const SIGNED_IN: readonly Who[] = ['member', 'auditor', 'admin'];

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
    method: 'POST',
    route: '/api/auth/password',
    allowed: SIGNED_IN,
    // A wrong current password is a 400 for the signed-in: what matters here is who gets past access.
    request: () => ({
      url: '/api/auth/password',
      payload: { currentPassword: 'wrong', newPassword: 'a new long password' },
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
    request: (f) => ({ url: `/api/users/${f.memberId}` }),
  },
  {
    method: 'PATCH',
    route: '/api/users/:id',
    allowed: ['admin'],
    request: (f) => ({ url: `/api/users/${f.memberId}`, payload: { name: 'Renamed' } }),
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
    allowed: ['member', 'admin'],
    request: () => ({ url: '/api/projects', payload: { name: 'P' } }),
  },
  {
    method: 'GET',
    route: '/api/projects/:id',
    allowed: SIGNED_IN,
    request: (f) => ({ url: `/api/projects/${f.projectId}` }),
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
  // Signing out last: it revokes the token used.
  {
    method: 'POST',
    route: '/api/auth/logout',
    allowed: SIGNED_IN,
    request: () => ({ url: '/api/auth/logout' }),
  },
];

describe.each(DIALECTS)('role matrix on %s', (dialect) => {
  let t: TestApp;
  const tokens = {} as Record<Exclude<Who, 'anonymous'>, string>;
  const tokenIdOf = {} as Record<Exclude<Who, 'anonymous'>, string>;
  let memberId = '';
  let projectId = '';

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    tokens.admin = await loginAs(t.app, ADMIN.email, ADMIN.password);
    const member = await createUserAndLogin(t.app, tokens.admin, {
      email: 'member@example.org',
      role: 'member',
    });
    memberId = member.id;
    tokens.member = member.token;
    tokens.auditor = (
      await createUserAndLogin(t.app, tokens.admin, {
        email: 'auditor@example.org',
        role: 'auditor',
      })
    ).token;
    const project = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { authorization: `Bearer ${tokens.member}` },
      payload: { name: 'Matrix' },
    });
    projectId = json<{ id: string }>(project).id;
    for (const who of ['admin', 'member', 'auditor'] as const) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: { authorization: `Bearer ${tokens[who]}` },
        payload: { name: `revocable-${who}` },
      });
      tokenIdOf[who] = json<{ id: string }>(created).id;
    }
  });
  afterAll(() => t.close());

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
      const allowed = c.allowed.includes(who);
      it(`${c.method} ${c.route} as ${who} → ${allowed ? 'allowed' : who === 'anonymous' ? '401' : '403'}`, async () => {
        n += 1;
        const { url, payload } = c.request({ memberId, projectId, tokenIdOf, who, n });
        const res = await t.app.inject({
          method: c.method,
          url,
          ...(payload ? { payload } : {}),
          headers: who === 'anonymous' ? {} : { authorization: `Bearer ${tokens[who]}` },
        });
        if (allowed && c.route === '/api/auth/password') {
          expect(res.statusCode, res.body).toBe(400);
        } else if (allowed) {
          expect(res.statusCode, res.body).toBeLessThan(400);
        } else {
          expect(res.statusCode, res.body).toBe(who === 'anonymous' ? 401 : 403);
          expect(json<{ error: { code: string } }>(res).error.code).toBe(
            who === 'anonymous' ? 'CONCORD_ERR_UNAUTHENTICATED' : 'CONCORD_ERR_FORBIDDEN',
          );
        }
      });
    }
  }
});
