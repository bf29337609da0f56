import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { buildServer } from '@concord/server';
import { run } from '../test/run-cli.js';

/** A small labelled project in a SQLite data dir, made over the API of an in-process server. */
async function seedProject(dir: string): Promise<string> {
  const app = await buildServer({
    dataDir: dir,
    webRoot: null,
    passwordCost: 10,
    adminEmail: 'admin@example.org',
    adminPassword: 'correct horse battery',
  });
  try {
    const call = async (
      token: string | null,
      method: 'GET' | 'POST',
      url: string,
      payload?: unknown,
    ) => {
      const res = await app.inject({
        method,
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
      });
      return res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {};
    };
    const admin = (
      await call(null, 'POST', '/api/auth/login', {
        email: 'admin@example.org',
        password: 'correct horse battery',
      })
    ).token as string;
    const projectId = (
      await call(admin, 'POST', '/api/projects', {
        name: 'Export',
        template: 'sentiment',
        policy: { overlap: 1, goldRate: 0 },
      })
    ).id as string;
    await call(admin, 'POST', `/api/projects/${projectId}/items`, [
      { data: { text: 'great' } },
      { data: { text: '=HYPERLINK("x")' } },
    ]);
    const annotator = (
      await call(admin, 'POST', '/api/users', {
        email: 'ann@example.org',
        name: 'Ann',
        password: 'a long enough password',
        role: 'member',
      })
    ).id as string;
    await call(admin, 'POST', `/api/projects/${projectId}/members`, {
      userId: annotator,
      role: 'annotator',
    });
    const token = (
      await call(null, 'POST', '/api/auth/login', {
        email: 'ann@example.org',
        password: 'a long enough password',
      })
    ).token as string;
    for (let i = 0; i < 2; i++) {
      const next = (await call(token, 'GET', `/api/projects/${projectId}/next`)) as {
        assignment: { id: string };
      };
      await call(token, 'POST', `/api/assignments/${next.assignment.id}/submit`, {
        value: { sentiment: 'positive' },
        clientId: `c${i}`,
      });
    }
    return projectId;
  } finally {
    await app.close();
  }
}

describe('concord export', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concord-export-'));
    vi.stubEnv('DATABASE_URL', undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it('freezes a snapshot and writes JSONL and CSV files whose SHA-256 matches the manifest', async () => {
    const projectId = await seedProject(dir);
    const none = await run('export', '--project', projectId, '--data-dir', dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('has no snapshot yet: add --new --as EMAIL');
    const out = join(dir, 'labels.jsonl');
    const manifestPath = join(dir, 'manifest.json');
    const result = await run(
      'export',
      '--project',
      projectId,
      '--new',
      '--as',
      'admin@example.org',
      '--out',
      out,
      '--manifest',
      manifestPath,
      '--data-dir',
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('matches the manifest');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      files: { format: string; annotations: boolean; sha256: string }[];
    };
    const digest = createHash('sha256').update(readFileSync(out)).digest('hex');
    expect(manifest.files.find((f) => f.format === 'jsonl' && !f.annotations)!.sha256).toBe(digest);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { label: unknown; method: string });
    expect(rows).toEqual([
      expect.objectContaining({ label: { sentiment: 'positive' }, method: 'majority' }),
      expect.objectContaining({ method: 'majority' }),
    ]);

    const csv = join(dir, 'labels.csv');
    expect(
      (
        await run(
          'export',
          '--project',
          projectId,
          '--format',
          'csv',
          '--out',
          csv,
          '--data-dir',
          dir,
        )
      ).code,
    ).toBe(0);
    const csvDigest = createHash('sha256').update(readFileSync(csv)).digest('hex');
    expect(manifest.files.find((f) => f.format === 'csv')!.sha256).toBe(csvDigest);
    expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toBe(
      'item_id,sentiment,method,confidence,data',
    );
  });

  it('exits 1 when the stored snapshot no longer matches its manifest', async () => {
    const projectId = await seedProject(dir);
    expect(
      (
        await run(
          'export',
          '--project',
          projectId,
          '--new',
          '--as',
          'admin@example.org',
          '--out',
          join(dir, 'a.jsonl'),
          '--data-dir',
          dir,
        )
      ).code,
    ).toBe(0);
    const sqlite = new SQLite(join(dir, 'concord.db'));
    sqlite
      .prepare(`update snapshot_items set value = '{"sentiment":"negative"}' where ord = 1`)
      .run();
    sqlite.close();
    const tampered = await run(
      'export',
      '--project',
      projectId,
      '--out',
      join(dir, 'b.jsonl'),
      '--data-dir',
      dir,
    );
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain("differs from the manifest's");
  });
});
