import { createHash } from 'node:crypto';
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { buildSnapshot, exportFormats, parseConfig, snapshotExport } from '@concord/server';
import { usingDatabase, withDatabaseOptions, type DatabaseOptions } from '../database-options.js';
import { CliError, EXIT, err, out } from '../output.js';

interface ExportOptions extends DatabaseOptions {
  readonly project: string;
  readonly snapshot?: string;
  readonly new: boolean;
  readonly as?: string;
  readonly format: string;
  readonly annotations: boolean;
  readonly out?: string;
  readonly manifest?: string;
}

interface ManifestFile {
  readonly format: string;
  readonly annotations: boolean;
  readonly sha256: string;
  readonly rows: number;
}

export function registerExport(program: Command): void {
  withDatabaseOptions(
    program
      .command('export')
      .description(
        'write a snapshot of a project as JSONL or CSV, checked against its manifest’s SHA-256',
      )
      .requiredOption('--project <id>', 'the project')
      .option('--snapshot <id>', 'the snapshot to export (default: the newest)')
      .option('--new', 'freeze a new snapshot first (needs --as)', false)
      .option('--as <email>', 'who freezes the snapshot: a manager of the project or an admin')
      .option('--format <format>', 'jsonl or csv', 'jsonl')
      .option(
        '--annotations',
        'JSONL only: include every individual annotation (pseudonymous annotators)',
        false,
      )
      .option('-o, --out <file>', 'write here instead of stdout')
      .option('--manifest <file>', 'also write the snapshot’s manifest (lineage) as JSON'),
  ).action(async (options: ExportOptions) => {
    if (options.format !== 'jsonl' && options.format !== 'csv')
      throw new CliError(`--format must be jsonl or csv, got "${options.format}"`);
    const format = exportFormats().find(
      (f) => f.format === options.format && f.annotations === options.annotations,
    );
    if (!format) throw new CliError('--annotations works with --format jsonl only');
    if (options.new && !options.as)
      throw new CliError(
        '--new needs --as EMAIL (a manager of the project or an admin), who is recorded as the snapshot’s author',
      );
    await usingDatabase(options, async (ctx) => {
      const project = await ctx.db
        .selectFrom('projects')
        .selectAll()
        .where('id', '=', options.project)
        .executeTakeFirst();
      if (!project)
        throw new CliError(
          `no project ${options.project} (concord users list shows users; the web app lists projects)`,
        );
      let snapshotId = options.snapshot;
      if (options.new) {
        const actor = await ctx.db
          .selectFrom('users as u')
          .leftJoin('project_members as m', (j) =>
            j.onRef('m.user_id', '=', 'u.id').on('m.project_id', '=', project.id),
          )
          .select(['u.id', 'u.role', 'm.role as project_role'])
          .where('u.email', '=', options.as!.trim().toLowerCase())
          .where('u.disabled_at', 'is', null)
          .executeTakeFirst();
        if (!actor || (actor.role !== 'admin' && actor.project_role !== 'manager'))
          throw new CliError(`--as ${options.as}: not an active admin or manager of this project`);
        const created = await buildSnapshot(ctx, actor.id, project.id);
        snapshotId = created.id;
        err(`froze snapshot v${created.version} (${created.id})`);
      }
      const snapshot = snapshotId
        ? await ctx.db
            .selectFrom('snapshots')
            .selectAll()
            .where('id', '=', snapshotId)
            .where('project_id', '=', project.id)
            .executeTakeFirst()
        : await ctx.db
            .selectFrom('snapshots')
            .selectAll()
            .where('project_id', '=', project.id)
            .orderBy('version', 'desc')
            .executeTakeFirst();
      if (!snapshot)
        throw new CliError(
          snapshotId
            ? `no snapshot ${snapshotId} in project ${project.id}`
            : `project ${project.id} has no snapshot yet: add --new --as EMAIL to freeze one`,
        );
      const manifest = JSON.parse(snapshot.manifest) as { files: ManifestFile[] };
      const expected = manifest.files.find(
        (f) => f.format === format.format && f.annotations === format.annotations,
      );
      if (options.manifest)
        writeFileSync(options.manifest, `${JSON.stringify(manifest, null, 2)}\n`);

      const hash = createHash('sha256');
      const sink = options.out ? createWriteStream(options.out) : process.stdout;
      for await (const chunk of snapshotExport(ctx.db, snapshot.id, parseConfig(project), format)) {
        hash.update(chunk);
        if (!sink.write(chunk)) await once(sink, 'drain');
      }
      if (options.out) {
        (sink as ReturnType<typeof createWriteStream>).end();
        await once(sink, 'finish');
      }
      const digest = hash.digest('hex');
      const where = options.out ?? 'stdout';
      if (expected && expected.sha256 !== digest) {
        err(
          `wrote ${where}, but its SHA-256 ${digest} differs from the manifest's ${expected.sha256}: the snapshot was altered`,
        );
        process.exitCode = EXIT.failed;
        return;
      }
      const message = `snapshot v${snapshot.version}: ${snapshot.items} items written to ${where}; SHA-256 ${digest}${expected ? ' matches the manifest' : ''}`;
      if (options.out) out(message);
      else err(message);
    });
  });
}
