import type { Selectable } from 'kysely';
import type { AppContext } from '../context.js';
import type { ProjectsTable } from '../db/schema.js';
import { verifyAuditLog } from '../audit/audit-log.js';
import { parseConfig } from '../presenters/project.js';
import { missingCredentials, parseCredentials } from './credentials.js';
import { listPermissions, type PermissionGrant } from './permissions.js';

/*
 * A project's compliance report: who accessed which records and when, every reveal, the grants,
 * annotators' credentials against the requirement, guideline versions, the vault, and the audit
 * chain's verification. Nothing in it is paginated: each list is capped (REPORT_CAPS) and says
 * how many rows there were in all, so a reader knows when the audit log holds more.
 */

export const REPORT_CAPS = { access: 10_000, reveals: 5_000, events: 5_000 } as const;

export interface CappedList<T> {
  readonly total: number;
  /** Newest first, at most the cap. */
  readonly rows: readonly T[];
  readonly capped: boolean;
}

export interface ComplianceReport {
  readonly generatedAt: string;
  readonly generatedBy: string;
  readonly project: {
    readonly id: string;
    readonly name: string;
    readonly phi: boolean;
    readonly requiredCredentials: readonly string[];
    readonly retentionDays: number | null;
    readonly items: number;
  };
  readonly access: CappedList<{
    readonly userId: string;
    readonly email: string;
    readonly itemId: string;
    readonly kind: string;
    readonly state: string;
    readonly leasedAt: string;
    readonly finishedAt: string | null;
  }>;
  readonly reveals: CappedList<{
    readonly at: string;
    readonly userId: string | null;
    readonly email: string | null;
    readonly itemId: string;
    readonly fields: readonly string[];
    readonly reason: string;
  }>;
  readonly permissions: {
    readonly current: readonly PermissionGrant[];
    readonly history: CappedList<AuditRow>;
  };
  readonly credentials: readonly {
    readonly userId: string;
    readonly email: string;
    readonly role: string;
    readonly credentials: readonly string[];
    readonly missing: readonly string[];
  }[];
  readonly guidelines: {
    readonly current: number;
    /** Annotations made under each guideline version. */
    readonly annotations: readonly { readonly version: number; readonly annotations: number }[];
    /** Audit events of the project that set a guideline version (creation, updates). */
    readonly changes: readonly AuditRow[];
  };
  readonly vault: {
    readonly rows: number;
    readonly keyIds: readonly string[];
    readonly serverKeyId: string | null;
    readonly secret: boolean;
    readonly purges: readonly AuditRow[];
  };
  readonly auditChain:
    | { readonly ok: true; readonly events: number }
    | {
        readonly ok: false;
        readonly events: number;
        readonly brokenAt: number;
        readonly reason: string;
        readonly message: string;
      };
}

export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actorId: string | null;
  readonly email: string | null;
  readonly action: string;
  readonly payload: unknown;
}

function capped<T>(rows: readonly T[], total: number, cap: number): CappedList<T> {
  return { total, rows: rows.slice(0, cap), capped: total > cap };
}

const count = (n: { n: number | string | bigint } | undefined) => Number(n?.n ?? 0);

