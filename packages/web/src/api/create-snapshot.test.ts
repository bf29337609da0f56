import { describe, expect, it } from 'vitest';
import { CSRF_HEADER, createApiClient } from './client';
import type { FetchLike } from './client';

describe('createSnapshot', () => {
  it('posts the training options as {training}, and no body without them (the server’s defaults)', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetch: FetchLike = (url, init) => {
      calls.push({ url, init });
      return Promise.resolve(
        new Response(JSON.stringify({ id: 'snp_1', version: 2 }), { status: 201 }),
      );
    };
    const api = createApiClient({ fetch, csrfToken: () => 'tok' });
    const training = {
      ties: 'flag',
      minAgreement: 0.67,
      lowAgreement: 'exclude',
      rankingPairs: 'all',
    } as const;
    expect(await api.createSnapshot('p/1', training)).toEqual({ id: 'snp_1', version: 2 });
    await api.createSnapshot('p/1');
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'POST /api/projects/p%2F1/snapshots',
      'POST /api/projects/p%2F1/snapshots',
    ]);
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ training });
    expect(calls[1]!.init.body).toBeUndefined();
    expect((calls[0]!.init.headers as Record<string, string>)[CSRF_HEADER]).toBe('tok');
  });
});
