import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { run } from './test/run-cli.js';

describe('concord CLI (SQLite, offline)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concord-cli-'));
    // The CLI defaults to DATABASE_URL when it is set; these tests are about a SQLite data dir.
    vi.stubEnv('DATABASE_URL', undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it('users add and users list work on the database directly', async () => {
    const added = await run(
      'users',
      'add',
      '--email',
      'Ana@Example.org',
      '--name',
      'Ana',
      '--role',
      'admin',
      '--password',
      'a long enough password',
      '--data-dir',
      dir,
    );
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toMatch(/^created admin ana@example\.org \(usr_[0-9a-z]{20}\)/);
    const listed = await run('users', 'list', '--json', '--data-dir', dir);
    expect(JSON.parse(listed.stdout.trim())).toMatchObject({
      email: 'ana@example.org',
      name: 'Ana',
      role: 'admin',
      disabled: false,
    });
  });

  it('refuses bad input with a message that names the option, exit code 2', async () => {
    const bad = await run(
      'users',
      'add',
      '--email',
      'ana@example.org',
      '--role',
      'owner',
      '--password',
      'a long enough password',
      '--data-dir',
      dir,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--role must be one of admin, auditor, member');
    const short = await run(
      'users',
      'add',
      '--email',
      'ana@example.org',
      '--password',
      'short',
      '--data-dir',
      dir,
    );
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 12 characters');
  });

  it('audit verify passes on an untouched log and names the edited event after tampering (exit 1)', async () => {
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) {
      expect(
        (
          await run(
            'users',
            'add',
            '--email',
            email,
            '--password',
            'a long enough password',
            '--data-dir',
            dir,
          )
        ).code,
      ).toBe(0);
    }
    const intact = await run('audit', 'verify', '--json', '--data-dir', dir);
    expect(intact.code).toBe(0);
    expect(JSON.parse(intact.stdout)).toEqual({ ok: true, events: 3 });

    const sqlite = new SQLite(join(dir, 'concord.db'));
    sqlite
      .prepare(
        'update audit_events set payload = \'{"email":"b@example.org","name":"b","role":"admin"}\' where seq = 2',
      )
      .run();
    sqlite.close();

    const broken = await run('audit', 'verify', '--json', '--data-dir', dir);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'payload-digest-mismatch',
    });
    const text = await run('audit', 'verify', '--data-dir', dir);
    expect(text.stdout).toContain('BROKEN at event 2');
  });

  it('--help lists the commands', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    for (const command of ['serve', 'users', 'audit']) expect(help.stdout).toContain(command);
  });
});
