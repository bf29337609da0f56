import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { verifyAuditLog } from '@concord/server';
import {
  describeDatabase,
  usingDatabase,
  withDatabaseOptions,
  type DatabaseOptions,
} from '../../database-options.js';
import { EXIT, out } from '../../output.js';

interface VerifyOptions extends DatabaseOptions {
  readonly json: boolean;
}

export function registerAuditVerify(audit: Command): void {
  withDatabaseOptions(
    audit
      .command('verify')
      .description(
        'recompute the audit hash chain offline and name the first altered event (exit 1 if broken)',
      )
      .option('--json', 'print {"ok", "events", "brokenAt", …} as JSON', false),
  ).action(async (options: VerifyOptions) => {
    await usingDatabase(options, async (ctx, database) => {
      const showProgress = !options.json && process.stderr.isTTY;
      const bar = new SingleBar(
        { format: 'verifying {bar} {value}/{total} events', stream: process.stderr },
        Presets.shades_classic,
      );
      let started = false;
      const verdict = await verifyAuditLog(ctx.db, {
        onProgress: (checked, total) => {
          if (!showProgress) return;
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(checked);
        },
      });
      if (started) bar.stop();
      if (options.json) out(JSON.stringify(verdict));
      else if (verdict.ok)
        out(
          `Audit log intact: ${verdict.events} event${verdict.events === 1 ? '' : 's'} verified (${describeDatabase(database)}).`,
        );
      else
        out(
          `Audit log BROKEN at event ${verdict.brokenAt}: ${verdict.message} (${verdict.reason}). Events after it cannot be trusted.`,
        );
      process.exitCode = verdict.ok ? EXIT.ok : EXIT.failed;
    });
  });
}
