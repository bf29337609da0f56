import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../api/client';
import { complianceReportPath, createPhiApi, permissionsPageOf } from './phi-api';

const grant = (userId: string) => ({
  userId,
  email: `${userId}@example.org`,
  name: userId,
  permission: 'phi:reveal' as const,
  grantedBy: 'usr_admin',
  grantedAt: '2026-01-01T00:00:00.000Z',
});

describe('permissionsPageOf', () => {
  it('cuts a page out of a list the server sends whole, with its total', () => {
    const body = { permissions: ['a', 'b', 'c'].map(grant) };
    const page = permissionsPageOf(body, { limit: 2, offset: 2 });
    expect(page.grants.map((g) => g.userId)).toEqual(['c']);
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 2 });
  });

  it('takes a page the server already cut as it is', () => {
    const body = { permissions: [grant('c')], total: 3, limit: 2, offset: 2 };
    const page = permissionsPageOf(body, { limit: 2, offset: 2 });
    expect(page.grants.map((g) => g.userId)).toEqual(['c']);
    expect(page.total).toBe(3);
  });
});

/** The JSON a recorded request sent (the client always sends a string). */
const bodyOf = (call: { init: RequestInit } | undefined): unknown =>
  JSON.parse(typeof call?.init.body === 'string' ? call.init.body : 'null');

describe('createPhiApi', () => {
  function recording() {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetch: FetchLike = (url, init) => {
      calls.push({ url, init });
      return Promise.resolve(new Response('{}', { status: 200 }));
    };
    return { calls, api: createPhiApi({ fetch, csrfToken: () => 'tok' }) };
  }

  it('revokes at /permissions/:userId/:permission with both parts escaped and the CSRF header', async () => {
    const { calls, api } = recording();
    await api.revoke('prj 1', 'usr/2');
    expect(calls[0]?.url).toBe('/api/projects/prj%201/permissions/usr%2F2/phi%3Areveal');
    expect(calls[0]?.init.method).toBe('DELETE');
    expect((calls[0]?.init.headers as Record<string, string>)['x-csrf-token']).toBe('tok');
  });

  it('reads the vault status from GET /projects/:id/vault, not the compliance report', async () => {
    const { calls, api } = recording();
    await api.vaultStatus('prj 1');
    expect(calls[0]?.url).toBe('/api/projects/prj%201/vault');
    expect(calls[0]?.init.method).toBe('GET');
  });

  it('saves PHI settings with PUT /projects/:id/phi, the phi section and credentials in the body', async () => {
    const { calls, api } = recording();
    await api.updatePhi('prj 1', { phi: { mode: 'redact' }, credentials: ['clinical'] });
    expect(calls[0]?.url).toBe('/api/projects/prj%201/phi');
    expect(calls[0]?.init.method).toBe('PUT');
    expect(bodyOf(calls[0])).toEqual({ phi: { mode: 'redact' }, credentials: ['clinical'] });
  });

  it('sends the reveal reason and the vault deletion reason in the body', async () => {
    const { calls, api } = recording();
    await api.reveal('itm_1', 'checking a dose');
    await api.purgeVault('prj_1', 'study closed');
    expect(calls[0]).toMatchObject({ url: '/api/items/itm_1/reveal' });
    expect(bodyOf(calls[0])).toEqual({ reason: 'checking a dose' });
    expect(calls[1]?.init.method).toBe('DELETE');
    expect(bodyOf(calls[1])).toEqual({ reason: 'study closed' });
  });

  it('grants by email or by user ID, never both', async () => {
    const { calls, api } = recording();
    await api.grant('prj_1', { email: 'dr@example.org' });
    await api.grant('prj_1', { userId: 'usr_9' });
    expect(bodyOf(calls[0])).toEqual({
      email: 'dr@example.org',
      permission: 'phi:reveal',
    });
    expect(bodyOf(calls[1])).toEqual({
      userId: 'usr_9',
      permission: 'phi:reveal',
    });
  });
});

describe('complianceReportPath', () => {
  it('names the format in the query', () => {
    expect(complianceReportPath('prj_1', 'html')).toBe(
      '/api/projects/prj_1/compliance-report?format=html',
    );
  });
});
