import { describe, expect, it, vi } from 'vitest';
import { CSRF_HEADER, buildQuery, createApiClient, readCookie } from './client';
import type { FetchLike } from './client';
import { ApiError, NETWORK_ERROR } from './errors';
import { NO_AUDIT_FILTERS } from './types';

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function fakeServer(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch: FetchLike = (url, init) => {
    const call = { url, init };
    calls.push(call);
    return Promise.resolve(answer(call));
  };
  return { calls, fetch };
}

const header = (call: Call | undefined, name: string): string | undefined =>
  (call?.init.headers as Record<string, string> | undefined)?.[name];

const user = {
  id: 'u_1',
  email: 'ada@example.org',
  name: 'Ada',
  role: 'admin',
  disabled: false,
  createdAt: '2025-01-02T03:04:05.000Z',
} as const;

describe('readCookie', () => {
  it('finds one cookie among several and decodes it', () => {
    expect(readCookie('a=1; concord_csrf=abc%2F123; b=2', 'concord_csrf')).toBe('abc/123');
  });

  it('does not match a cookie whose name only ends with the one asked for', () => {
    expect(readCookie('xconcord_csrf=1', 'concord_csrf')).toBeNull();
    expect(readCookie('', 'concord_csrf')).toBeNull();
  });
});

describe('buildQuery', () => {
  it('leaves out empty values so the server applies its defaults', () => {
    expect(buildQuery({ limit: 50, offset: 0, q: '', action: undefined })).toBe(
      '?limit=50&offset=0',
    );
    expect(buildQuery({})).toBe('');
  });

  it('encodes values', () => {
    expect(buildQuery({ q: 'a&b c' })).toBe('?q=a%26b+c');
  });
});

