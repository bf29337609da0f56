import { describe, expect, it, vi } from 'vitest';
import { CSRF_HEADER } from './client';
import type { FetchLike } from './client';
import { ApiError, NETWORK_ERROR } from './errors';
import { createQualityApi } from './quality';

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

function fakeServer(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetch: FetchLike = (url, init) => {
    const call = { url, init };
    calls.push(call);
    return Promise.resolve(answer(call));
  };
  return { calls, fetch };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const header = (call: Call | undefined, name: string): string | undefined =>
  (call?.init.headers as Record<string, string> | undefined)?.[name];

describe('createQualityApi', () => {
  it('asks for a page of the queue by status, and sends the CSRF token only with a decision', async () => {
    const server = fakeServer((call) =>
      call.init.method === 'GET'
        ? json(200, { items: [], total: 0, limit: 2, offset: 4 })
        : new Response(null, { status: 204 }),
    );
    const api = createQualityApi({ fetch: server.fetch, csrfToken: () => 'tok' });
    await api.adjudications('p 1', { status: 'decided', limit: 2, offset: 4 });
    await expect(
      api.adjudicate('i/1', { value: { sentiment: 'negative' }, rationale: 'rule 3' }),
    ).resolves.toBeUndefined();
    expect(server.calls[0]?.url).toBe(
      '/api/projects/p%201/adjudications?status=decided&limit=2&offset=4',
    );
    expect(header(server.calls[0], CSRF_HEADER)).toBeUndefined();
    expect(server.calls[1]?.url).toBe('/api/items/i%2F1/adjudicate');
    expect(header(server.calls[1], CSRF_HEADER)).toBe('tok');
    expect(JSON.parse(server.calls[1]?.init.body as string)).toEqual({
      value: { sentiment: 'negative' },
      rationale: 'rule 3',
    });
  });

  it('turns a refused decision into an ApiError that keeps the details by path', async () => {
    const details = [{ path: 'body.value.sentiment', message: 'must be one of the labels' }];
    const server = fakeServer(() =>
      json(400, { error: { code: 'CONCORD_ERR_VALIDATION', message: 'bad', details } }),
    );
    const api = createQualityApi({ fetch: server.fetch, csrfToken: () => null });
    const error = await api
      .adjudicate('i_1', { value: {}, rationale: 'abc' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).details).toEqual(details);
  });

  it('tells the app when the session has ended', async () => {
    const onSessionEnded = vi.fn();
    const server = fakeServer(() =>
      json(401, { error: { code: 'CONCORD_ERR_UNAUTHENTICATED', message: 'sign in' } }),
    );
    const api = createQualityApi({ fetch: server.fetch, csrfToken: () => null, onSessionEnded });
    await expect(api.quality('p_1')).rejects.toBeInstanceOf(ApiError);
    expect(onSessionEnded).toHaveBeenCalledOnce();
  });

  it('says the request did not reach the server when the network fails', async () => {
    const api = createQualityApi({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      csrfToken: () => null,
    });
    await expect(api.snapshots('p_1')).rejects.toMatchObject({ code: NETWORK_ERROR, status: 0 });
  });
});