/** Gathers the report of a project (the caller has checked who may read it). */
export async function buildComplianceReport(
  ctx: AppContext,
  project: Selectable<ProjectsTable>,
  generatedBy: string,
): Promise<ComplianceReport> {
  const { db } = ctx;
  const config = parseConfig(project);
  /** The project's audit events of these actions (or a `like` pattern), newest first unless `oldestFirst`. */
  const projectEvents = (
    actions: readonly string[] | { readonly like: string },
    limit: number,
    oldestFirst = false,
  ) =>
    db
      .selectFrom('audit_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.seq', 'e.at', 'e.actor_id', 'u.email', 'e.action', 'e.payload'])
      .where('e.entity_type', '=', 'project')
      .where('e.entity_id', '=', project.id)
      .where((eb) =>
        'like' in actions ? eb('e.action', 'like', actions.like) : eb('e.action', 'in', actions),
      )
      .orderBy('e.seq', oldestFirst ? 'asc' : 'desc')
      .limit(limit)
      .execute()
      .then((rows) =>
        rows.map((r): AuditRow => ({
          seq: Number(r.seq),
          at: r.at,
          actorId: r.actor_id,
          email: r.email,
          action: r.action,
          payload: JSON.parse(r.payload) as unknown,
        })),
      );
  const countEvents = (actions: readonly string[]) =>
    db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity_type', '=', 'project')
      .where('entity_id', '=', project.id)
      .where('action', 'in', actions)
      .executeTakeFirst()
      .then(count);

  const [
    accessRows,
    accessTotal,
    revealRows,
    revealTotal,
    current,
    grantHistory,
    grantTotal,
    members,
    perVersion,
    guidelineEvents,
    vaultRows,
    keyIds,
    secret,
    purges,
    chain,
  ] = await Promise.all([
    db
      .selectFrom('assignments as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select([
        'a.user_id',
        'u.email',
        'a.item_id',
        'a.kind',
        'a.state',
        'a.leased_at',
        'a.finished_at',
      ])
      .where('a.project_id', '=', project.id)
      .orderBy('a.leased_at', 'desc')
      .orderBy('a.id')
      .limit(REPORT_CAPS.access)
      .execute(),
    db
      .selectFrom('assignments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', project.id)
      .executeTakeFirst()
      .then(count),
    projectEvents(['phi.reveal'], REPORT_CAPS.reveals),
    countEvents(['phi.reveal']),
    listPermissions(db, project.id),
    projectEvents(['project.permission.grant', 'project.permission.revoke'], REPORT_CAPS.events),
    countEvents(['project.permission.grant', 'project.permission.revoke']),
    db
      .selectFrom('project_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'u.email', 'm.role', 'u.credentials'])
      .where('m.project_id', '=', project.id)
      .orderBy('u.email')
      .execute(),
    db
      .selectFrom('annotations')
      .select(['guideline_version', (eb) => eb.fn.countAll<number>().as('n')])
      .where('project_id', '=', project.id)
      .groupBy('guideline_version')
      .orderBy('guideline_version')
      .execute(),
    projectEvents({ like: 'project.%' }, REPORT_CAPS.events, true),
    db
      .selectFrom('phi_vault')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', project.id)
      .executeTakeFirst()
      .then(count),
    db
      .selectFrom('phi_vault')
      .select('key_id')
      .distinct()
      .where('project_id', '=', project.id)
      .execute(),
    db
      .selectFrom('phi_secrets')
      .select('project_id')
      .where('project_id', '=', project.id)
      .executeTakeFirst(),
    projectEvents(['phi.vault.purge'], REPORT_CAPS.events),
    verifyAuditLog(db),
  ]);

  return {
    generatedAt: ctx.now().toISOString(),
    generatedBy,
    project: {
      id: project.id,
      name: project.name,
      phi: config.phi !== undefined,
      requiredCredentials: config.credentials ?? [],
      retentionDays: config.phi?.retentionDays ?? null,
      items: Number(project.item_count),
    },
    access: capped(
      accessRows.map((r) => ({
        userId: r.user_id,
        email: r.email,
        itemId: r.item_id,
        kind: r.kind,
        state: r.state,
        leasedAt: r.leased_at,
        finishedAt: r.finished_at,
      })),
      accessTotal,
      REPORT_CAPS.access,
    ),
    reveals: capped(
      revealRows.map((r) => {
        const p = r.payload as { itemId?: string; fields?: string[]; reason?: string };
        return {
          at: r.at,
          userId: r.actorId,
          email: r.email,
          itemId: p.itemId ?? '',
          fields: p.fields ?? [],
          reason: p.reason ?? '',
        };
      }),
      revealTotal,
      REPORT_CAPS.reveals,
    ),
    permissions: {
      current,
      history: capped(grantHistory, grantTotal, REPORT_CAPS.events),
    },
    credentials: members.map((m) => {
      const held = parseCredentials(m.credentials);
      return {
        userId: m.user_id,
        email: m.email,
        role: m.role,
        credentials: held,
        missing: missingCredentials(config.credentials, held),
      };
    }),
    guidelines: {
      current: Number(project.guideline_version),
      annotations: perVersion.map((r) => ({
        version: Number(r.guideline_version),
        annotations: Number(r.n),
      })),
      changes: guidelineEvents
        .filter(
          (r) =>
            typeof r.payload === 'object' && r.payload !== null && 'guidelineVersion' in r.payload,
        )
        .map((r) => ({
          ...r,
          payload: {
            guidelineVersion: (r.payload as { guidelineVersion: unknown }).guidelineVersion,
          },
        })),
    },
    vault: {
      rows: vaultRows,
      keyIds: keyIds.map((k) => k.key_id).sort(),
      serverKeyId: ctx.vault?.keyId ?? null,
      secret: secret !== undefined,
      purges,
    },
    auditChain: chain,
  };
}

const escapeHtml = (value: string | number | boolean | null | undefined) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

type Cell = string | number | boolean | null | undefined;

function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  if (rows.length === 0) return '<p class="none">None.</p>';
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** "1 reveal", "2 reveals". */
const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function cappedNote(list: CappedList<unknown>, what: string): string {
  return list.capped
    ? `<p class="note">Showing the newest ${list.rows.length} of ${counted(list.total, what)}; the audit log holds them all.</p>`
    : `<p class="note">${counted(list.total, what)}.</p>`;
}

/** Emails of the users the report names, so tables show people rather than IDs. */
function emailsById(report: ComplianceReport): Map<string, string> {
  const emails = new Map<string, string>();
  for (const r of report.access.rows) emails.set(r.userId, r.email);
  for (const c of report.credentials) emails.set(c.userId, c.email);
  for (const g of report.permissions.current) if (g.email) emails.set(g.userId, g.email);
  for (const r of [...report.permissions.history.rows, ...report.guidelines.changes])
    if (r.actorId && r.email) emails.set(r.actorId, r.email);
  return emails;
}