describe('createApiClient', () => {
  it('sends the CSRF token on every state-changing request and never on reads', async () => {
    const server = fakeServer((call) =>
      call.init.method === 'GET'
        ? json(200, { projects: [], total: 0, limit: 50, offset: 0 })
        : json(201, { id: 'p_1' }),
    );
    const api = createApiClient({ fetch: server.fetch, csrfToken: () => 'tok' });
    await api.listProjects({ limit: 50, offset: 0 });
    await api.createProject({ name: 'NER' });
    expect(header(server.calls[0], CSRF_HEADER)).toBeUndefined();
    expect(header(server.calls[1], CSRF_HEADER)).toBe('tok');
  });

  it('reads the CSRF token at request time, so a token renewed by login is used', async () => {
    let token: string | null = null;
    const server = fakeServer(() => json(200, { user }));
    const api = createApiClient({ fetch: server.fetch, csrfToken: () => token });
    token = 'fresh';
    await api.updateUser('u_1', { role: 'member' });
    expect(header(server.calls[0], CSRF_HEADER)).toBe('fresh');
  });

  it('rides on the session cookie and sends JSON bodies', async () => {
    const server = fakeServer(() => json(201, { id: 'u_2' }));
    const api = createApiClient({ fetch: server.fetch, csrfToken: () => 't' });
    await api.createUser({
      email: 'b@example.org',
      name: 'B',
      password: 'long enough pw',
      role: 'member',
    });
    const call = server.calls[0];
    expect(call?.url).toBe('/api/users');
    expect(call?.init.credentials).toBe('same-origin');
    expect(header(call, 'content-type')).toBe('application/json');
    expect(JSON.parse(call?.init.body as string)).toEqual({
      email: 'b@example.org',
      name: 'B',
      password: 'long enough pw',
      role: 'member',
    });
  });

  it('encodes the id of the user it patches', async () => {
    const server = fakeServer(() => json(200, { user }));
    const api = createApiClient({ fetch: server.fetch, csrfToken: () => 't' });
    await api.updateUser('a/b', { disabled: true });
    expect(server.calls[0]?.url).toBe('/api/users/a%2Fb');
    expect(server.calls[0]?.init.method).toBe('PATCH');
  });

  it('changes the password and manages API tokens on the auth routes, with the CSRF token', async () => {
    const server = fakeServer((call) =>
      call.init.method === 'POST' && call.url === '/api/auth/tokens'
        ? json(201, {
            id: 's_1',
            name: 'nightly export',
            createdAt: '2025-01-02T03:04:05.000Z',
            expiresAt: null,
            token: 'secret',
          })
        : new Response(null, { status: 204 }),
    );
    const api = createApiClient({ fetch: server.fetch, csrfToken: () => 'tok' });
    await api.changePassword('old password', 'a new long password');
    const created = await api.createToken({ name: 'nightly export', expiresInDays: null });
    await api.revokeToken('s/1');
    expect(created.token).toBe('secret');
    expect(server.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'POST /api/auth/password',
      'POST /api/auth/tokens',
      'DELETE /api/auth/tokens/s%2F1',
    ]);
    expect(JSON.parse(server.calls[0]?.init.body as string)).toEqual({
      currentPassword: 'old password',
      newPassword: 'a new long password',
    });
    expect(JSON.parse(server.calls[1]?.init.body as string)).toEqual({
      name: 'nightly export',
      expiresInDays: null,
    });
    expect(server.calls.every((c) => header(c, CSRF_HEADER) === 'tok')).toBe(true);
  });

  it('sends only the audit filters that are set', async () => {
    const server = fakeServer(() => json(200, { events: [], total: 0, limit: 25, offset: 25 }));
    const api = createApiClient({ fetch: server.fetch, csrfToken: () => null });
    await api.listAudit({
      limit: 25,
      offset: 25,
      filters: { ...NO_AUDIT_FILTERS, action: ' user.create ', from: '2025-01-01T00:00:00.000Z' },
    });
    expect(server.calls[0]?.url).toBe(
      '/api/audit?limit=25&offset=25&action=user.create&from=2025-01-01T00%3A00%3A00.000Z',
    );
  });

  it('turns an error answer into an ApiError with the code and details of the contract', async () => {
    const server = fakeServer(() =>
      json(429, {
        error: {
          code: 'CONCORD_ERR_RATE_LIMITED',
          message: 'Too many',
          details: { retryAfterSeconds: 30 },
        },
      }),
    );
    const api = createApiClient({ fetch: server.fetch, csrfToken: () => null });
    const error = await api.login('a@b.c', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'CONCORD_ERR_RATE_LIMITED',
      details: { retryAfterSeconds: 30 },
    });
  });

  it('reports a request that never reached the server as a network error', async () => {
    const api = createApiClient({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      csrfToken: () => null,
    });
    await expect(api.health()).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it('lets an aborted request stay an abort, so a superseded page load is not shown as a failure', async () => {
    const api = createApiClient({
      fetch: () => Promise.reject(new DOMException('aborted', 'AbortError')),
      csrfToken: () => null,
    });
    await expect(api.health()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('treats a 204 as success with no body (logout)', async () => {
    const server = fakeServer(() => new Response(null, { status: 204 }));
    const api = createApiClient({ fetch: server.fetch, csrfToken: () => 't' });
    await expect(api.logout()).resolves.toBeUndefined();
  });

  it('answers me() with null when there is no session, without announcing a lost session', async () => {
    const onSessionEnded = vi.fn();
    const server = fakeServer(() =>
      json(401, { error: { code: 'CONCORD_ERR_UNAUTHENTICATED', message: 'no', details: null } }),
    );
    const api = createApiClient({ fetch: server.fetch, csrfToken: () => null, onSessionEnded });
    await expect(api.me()).resolves.toBeNull();
    expect(onSessionEnded).not.toHaveBeenCalled();
  });

  it('announces a lost session when a request made while signed in gets a 401', async () => {
    const onSessionEnded = vi.fn();
    const server = fakeServer(() =>
      json(401, { error: { code: 'CONCORD_ERR_UNAUTHENTICATED', message: 'no', details: null } }),
    );
    const api = createApiClient({ fetch: server.fetch, csrfToken: () => null, onSessionEnded });
    await expect(api.listUsers({ limit: 50, offset: 0 })).rejects.toBeInstanceOf(ApiError);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
  });

  it('does not treat wrong credentials at login as a lost session', async () => {
    const onSessionEnded = vi.fn();
    const server = fakeServer(() =>
      json(401, {
        error: { code: 'CONCORD_ERR_INVALID_CREDENTIALS', message: 'no', details: null },
      }),
    );
    const api = createApiClient({ fetch: server.fetch, csrfToken: () => null, onSessionEnded });
    await expect(api.login('a@b.c', 'wrong')).rejects.toMatchObject({
      code: 'CONCORD_ERR_INVALID_CREDENTIALS',
    });
    expect(onSessionEnded).not.toHaveBeenCalled();
  });

  it('rejects a success answer without a JSON body instead of handing back undefined', async () => {
    const server = fakeServer(() => new Response('<html></html>', { status: 200 }));
    const api = createApiClient({ fetch: server.fetch, csrfToken: () => null });
    await expect(api.health()).rejects.toMatchObject({ code: 'CONCORD_WEB_UNEXPECTED_RESPONSE' });
  });
});