/** The report as one self-contained, printable HTML document (no scripts, no external resources). */
export function renderComplianceHtml(report: ComplianceReport): string {
  const { project, vault, auditChain } = report;
  const chain = auditChain.ok
    ? `<p class="ok">Verified: ${auditChain.events} events, every hash and link intact.</p>`
    : `<p class="bad">BROKEN at event ${auditChain.brokenAt} (${escapeHtml(auditChain.reason)}): ${escapeHtml(auditChain.message)}</p>`;
  const lastPurge = vault.purges[0];
  const emails = emailsById(report);
  const person = (id: string | null | undefined) => (id ? (emails.get(id) ?? id) : '');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Compliance report — ${escapeHtml(project.name)}</title>
<style>
body{font:13px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111;margin:2rem;max-width:75rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.75rem 0 .4rem;border-bottom:1px solid #999;break-after:avoid}
table{border-collapse:collapse;width:100%;margin:.3rem 0}th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:left;vertical-align:top;font-variant-numeric:tabular-nums}
th{background:#eee}tr{break-inside:avoid}.note,.none{color:#555}.ok{color:#05620b;font-weight:600}.bad{color:#a00000;font-weight:700}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}dt{font-weight:600}
@media print{body{margin:0}th{background:#eee!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
</style></head><body>
<h1>Compliance report: ${escapeHtml(project.name)}</h1>
<dl>
<dt>Project</dt><dd>${escapeHtml(project.id)}${project.phi ? ' (PHI: de-identified on import, originals in the vault)' : ' (not a PHI project)'}</dd>
<dt>Generated</dt><dd>${escapeHtml(report.generatedAt)} by ${escapeHtml(report.generatedBy)}</dd>
<dt>Items</dt><dd>${project.items}</dd>
<dt>Required credentials</dt><dd>${escapeHtml(project.requiredCredentials.join(', ') || 'none')}</dd>
<dt>Retention</dt><dd>${project.retentionDays === null ? 'originals kept until purged' : `${project.retentionDays} days`}</dd>
</dl>
<h2>Audit chain</h2>
${chain}
<h2>Record access (assignments)</h2>
${cappedNote(report.access, 'assignment')}
${table(
  ['User', 'Item', 'Kind', 'State', 'Leased', 'Finished'],
  report.access.rows.map((r) => [
    r.email,
    r.itemId,
    r.kind,
    r.state,
    r.leasedAt,
    r.finishedAt ?? '',
  ]),
)}
<h2>Reveals of originals</h2>
${cappedNote(report.reveals, 'reveal')}
${table(
  ['When', 'Who', 'Item', 'Fields', 'Reason'],
  report.reveals.rows.map((r) => [
    r.at,
    r.email ?? r.userId ?? '',
    r.itemId,
    r.fields.join(', '),
    r.reason,
  ]),
)}
<h2>Permissions</h2>
${table(
  ['User', 'Permission', 'Granted', 'Granted by'],
  report.permissions.current.map((g) => [g.email, g.permission, g.grantedAt, person(g.grantedBy)]),
)}
<p class="note">History of grants and revocations:</p>
${table(
  ['When', 'By', 'Action', 'User', 'Permission'],
  report.permissions.history.rows.map((r) => {
    const p = r.payload as { userId?: string; permission?: string };
    return [r.at, r.email ?? r.actorId ?? '', r.action, person(p.userId), p.permission ?? ''];
  }),
)}
<h2>Members' credentials</h2>
${table(
  ['User', 'Role', 'Credentials', 'Missing'],
  report.credentials.map((c) => [c.email, c.role, c.credentials.join(', '), c.missing.join(', ')]),
)}
<h2>Guideline versions</h2>
<p>Current version: ${report.guidelines.current}.</p>
<p class="note">Annotations made under each version:</p>
${table(
  ['Version', 'Annotations made under it'],
  report.guidelines.annotations.map((g) => [g.version, g.annotations]),
)}
<p class="note">Changes of version:</p>
${table(
  ['When', 'By', 'Event', 'Version'],
  report.guidelines.changes.map((r) => [
    r.at,
    r.email ?? r.actorId ?? '',
    r.action,
    String((r.payload as { guidelineVersion?: unknown }).guidelineVersion),
  ]),
)}
<h2>Vault</h2>
<dl>
<dt>Sealed originals</dt><dd>${vault.rows}</dd>
<dt>Sealed under keys</dt><dd>${escapeHtml(vault.keyIds.join(', ') || '—')}</dd>
<dt>Server key</dt><dd>${escapeHtml(vault.serverKeyId ?? 'none configured')}</dd>
<dt>Surrogate secret</dt><dd>${vault.secret ? 'present (sealed)' : 'none (never imported, or destroyed by a purge)'}</dd>
<dt>Last purge</dt><dd>${lastPurge ? `${escapeHtml(lastPurge.at)} — ${escapeHtml(JSON.stringify(lastPurge.payload))}` : 'never'}</dd>
</dl>
<p class="note">Purges:</p>
${table(
  ['When', 'By', 'Details'],
  vault.purges.map((r) => [r.at, r.email ?? r.actorId ?? 'retention', JSON.stringify(r.payload)]),
)}
</body></html>
`;
}
